// The instant every test's clock starts at, and the day the demo data is dated from: no test
// depends on the day it runs.
export const DEMO_NOW = new Date("2026-03-02T09:00:00.000Z");
