import type { RoundMode, RoundState } from "../../workflows/round.machine";

// What the round pages and the home desk share: the words for a round's mode and state.

export const ROUND_MODE_LABELS: Record<RoundMode, string> = {
  deadline: "Deadline",
  rolling: "Rolling intake",
};

const STATE_TONES: Record<RoundState, string> = { planned: "badge warn", open: "badge ok", closed: "badge", archived: "badge off", cancelled: "badge off" };

/** The round's state as the statechart labels it, coloured by whether applicants can submit. */
export function RoundStateBadge({ state, label }: { state: RoundState; label: string }) {
  return <span className={STATE_TONES[state]}>{label}</span>;
}

/** "5 submitted, 2 drafts", "None yet". */
export function proposalCountText(submitted: number, drafts: number) {
  const parts = [submitted ? `${submitted} submitted` : null, drafts ? `${drafts} ${drafts === 1 ? "draft" : "drafts"}` : null].filter(Boolean);
  return parts.length ? parts.join(", ") : "None yet";
}
