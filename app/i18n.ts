// Where the page carries, for the browser, its language's catalogue and the numbers its messages
// name (app/message-variables.ts); see root.tsx and entry.client.tsx. This module imports nothing:
// every page's JavaScript loads it.

export const CATALOGUE_ELEMENT_ID = "taf-messages";

export const MESSAGE_VARIABLES_ELEMENT_ID = "taf-message-variables";
