import type { TFunction } from "i18next";
import type { RoundMode, RoundState } from "../../workflows/round.machine";

// What the round pages share: the words for a round's mode and state.

/** The catalogue key of each way proposals come in. */
export const ROUND_MODE_KEYS: Record<RoundMode, string> = {
  deadline: "roundWords.mode.deadline",
  rolling: "roundWords.mode.rolling",
};

const STATE_TONES: Record<RoundState, string> = { planned: "badge warn", open: "badge ok", closed: "badge", archived: "badge off", cancelled: "badge off" };

/** The round's state as the statechart labels it, coloured by whether applicants can submit. */
export function RoundStateBadge({ state, label }: { state: RoundState; label: string }) {
  return <span className={STATE_TONES[state]}>{label}</span>;
}

/** "5 submitted, 2 drafts", "None yet", in the page's language. */
export function proposalCountText(t: TFunction, submitted: number, drafts: number) {
  const parts = [
    submitted ? t("roundWords.submitted", { count: submitted }) : null,
    drafts ? t("roundWords.drafts", { count: drafts }) : null,
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : t("roundWords.noneYet");
}
