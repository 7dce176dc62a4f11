// The fields of one decision, for the proposals ticked beside them: the outcome, the priority
// mark, the TAF team's reason and the comments the applicants will read once it is released.

export function DecisionFields({ idPrefix }: { idPrefix: string }) {
  return (
    <>
      <fieldset className="field choices">
        <legend>Outcome for the ticked proposals</legend>
        <label className="checkbox">
          <input type="radio" name="outcome" value="promising" required /> Promising: go on to conceptual work
        </label>
        <label className="checkbox">
          <input type="radio" name="outcome" value="notSelected" /> Not selected
        </label>
      </fieldset>
      <div className="field">
        <label className="checkbox">
          <input type="checkbox" name="priority" /> Priority: the promising proposal that stands out
        </label>
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-reason`}>Reason for the decision</label>
        <span className="hint">For the TAF team's record. Not shown to the applicants.</span>
        <textarea id={`${idPrefix}-reason`} name="reason" rows={3} />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-shared`}>Comments shared with the applicants (optional)</label>
        <span className="hint">Sent to them by e-mail when the decisions are released.</span>
        <textarea id={`${idPrefix}-shared`} name="sharedFeedback" rows={4} />
      </div>
    </>
  );
}
