// The message catalogues, one folder per language and one file per area of the portal (core:
// layout and signed-out pages; proposal; documents; admin; review; workflow: the statecharts'
// and vocabulary's words; emails; reporting; account; partnership: the partners, partnership and advisors pages; rules: the eligibility and review criteria, round and
// assignment events, reporting words and the statechart picture). Each area file holds its own top-level
// sections, so a language's catalogue is their union (tests/architecture/catalogues.test.ts
// checks that no section is in two files).

import enCore from "./en/core.json";
import enProposal from "./en/proposal.json";
import enDocuments from "./en/documents.json";
import enAdmin from "./en/admin.json";
import enReview from "./en/review.json";
import enWorkflow from "./en/workflow.json";
import enEmails from "./en/emails.json";
import enReporting from "./en/reporting.json";
import enAccount from "./en/account.json";
import enPartnership from "./en/partnership.json";
import enRules from "./en/rules.json";
import sqCore from "./sq/core.json";
import sqProposal from "./sq/proposal.json";
import sqDocuments from "./sq/documents.json";
import sqAdmin from "./sq/admin.json";
import sqReview from "./sq/review.json";
import sqWorkflow from "./sq/workflow.json";
import sqEmails from "./sq/emails.json";
import sqReporting from "./sq/reporting.json";
import sqAccount from "./sq/account.json";
import sqPartnership from "./sq/partnership.json";
import sqRules from "./sq/rules.json";
import srLatnCore from "./sr-Latn/core.json";
import srLatnProposal from "./sr-Latn/proposal.json";
import srLatnDocuments from "./sr-Latn/documents.json";
import srLatnAdmin from "./sr-Latn/admin.json";
import srLatnReview from "./sr-Latn/review.json";
import srLatnWorkflow from "./sr-Latn/workflow.json";
import srLatnEmails from "./sr-Latn/emails.json";
import srLatnReporting from "./sr-Latn/reporting.json";
import srLatnAccount from "./sr-Latn/account.json";
import srLatnPartnership from "./sr-Latn/partnership.json";
import srLatnRules from "./sr-Latn/rules.json";
import srCyrlCore from "./sr-Cyrl/core.json";
import srCyrlProposal from "./sr-Cyrl/proposal.json";
import srCyrlDocuments from "./sr-Cyrl/documents.json";
import srCyrlAdmin from "./sr-Cyrl/admin.json";
import srCyrlReview from "./sr-Cyrl/review.json";
import srCyrlWorkflow from "./sr-Cyrl/workflow.json";
import srCyrlEmails from "./sr-Cyrl/emails.json";
import srCyrlReporting from "./sr-Cyrl/reporting.json";
import srCyrlAccount from "./sr-Cyrl/account.json";
import srCyrlPartnership from "./sr-Cyrl/partnership.json";
import srCyrlRules from "./sr-Cyrl/rules.json";
import mkCore from "./mk/core.json";
import mkProposal from "./mk/proposal.json";
import mkDocuments from "./mk/documents.json";
import mkAdmin from "./mk/admin.json";
import mkReview from "./mk/review.json";
import mkWorkflow from "./mk/workflow.json";
import mkEmails from "./mk/emails.json";
import mkReporting from "./mk/reporting.json";
import mkAccount from "./mk/account.json";
import mkPartnership from "./mk/partnership.json";
import mkRules from "./mk/rules.json";

/** Each language's area files, in the order above; merged by workflows/messages.ts. */
export const AREA_FILES = {
  en: [enCore, enProposal, enDocuments, enAdmin, enReview, enWorkflow, enEmails, enReporting, enAccount, enPartnership, enRules],
  sq: [sqCore, sqProposal, sqDocuments, sqAdmin, sqReview, sqWorkflow, sqEmails, sqReporting, sqAccount, sqPartnership, sqRules],
  "sr-Latn": [srLatnCore, srLatnProposal, srLatnDocuments, srLatnAdmin, srLatnReview, srLatnWorkflow, srLatnEmails, srLatnReporting, srLatnAccount, srLatnPartnership, srLatnRules],
  "sr-Cyrl": [srCyrlCore, srCyrlProposal, srCyrlDocuments, srCyrlAdmin, srCyrlReview, srCyrlWorkflow, srCyrlEmails, srCyrlReporting, srCyrlAccount, srCyrlPartnership, srCyrlRules],
  mk: [mkCore, mkProposal, mkDocuments, mkAdmin, mkReview, mkWorkflow, mkEmails, mkReporting, mkAccount, mkPartnership, mkRules],
} as const;

export const AREAS = ["core", "proposal", "documents", "admin", "review", "workflow", "emails", "reporting", "account", "partnership", "rules"] as const;
