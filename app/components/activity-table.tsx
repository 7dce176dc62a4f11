import { Link } from "@remix-run/react";
import { Pagination } from "./pagination";

type Entry = { id: string; at: string; what: string; by: string; proposal: { id: number; reference: string | null; title: string } | null; detail: string };
type List = { rows: Entry[]; pages: Parameters<typeof Pagination>[0]["pages"] };

/** The audit log and the proposals' histories together: when, who, what, about which proposal. */
export function ActivityTable({ list, caption }: { list: List; caption: string }) {
  return (
    <>
      <div className="table-scroll">
        <table>
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
                <td>{entry.at}</td>
                <td>{entry.by}</td>
                <td>{entry.what}</td>
                <td>
                  {entry.proposal ? (
                    <Link to={`/proposals/${entry.proposal.id}`}>{entry.proposal.reference ?? (entry.proposal.title || "Untitled draft")}</Link>
                  ) : null}
                </td>
                <td>{entry.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination pages={list.pages} label="activity" />
    </>
  );
}
