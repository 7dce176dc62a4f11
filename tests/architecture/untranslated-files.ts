// The pages and components that still write English of their own (issue 12), checked by
// hard-coded-english.test.ts. Convert a file (ADR 019's recipe), then take it off this list;
// the test fails for a file listed here that has no English left, so the list only shrinks.
export const UNTRANSLATED_FILES: readonly string[] = [
];
