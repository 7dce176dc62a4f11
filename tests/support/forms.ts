// Valid forms as the administrators' pages post them, shared by the pages' own tests and the
// authorization matrix. Times are Brussels wall-clock times, as the form's fields hold them.

/** A new round: the first call of 2030, with its limits and criteria. */
export const call2030 = {
  code: "2030-r1",
  title: "First call for proposals 2030",
  description: "Joint operational ideas against organised crime.",
  mode: "deadline",
  opensAt: "2030-01-15T09:00",
  closesAt: "2030-06-28T17:00",
  minimumReviews: "3",
  reviewDays: "21",
  "limits.maxBudgetEur": "200000",
  "limits.maxDurationMonths": "18",
  "limits.maxPartners": "6",
  "limits.words.summary": "200",
  "limits.words.problem": "400",
  "limits.words.objectives": "250",
  "limits.words.activities": "500",
  "limits.words.expectedResults": "250",
  criteria: ["joint", "eligibleInstitutions", "complete"],
  themes: ["drugTrafficking", "cybercrime", "jointInvestigationTeams"],
  supportKinds: ["jointExercise", "capacityBuilding"],
};

/** A new institution for the directory: Montenegro's customs, active, working on chapter 24. */
export const customs = {
  name: "Customs Administration of Montenegro",
  countryCode: "ME",
  type: "lawEnforcementAgency",
  chapter24: "on",
  active: "on",
};

type StoredRoundSettings = {
  minimumReviews: number;
  reviewDays: number;
  limits: { words: Record<string, number> } & Record<string, unknown>;
  themes: string[];
  supportKinds: string[];
};

/** The round edit form of an open round (code and opening time fixed) as stored, with a new title. */
export function roundEditForm(round: { version: number; mode: string; title: string }, settings: StoredRoundSettings) {
  const { words, ...limits } = settings.limits;
  return {
    version: String(round.version),
    title: `${round.title} (edited)`,
    mode: round.mode,
    minimumReviews: String(settings.minimumReviews),
    reviewDays: String(settings.reviewDays),
    ...Object.fromEntries(Object.entries(limits).map(([key, value]) => [`limits.${key}`, String(value)])),
    ...Object.fromEntries(Object.entries(words).map(([key, value]) => [`limits.words.${key}`, String(value)])),
    themes: settings.themes,
    supportKinds: settings.supportKinds,
  };
}
