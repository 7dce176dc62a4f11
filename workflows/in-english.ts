import workflowWords from "../locales/en/workflow.json";
import rulesWords from "../locales/en/rules.json";
import type { ReviewCriterion } from "./review-criteria";
import { guideReviewCriteria } from "./review-criteria";
import type { Translate } from "./words";

// English, the language of record: what the audit trail, the e-mails, the CSV exports, the logs
// and the scripts write, read from locales/en/workflow.json and locales/en/rules.json. Only the
// server, e-mails, scripts and tests import this module: the browser has its reader's words (the
// catalogue app/translation.tsx fetches), and tests/server/page-weight.test.ts checks that no
// page's JavaScript carries these files.

type Messages = { [key: string]: string | Messages };

/** The two English area files workflows/ speaks from; each owns its own top-level sections. */
const english: Messages = { ...(workflowWords as Messages), ...(rulesWords as Messages) };

function lookup(key: string): string | undefined {
  let node: string | Messages | undefined = english;
  for (const part of key.split(".")) node = typeof node === "object" ? node[part] : undefined;
  return typeof node === "string" ? node : undefined;
}

/** English, for what is written once for everyone; `count` picks `_one`/`_other`. */
export const inEnglish: Translate = (key, options = {}) => {
  const count = options.count;
  const text = (typeof count === "number" ? lookup(`${key}_${count === 1 ? "one" : "other"}`) : undefined) ?? lookup(key) ?? key;
  return text.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in options ? String(options[name]) : whole));
};

/** The Guide's review criteria in English, as a new round stores them (and as `reviewCriterionIn` recognises them). */
export const DEFAULT_REVIEW_CRITERIA: readonly ReviewCriterion[] = guideReviewCriteria(inEnglish);
