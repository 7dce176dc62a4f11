import type { RoundLimits, WordLimitedPart } from "../../proposals/content-schema";
import { euros, partLabel } from "../../proposals/content-schema";

// A round's guide to applicants as the drafting pages show it: the TAF team's guidance, the
// eligibility criteria the automatic check reads (in the round's words), the limits and what the
// round funds. Beside the edit form on a wide screen; on a phone a disclosure above it.

export type RoundGuideData = {
  guidance: string;
  criteria: { id: string; name: string; guidance: string }[];
  limits: RoundLimits;
  themes: string[];
  supportKinds: string[];
  fundsEverything: boolean;
};

const WORD_LIMITED: WordLimitedPart[] = ["summary", "problem", "objectives", "activities", "expectedResults"];

/** The guide's content; `level` is the heading level of its sections on the page. */
export function RoundGuide({ guide, level }: { guide: RoundGuideData; level: 2 | 3 }) {
  const Heading = level === 2 ? "h2" : "h3";
  const { limits } = guide;
  return (
    <div className="round-guide">
      {guide.guidance ? (
        <>
          <Heading>Guide to applicants</Heading>
          <p className="prose">{guide.guidance}</p>
        </>
      ) : null}
      <Heading>Limits</Heading>
      <ul>
        <li>Budget: at most {euros(limits.maxBudgetEur)}.</li>
        <li>Duration: at most {limits.maxDurationMonths} months.</li>
        <li>Partners: at most {limits.maxPartners} institutions besides the lead.</li>
        <li>
          Words at most:
          <ul>
            {WORD_LIMITED.map((part) => (
              <li key={part}>
                {partLabel(part)}: {limits.words[part]}
              </li>
            ))}
          </ul>
        </li>
      </ul>
      <Heading>What this round funds</Heading>
      {guide.fundsEverything ? (
        <p>Every theme and every kind of support the TAF offers.</p>
      ) : (
        <>
          <p>
            <strong>Themes:</strong> {guide.themes.join("; ")}.
          </p>
          <p>
            <strong>Kinds of support:</strong> {guide.supportKinds.join("; ")}.
          </p>
        </>
      )}
      <Heading>What the eligibility check looks at</Heading>
      <p className="muted">After you submit, the TAF team's check reads the proposal against these criteria, in this order.</p>
      <ol className="criteria">
        {guide.criteria.map((criterion) => (
          <li key={criterion.id}>
            <strong>{criterion.name}</strong>
            {criterion.guidance ? <span className="prose criterion-guidance">{criterion.guidance}</span> : null}
          </li>
        ))}
      </ol>
    </div>
  );
}
