import { Trans } from "../../trans";
import { useTranslation } from "../../translation";
import { useTextLanguage } from "../text-language";

type Entry = { id: number; at: string; who: string; what: string; dueAt: string | null; texts: { label: string; text: string; internal: boolean }[] };

/** The proposal's history as sentences, with the texts this person may read. */
export function ProposalHistory({ history }: { history: Entry[] }) {
  const { t } = useTranslation();
  const typed = useTextLanguage("en");
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">{t("proposalHistory.heading")}</h2>
      <ol className="history">
        {history.map((entry) => (
          <li key={entry.id}>
            <p>
              <span className="muted">{entry.at}</span> ·{" "}
              <Trans i18nKey="proposalEvents.historyLine" values={{ who: entry.who, what: entry.what }} components={{ strong: <strong /> }} />
              {entry.dueAt ? t("proposalHistory.answerBy", { date: entry.dueAt }) : ""}.
            </p>
            {entry.texts.map((text) => (
              <blockquote key={text.label} className={text.internal ? "internal" : undefined}>
                <span className="muted">{text.label}:</span>{" "}
                <span className="prose" {...typed}>
                  {text.text}
                </span>
              </blockquote>
            ))}
          </li>
        ))}
      </ol>
    </section>
  );
}
