import { Link } from "@remix-run/react";
import { useTranslation } from "../translation";
import { Pagination } from "./pagination";
import { YourTurn } from "./your-turn";

type Row = {
  id: number;
  reference: string | null;
  title: string;
  stateLabel: string;
  updated: string;
  leadName: string;
  finished: boolean;
  roundTitle: string;
  /** Submitted after the round's deadline, in its grace period. */
  late?: boolean;
  /** What the person looking at the list should do about this proposal, if anything. */
  attention?: string | null;
  /** The statechart waits for this person (or their institution) to move the proposal on. */
  yourTurn?: boolean;
};

type List = { rows: Row[]; pages: Parameters<typeof Pagination>[0]["pages"] };

/**
 * A page of a list of proposals: reference and title (linking to the proposal), lead, stage,
 * last change, and the round each belongs to unless the list is of one round; then the links to
 * the other pages. `label` names the proposals in words for those links.
 */
export function ProposalTable({ list, caption, empty, label, showRound = true }: { list: List; caption: string; empty: string; label: string; showRound?: boolean }) {
  const { t } = useTranslation();
  const { rows, pages } = list;
  if (rows.length === 0) return <p className="empty">{empty}</p>;
  return (
    <>
      <div className="table-scroll">
        <table className="stacked">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("proposalTable.proposal")}</th>
              <th scope="col">{t("proposalTable.lead")}</th>
              <th scope="col">{t("proposalTable.stage")}</th>
              <th scope="col">{t("proposalTable.lastChange")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td className="text" data-label={t("proposalTable.proposal")}>
                  <Link to={`/proposals/${row.id}`}>
                    {row.reference ? `${row.reference}: ` : ""}
                    {row.title || t("proposalTable.untitled")}
                  </Link>
                  {showRound ? (
                    <>
                      <br />
                      <span className="muted">{row.roundTitle}</span>
                    </>
                  ) : null}
                </td>
                <td className="text" data-label={t("proposalTable.lead")}>{row.leadName}</td>
                <td data-label={t("proposalTable.stage")}>
                  <span className={row.finished ? "badge off" : "badge ok"}>{row.stateLabel}</span>
                  <YourTurn yourTurn={row.yourTurn} />
                  {row.late ? (
                    <>
                      {" "}
                      <span className="badge warn">{t("proposalTable.late")}</span>
                    </>
                  ) : null}
                  {row.attention ? (
                    <>
                      <br />
                      <span className="badge warn">{row.attention}</span>
                    </>
                  ) : null}
                </td>
                <td data-label={t("proposalTable.lastChange")}>{row.updated}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination pages={pages} label={label} />
    </>
  );
}
