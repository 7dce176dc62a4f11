import type { TFunction } from "i18next";
import type { PageLanguage } from "../../workflows/languages";

/** The reader's translator and language: the words and the dates of what the reporting, lessons and printout modules return. */
export type ReportWords = { t: TFunction; language: PageLanguage };
