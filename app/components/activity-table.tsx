import { Link } from "@remix-run/react";
import { Pagination } from "./pagination";

type Entry = { id: string; at: string; what: string; by: string; proposal: { id: number; reference: string | null; title: string } | null; detail: string };
type List = { rows: Entry[]; pages: Parameters<typeof Pagination>[0]["pages"] };

/** The audit log and the proposals' histories together: when, who, what, about which proposal. */
export function ActivityTable({ list, caption }: { list: List; caption: string }) {
  return (
    <>
      <div className="table-scroll">
        <table className="stacked">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Proposal</th>
              <th scope="col">Details</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((entry) => (
              <tr key={entry.id}>
                <td data-label="When">{entry.at}</td>
                <td className="text" data-label="Who">{entry.by}</td>
                <td data-label="What">{entry.what}</td>
                <td className="text" data-label="Proposal">
                  {entry.proposal ? (
                    <Link to={`/proposals/${entry.proposal.id}`}>{entry.proposal.reference ?? (entry.proposal.title || "Untitled draft")}</Link>
                  ) : null}
                </td>
                <td className="text" data-label="Details">{entry.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination pages={list.pages} label="activity" />
    </>
  );
}
