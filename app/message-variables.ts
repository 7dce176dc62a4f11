import { PASSWORD_MIN_LENGTH } from "./auth/password-rules";
import { STATEMENT_MAX } from "./proposals/partner-schema";
import { ROUND_FORM_BOUNDS } from "./rounds/round-schema";

// What the server gives i18next besides the catalogue: numbers the messages name, so that a
// form's words and its rules cannot disagree. They are read from the forms' zod schemas, so the
// browser does not import this module (it would load zod with every page): root.tsx puts them in
// the page beside the catalogue, and entry.client.tsx reads them from there.

export const MESSAGE_VARIABLES = { passwordMinLength: PASSWORD_MIN_LENGTH, roundBounds: ROUND_FORM_BOUNDS, partnerStatementMax: STATEMENT_MAX };
