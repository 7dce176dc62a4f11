// The fields of one decision, for the proposals ticked beside them: the outcome, the priority
// mark, the TAF team's reason and the comments the applicants will read once it is released.

const OUTCOME_WORDS = { promising: "Promising", notSelected: "Not selected" } as const;

/** What the form sent last, shown again when it was refused so that nothing typed is lost. */
export type DecisionValues = { outcome?: string; priority?: boolean; reason?: string; sharedFeedback?: string };

export function DecisionFields({ idPrefix, values = {} }: { idPrefix: string; values?: DecisionValues }) {
  return (
    <>
      <fieldset className="field choices">
        <legend>Outcome for the ticked proposals</legend>
        <label className="checkbox">
          <input type="radio" name="outcome" value="promising" required defaultChecked={values.outcome === "promising"} /> Promising: go on to conceptual work
        </label>
        <label className="checkbox">
          <input type="radio" name="outcome" value="notSelected" defaultChecked={values.outcome === "notSelected"} /> Not selected
        </label>
      </fieldset>
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" name="priority" defaultChecked={values.priority} /> Priority: the promising proposal that stands out
        </label>
        <span className="hint">Only with “Promising”. A mark for the team, never sent to the applicants.</span>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-reason`}>Reason for the decision</label>
        <span className="hint">For the team's record. Not shown to the applicants.</span>
        <textarea id={`${idPrefix}-reason`} name="reason" rows={3} defaultValue={values.reason} />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-shared`}>Comments shared with the applicants (optional)</label>
        <span className="hint">Sent to them by e-mail when the decisions are released.</span>
        <textarea id={`${idPrefix}-shared`} name="sharedFeedback" rows={4} defaultValue={values.sharedFeedback} />
      </div>
    </>
  );
}

type Held = { outcome: keyof typeof OUTCOME_WORDS; priority: boolean; version: number; decidedBy: string } | null;

/**
 * The proposal page's decision form: the decision held so far, which recording replaces, and
 * the version of it the form was shown, so that one changed meanwhile is not overwritten unseen.
 */
export function HeldDecision({ held }: { held: Held }) {
  return (
    <>
      <input type="hidden" name="heldVersion" value={held?.version ?? 0} />
      {held ? (
        <p className="notice">
          Held: {OUTCOME_WORDS[held.outcome]}
          {held.priority ? " · priority" : ""}, by {held.decidedBy}. Recording replaces it; the applicants hear nothing until the round's decisions are
          released.
        </p>
      ) : null}
    </>
  );
}

/** A held decision in a few words: "Promising · priority". */
export function heldWords(held: { outcome: keyof typeof OUTCOME_WORDS; priority: boolean }) {
  return `${OUTCOME_WORDS[held.outcome]}${held.priority ? " · priority" : ""}`;
}
