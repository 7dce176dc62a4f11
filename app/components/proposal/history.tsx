type Entry = { id: number; at: string; who: string; what: string; dueAt: string | null; texts: { label: string; text: string; internal: boolean }[] };

/** The proposal's history as sentences, with the texts this person may read. */
export function ProposalHistory({ history }: { history: Entry[] }) {
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">History and messages</h2>
      <ol className="history">
        {history.map((entry) => (
          <li key={entry.id}>
            <p>
              <span className="muted">{entry.at}</span> · <strong>{entry.who}</strong> {entry.what}
              {entry.dueAt ? `, to answer by ${entry.dueAt}` : ""}.
            </p>
            {entry.texts.map((t) => (
              <blockquote key={t.label} className={t.internal ? "internal" : undefined}>
                <span className="muted">{t.label}:</span> <span className="prose">{t.text}</span>
              </blockquote>
            ))}
          </li>
        ))}
      </ol>
    </section>
  );
}
