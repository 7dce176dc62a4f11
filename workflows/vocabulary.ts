/**
 * The portal's words for what institutions are and what they ask for, as the Guide to
 * applicants names them (see shared/domain/TAF.md): the kinds of institution, the themes in
 * their groups, and the kinds of support. Ids are stored (database columns, proposal content);
 * each entry's `key` names its words in the catalogues (locales/<language>/workflow.json,
 * `vocabulary`): a page shows `t(entry.key)` or asks the functions below with its translator.
 */
import type { Translate } from "./words";

// The kinds of institution the Guide to applicants names as eligible, in its words. The database
// column, the directory's forms and this check all use these ids.
export const INSTITUTION_TYPE_KEYS = {
  police: "vocabulary.institutionTypes.police",
  prosecution: "vocabulary.institutionTypes.prosecution",
  ministryOfJustice: "vocabulary.institutionTypes.ministryOfJustice",
  ministryOfInterior: "vocabulary.institutionTypes.ministryOfInterior",
  lawEnforcementAgency: "vocabulary.institutionTypes.lawEnforcementAgency",
  ctCveBody: "vocabulary.institutionTypes.ctCveBody",
  // Kept so the directory can hold an institution whose eligibility a person has to judge.
  other: "vocabulary.institutionTypes.other",
} as const;

export type InstitutionType = keyof typeof INSTITUTION_TYPE_KEYS;

export function institutionTypeLabel(type: InstitutionType, t: Translate): string {
  return t(INSTITUTION_TYPE_KEYS[type]);
}

export const INSTITUTION_TYPES = Object.keys(INSTITUTION_TYPE_KEYS) as [InstitutionType, ...InstitutionType[]];

export const THEME_GROUP_KEYS = {
  soc: "vocabulary.themeGroups.soc",
  ctCve: "vocabulary.themeGroups.ctCve",
  crossCutting: "vocabulary.themeGroups.crossCutting",
} as const;

export type ThemeGroup = keyof typeof THEME_GROUP_KEYS;

export const THEMES = [
  { id: "drugTrafficking", group: "soc", key: "vocabulary.themes.drugTrafficking" },
  { id: "migrantSmuggling", group: "soc", key: "vocabulary.themes.migrantSmuggling" },
  { id: "traffickingInHumanBeings", group: "soc", key: "vocabulary.themes.traffickingInHumanBeings" },
  { id: "firearmsTrafficking", group: "soc", key: "vocabulary.themes.firearmsTrafficking" },
  { id: "organisedPropertyCrime", group: "soc", key: "vocabulary.themes.organisedPropertyCrime" },
  { id: "cybercrime", group: "soc", key: "vocabulary.themes.cybercrime" },
  { id: "economicFinancialCrime", group: "soc", key: "vocabulary.themes.economicFinancialCrime" },
  { id: "counterTerrorism", group: "ctCve", key: "vocabulary.themes.counterTerrorism" },
  { id: "violentExtremism", group: "ctCve", key: "vocabulary.themes.violentExtremism" },
  { id: "ftfRehabilitation", group: "ctCve", key: "vocabulary.themes.ftfRehabilitation" },
  { id: "jointInvestigationTeams", group: "crossCutting", key: "vocabulary.themes.jointInvestigationTeams" },
  { id: "informationExchange", group: "crossCutting", key: "vocabulary.themes.informationExchange" },
  { id: "europeanAgencies", group: "crossCutting", key: "vocabulary.themes.europeanAgencies" },
] as const satisfies readonly { id: string; group: ThemeGroup; key: string }[];

export type ThemeId = (typeof THEMES)[number]["id"];

export const SUPPORT_KINDS = [
  { id: "jointExercise", key: "vocabulary.supportKinds.jointExercise" },
  { id: "practiceExchange", key: "vocabulary.supportKinds.practiceExchange" },
  { id: "networkingMeeting", key: "vocabulary.supportKinds.networkingMeeting" },
  { id: "capacityBuilding", key: "vocabulary.supportKinds.capacityBuilding" },
  { id: "expertAdvice", key: "vocabulary.supportKinds.expertAdvice" },
] as const;

export type SupportKind = (typeof SUPPORT_KINDS)[number]["id"];

// What an activity of an implementation is, more precisely than its kind of support: the
// timeline and the reports name these.
export const ACTIVITY_TYPES = [
  { id: "workshop", key: "vocabulary.activityTypes.workshop" },
  { id: "training", key: "vocabulary.activityTypes.training" },
  { id: "studyVisit", key: "vocabulary.activityTypes.studyVisit" },
  { id: "jointExercise", key: "vocabulary.activityTypes.jointExercise" },
  { id: "jointOperationSupport", key: "vocabulary.activityTypes.jointOperationSupport" },
  { id: "operationalMeeting", key: "vocabulary.activityTypes.operationalMeeting" },
  { id: "expertMission", key: "vocabulary.activityTypes.expertMission" },
  { id: "conference", key: "vocabulary.activityTypes.conference" },
] as const;

export type ActivityType = (typeof ACTIVITY_TYPES)[number]["id"];

export const ACTIVITY_TYPE_IDS = ACTIVITY_TYPES.map((type) => type.id) as [ActivityType, ...ActivityType[]];

/**
 * The type an approved concept note's activity starts with, from its kind of support (the note
 * names no finer type); the applicants correct it when they plan the activity.
 */
export const FIRST_ACTIVITY_TYPE: Record<SupportKind, ActivityType> = {
  jointExercise: "jointExercise",
  practiceExchange: "studyVisit",
  networkingMeeting: "operationalMeeting",
  capacityBuilding: "training",
  expertAdvice: "expertMission",
};

/** A list's entries as a form offers them: each id with its words in the reader's language. */
export function namedOptions(entries: readonly { id: string; key: string }[], t: Translate): { value: string; label: string }[] {
  return entries.map((entry) => ({ value: entry.id, label: t(entry.key) }));
}

export function activityTypeLabel(id: string, t: Translate): string {
  const type = ACTIVITY_TYPES.find((entry) => entry.id === id);
  return type ? t(type.key) : id;
}

export function themeLabel(id: string, t: Translate): string {
  const theme = THEMES.find((entry) => entry.id === id);
  return theme ? t(theme.key) : id;
}

export function supportKindLabel(id: string, t: Translate): string {
  const kind = SUPPORT_KINDS.find((entry) => entry.id === id);
  return kind ? t(kind.key) : id;
}

/** What a file attached to the concept note or a report is: the TAF team looks for these. */
export const ATTACHMENT_DOCUMENT_KINDS = [
  { id: "agenda", key: "vocabulary.documentKinds.agenda" },
  { id: "participants", key: "vocabulary.documentKinds.participants" },
  { id: "minutes", key: "vocabulary.documentKinds.minutes" },
  { id: "other", key: "vocabulary.documentKinds.other" },
] as const;
export type AttachmentDocumentKind = (typeof ATTACHMENT_DOCUMENT_KINDS)[number]["id"];
export const ATTACHMENT_DOCUMENT_KIND_IDS = ATTACHMENT_DOCUMENT_KINDS.map((kind) => kind.id) as [AttachmentDocumentKind, ...AttachmentDocumentKind[]];
