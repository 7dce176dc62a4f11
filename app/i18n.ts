import { PASSWORD_MIN_LENGTH } from "./auth/password-rules";
import { STATEMENT_MAX } from "./proposals/partner-schema";
import { ROUND_FORM_BOUNDS } from "./rounds/round-schema";

// What the browser and the server both give i18next besides the catalogue: numbers the
// messages name, so that a form's words and its rules cannot disagree.

export const MESSAGE_VARIABLES = { passwordMinLength: PASSWORD_MIN_LENGTH, roundBounds: ROUND_FORM_BOUNDS, partnerStatementMax: STATEMENT_MAX };

/** Where the page carries its language's catalogue for the browser (see root.tsx, entry.client.tsx). */
export const CATALOGUE_ELEMENT_ID = "taf-messages";
