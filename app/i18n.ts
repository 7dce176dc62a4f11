// Where the page names, for the browser, its language's catalogue (the preload link's address) and
// carries the numbers its messages name (app/message-variables.ts); see root.tsx and entry.client.tsx. This module imports nothing:
// every page's JavaScript loads it.

export const CATALOGUE_ELEMENT_ID = "taf-messages";

export const MESSAGE_VARIABLES_ELEMENT_ID = "taf-message-variables";
