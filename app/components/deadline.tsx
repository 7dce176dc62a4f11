import { useEffect, useState } from "react";
import { Trans } from "../trans";
import { useTranslation } from "../translation";
import type { DeadlineView, DueView } from "../proposals/deadline-words.server";

// A round's deadline as applicants need it: in Brussels time (the time the TAF team sets, and
// the only one the server can know), how long is left when the page was made, both in the
// reader's words from the server (app/proposals/deadline-words.server.ts), and in the person's
// own time once the browser can tell it.

const localDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" });
const localTime = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
const localNumeric = new Intl.DateTimeFormat("en-GB", { day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/**
 * Only in the browser: the server does not know the person's time zone. English names the
 * month; the other languages get digits ("14.03.2027, 17:00"), which need no Intl data the
 * browser may lack.
 */
function inLocalTime(date: Date, language: string) {
  if (language === "en") return `${localDate.format(date)}, ${localTime.format(date)}`;
  const part = (type: Intl.DateTimeFormatPartTypes) => localNumeric.formatToParts(date).find((p) => p.type === type)?.value ?? "";
  return `${part("day")}.${part("month")}.${part("year")}, ${part("hour")}:${part("minute")}`;
}

export function Deadline({ deadline }: { deadline: DeadlineView }) {
  const { t } = useTranslation();
  if (deadline.kind === "notOpen") {
    return (
      <p className="deadline">
        <Trans i18nKey="deadline.notOpen" values={{ at: deadline.opensAtInWords }} components={{ strong: <strong />, time: <time dateTime={deadline.opensAt} /> }} />
      </p>
    );
  }
  if (deadline.kind === "rolling") {
    return (
      <p className="deadline">
        <strong>{t("deadline.rolling")}</strong>
        {deadline.open ? null : ` ${t("deadline.closedByTeam")}`}
      </p>
    );
  }
  const { open, passed } = deadline;
  return (
    <div className={passed || !open ? "deadline closed" : "deadline"}>
      <p>
        <strong>{t("deadline.deadline")}</strong> <time dateTime={deadline.closesAt}>{deadline.closesAtInWords}</time>
        <YourTime at={deadline.closesAt} />
      </p>
      <p>
        <strong>{open || passed ? deadline.timeLeft : t("deadline.closedEarly")}</strong>
        {passed ? ` ${t("deadline.noMoreProposals")}` : null}
      </p>
    </div>
  );
}

/** When an answer is due: Brussels time and what is left, then the person's own time. */
export function DueBy({ due }: { due: DueView }) {
  return (
    <p>
      <Trans i18nKey="deadline.answerBy" values={{ at: due.atInWords, left: due.timeLeft }} components={{ strong: <strong />, time: <time dateTime={due.at} /> }} />
      <YourTime at={due.at} />
    </p>
  );
}

/** The same instant in the person's own time, on a line of its own, once the browser can tell it. */
function YourTime({ at }: { at: string }) {
  const { t, i18n } = useTranslation();
  const [local, setLocal] = useState<{ time: string; zone: string } | null>(null);
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    setLocal({ time: inLocalTime(new Date(at), i18n.language), zone: zone ? zone.replaceAll("_", " ") : "" });
  }, [at, i18n.language]);
  if (!local) return null;
  return (
    <>
      <br />
      <span className="muted">{local.zone ? t("deadline.yourTimeIn", local) : t("deadline.yourTime", local)}</span>
    </>
  );
}
