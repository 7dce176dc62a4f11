import type { JointRule } from "../../workflows/eligibility";
import { countInWords, jointStanding } from "../../workflows/eligibility";

/**
 * Whether a proposal is joint, as its round judges it: "not joint yet" only where the round asks
 * for a joint proposal, with its own number of countries.
 */
export function JointBadge({ countries, rule }: { countries: number; rule: JointRule }) {
  switch (jointStanding(countries, rule)) {
    case "joint":
      return <span className="badge ok">joint</span>;
    case "notJointYet":
      return <span className="badge warn">not joint yet: needs confirmed institutions from {countInWords(rule.minimumCountries)} countries</span>;
    case "notRequired":
      return <span className="badge">one country is enough in this round</span>;
  }
}
