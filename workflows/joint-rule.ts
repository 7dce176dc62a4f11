// A round's joint rule and where a proposal stands against it: the part of eligibility that pages
// show in the browser (the joint badge), in a module of its own so that the browser does not load
// the rest of the rules, their formats and the vocabulary with it (workflows/eligibility.ts).

/** How a round judges whether a proposal is joint: whether it asks for it at all, and from how many countries. */
export interface JointRule {
  required: boolean;
  minimumCountries: number;
}

/**
 * Where a proposal stands against its round's joint rule, from the countries behind it. A round
 * that switched the joint criterion off never calls a proposal "not joint yet": nothing is
 * missing, although it is still joint when enough countries stand behind it.
 */
export function jointStanding(countries: number, rule: JointRule): "joint" | "notJointYet" | "notRequired" {
  if (countries >= rule.minimumCountries) return "joint";
  return rule.required ? "notJointYet" : "notRequired";
}

const NUMBER_KEYS = [
  "eligibilityCriteria.numbers.zero",
  "eligibilityCriteria.numbers.one",
  "eligibilityCriteria.numbers.two",
  "eligibilityCriteria.numbers.three",
  "eligibilityCriteria.numbers.four",
  "eligibilityCriteria.numbers.five",
  "eligibilityCriteria.numbers.six",
];

/** The catalogue's key of a count in words ("two", "three"…), up to the six Western Balkan countries; none beyond. */
export function numberWordKey(count: number): string | undefined {
  return NUMBER_KEYS[count];
}
