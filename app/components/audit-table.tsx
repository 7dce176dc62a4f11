type Entry = { id: number; at: string; what: string; by: string };

/** Recent audit entries about something: when, what, and who did it. */
export function AuditTable({ entries, caption, empty }: { entries: Entry[]; caption: string; empty: string }) {
  if (!entries.length) return <p className="empty">{empty}</p>;
  return (
    <div className="table-scroll">
      <table className="stacked">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">What</th>
            <th scope="col">By</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id}>
              <td data-label="When">{entry.at}</td>
              <td className="text" data-label="What">{entry.what}</td>
              <td className="text" data-label="By">{entry.by}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
