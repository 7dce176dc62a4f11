/**
 * The portal's words for what institutions are and what they ask for, as the Guide to
 * applicants names them (see shared/domain/TAF.md): the kinds of institution, the themes in
 * their groups, and the kinds of support. Ids are stored (database columns, proposal content);
 * labels are what people read.
 */

// The kinds of institution the Guide to applicants names as eligible, in its words. The database
// column, the directory's forms and this check all use these ids.
export const INSTITUTION_TYPE_LABELS = {
  police: "Police",
  prosecution: "Prosecution office",
  ministryOfJustice: "Ministry of Justice",
  ministryOfInterior: "Ministry of Interior / Security",
  lawEnforcementAgency: "Other law enforcement agency (customs, border police, FIU)",
  ctCveBody: "CT/CVE coordination body",
  // Kept so the directory can hold an institution whose eligibility a person has to judge.
  other: "Other (a person confirms it is a security institution)",
} as const;

export type InstitutionType = keyof typeof INSTITUTION_TYPE_LABELS;

export const INSTITUTION_TYPES = Object.keys(INSTITUTION_TYPE_LABELS) as [InstitutionType, ...InstitutionType[]];

export const THEME_GROUPS = {
  soc: "Serious and organised crime",
  ctCve: "Counter-terrorism and countering violent extremism (CT/CVE)",
  crossCutting: "Cross-cutting",
} as const;

export type ThemeGroup = keyof typeof THEME_GROUPS;

export const THEMES = [
  { id: "drugTrafficking", group: "soc", label: "Drug trafficking" },
  { id: "migrantSmuggling", group: "soc", label: "Migrant smuggling" },
  { id: "traffickingInHumanBeings", group: "soc", label: "Trafficking in human beings" },
  { id: "firearmsTrafficking", group: "soc", label: "Firearms trafficking" },
  { id: "organisedPropertyCrime", group: "soc", label: "Organised property crime" },
  { id: "cybercrime", group: "soc", label: "Cybercrime" },
  {
    id: "economicFinancialCrime",
    group: "soc",
    label: "Economic and financial crime (money laundering, asset recovery)",
  },
  { id: "counterTerrorism", group: "ctCve", label: "Counter-terrorism" },
  { id: "violentExtremism", group: "ctCve", label: "Countering violent extremism" },
  {
    id: "ftfRehabilitation",
    group: "ctCve",
    label: "Rehabilitation and reintegration of foreign terrorist fighters and their families",
  },
  { id: "jointInvestigationTeams", group: "crossCutting", label: "Joint investigation teams (JITs)" },
  { id: "informationExchange", group: "crossCutting", label: "Information exchange and interoperability" },
  { id: "europeanAgencies", group: "crossCutting", label: "Cooperation with Europol, Eurojust and EMPACT" },
] as const satisfies readonly { id: string; group: ThemeGroup; label: string }[];

export type ThemeId = (typeof THEMES)[number]["id"];

export const SUPPORT_KINDS = [
  { id: "jointExercise", label: "Joint exercise" },
  { id: "practiceExchange", label: "Practice-oriented exchange" },
  { id: "networkingMeeting", label: "Networking or operational meeting" },
  { id: "capacityBuilding", label: "Capacity building (training, workshop, study visit)" },
  { id: "expertAdvice", label: "Expert advice" },
] as const;

export type SupportKind = (typeof SUPPORT_KINDS)[number]["id"];

// What an activity of an implementation is, more precisely than its kind of support: the
// timeline and the reports name these.
export const ACTIVITY_TYPES = [
  { id: "workshop", label: "Workshop" },
  { id: "training", label: "Training" },
  { id: "studyVisit", label: "Study visit" },
  { id: "jointExercise", label: "Joint exercise" },
  { id: "jointOperationSupport", label: "Joint operation support" },
  { id: "operationalMeeting", label: "Operational or networking meeting" },
  { id: "expertMission", label: "Expert mission" },
  { id: "conference", label: "Conference" },
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

export function activityTypeLabel(id: string): string {
  return ACTIVITY_TYPES.find((type) => type.id === id)?.label ?? id;
}

/** What a file attached to the concept note or a report is: the TAF team looks for these. */
export const ATTACHMENT_DOCUMENT_KINDS = [
  { id: "agenda", label: "Agenda" },
  { id: "participants", label: "List of participants" },
  { id: "minutes", label: "Minutes" },
  { id: "other", label: "Other document" },
] as const;
export type AttachmentDocumentKind = (typeof ATTACHMENT_DOCUMENT_KINDS)[number]["id"];
export const ATTACHMENT_DOCUMENT_KIND_IDS = ATTACHMENT_DOCUMENT_KINDS.map((kind) => kind.id) as [AttachmentDocumentKind, ...AttachmentDocumentKind[]];
