import { Link } from "@remix-run/react";
import { useTranslation } from "../translation";
import { Pagination } from "./pagination";

type Entry = { id: string; at: string; what: string; by: string; proposal: { id: number; reference: string | null; title: string } | null; detail: string };
type List = { rows: Entry[]; pages: Parameters<typeof Pagination>[0]["pages"] };

/** The audit log and the proposals' histories together: when, who, what, about which proposal. */
export function ActivityTable({ list, caption }: { list: List; caption: string }) {
  const { t } = useTranslation();
  return (
    <>
      <div className="table-scroll">
        <table className="stacked">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("auditTable.when")}</th>
              <th scope="col">{t("auditTable.who")}</th>
              <th scope="col">{t("auditTable.what")}</th>
              <th scope="col">{t("auditTable.proposal")}</th>
              <th scope="col">{t("auditTable.details")}</th>
            </tr>
          </thead>
          <tbody>
            {list.rows.map((entry) => (
              <tr key={entry.id}>
                <td data-label={t("auditTable.when")}>{entry.at}</td>
                <td className="text" data-label={t("auditTable.who")}>{entry.by}</td>
                <td data-label={t("auditTable.what")}>{entry.what}</td>
                <td className="text" data-label={t("auditTable.proposal")}>
                  {entry.proposal ? (
                    <Link to={`/proposals/${entry.proposal.id}`}>{entry.proposal.reference ?? (entry.proposal.title || t("auditTable.untitledDraft"))}</Link>
                  ) : null}
                </td>
                <td className="text" data-label={t("auditTable.details")}>{entry.detail}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <Pagination pages={list.pages} label={t("auditTable.pages")} />
    </>
  );
}
