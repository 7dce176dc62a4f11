import { Link } from "@remix-run/react";
import { useTranslation } from "../../translation";
import { Pagination } from "../pagination";

type Row = { id: number; proposalId: number; proposalOpen: boolean; reference: string | null; title: string; stateLabel: string; submitted: boolean; due: string; dueAt: string; timeLeft: string; nextStep: string };
type List = { rows: Row[]; pages: Parameters<typeof Pagination>[0]["pages"] };

/** A page of the reviewer's assignments: the proposal, where the assignment is, when it is due, and the next step. */
export function ReviewAssignmentTable({ list }: { list: List }) {
  const { t } = useTranslation();
  const { rows, pages } = list;
  if (rows.length === 0) return <p className="empty">{t("reviewAssignments.empty")}</p>;
  return (
    <>
      <div className="table-scroll">
        <table className="stacked">
          <caption>{t("reviewAssignments.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("reviewAssignments.proposal")}</th>
              <th scope="col">{t("reviewAssignments.yourReview")}</th>
              <th scope="col">{t("reviewAssignments.due")}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.id}>
                <td className="text" data-label={t("reviewAssignments.proposal")}>
                  {row.reference ? <span className="reference">{row.reference}</span> : null}{" "}
                  {row.proposalOpen ? <Link to={`/proposals/${row.proposalId}`}>{row.title}</Link> : row.title}
                </td>
                <td data-label={t("reviewAssignments.yourReview")}>
                  <span className={row.submitted ? "badge ok" : "badge"}>{row.stateLabel}</span>
                  <br />
                  <Link to={`/reviews/${row.id}`}>{row.nextStep}</Link>
                </td>
                <td data-label={t("reviewAssignments.due")}>
                  <time dateTime={row.dueAt}>{row.due}</time>
                  <br />
                  <span className="muted">{row.timeLeft}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination pages={pages} label={t("reviewAssignments.label")} />
    </>
  );
}
