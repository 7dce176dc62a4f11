import { useTranslation } from "../translation";

type Entry = { id: number; at: string; what: string; by: string };

/** Recent audit entries about something: when, what, and who did it. */
export function AuditTable({ entries, caption, empty }: { entries: Entry[]; caption: string; empty: string }) {
  const { t } = useTranslation();
  if (!entries.length) return <p className="empty">{empty}</p>;
  return (
    <div className="table-scroll">
      <table className="stacked">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("auditTable.when")}</th>
            <th scope="col">{t("auditTable.what")}</th>
            <th scope="col">{t("auditTable.by")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td data-label={t("auditTable.when")}>{entry.at}</td>
              <td className="text" data-label={t("auditTable.what")}>{entry.what}</td>
              <td className="text" data-label={t("auditTable.by")}>{entry.by}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
