// What the server's processes (server/) take from the app. The app's server entry exports it
// (entry.server.tsx), so a process reaches these modules through the Remix build it loads anyway
// and holds each of them once, not a second copy bundled beside the build (ADR 028).
export { SESSION_COOKIE_NAME, sessionSecret } from "./auth/session.server";
export { closeDatabase, connection } from "./db.server";
export { DEMO_PASSWORD, demoPeople, hasDemoPeople, loadDemoData } from "./demo/demo.server";
export { startBackgroundJobs } from "./jobs/background.server";
export { refusalPage } from "./refusal-page.server";
export { answeringStorageFaults } from "./storage-faults.server";
export { KOSOVO_FOOTNOTE } from "../workflows/countries";
