import { useEffect, useState } from "react";
import type { RoundFacts } from "../../workflows/proposal.machine";
import { formatBrussels } from "../../workflows/time";

// A round's deadline as applicants need it: in Brussels time (the time the TAF team sets, and
// the only one the server can know), in the person's own time once the browser can tell it,
// and how long is left. Without JavaScript the Brussels time and the time left at page load show.


const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

function unit(count: number, word: string) {
  return `${count} ${word}${count === 1 ? "" : "s"}`;
}

/** "12 days 4 hours", "3 hours 20 minutes", "5 minutes": the two largest units that matter. */
function span(ms: number) {
  const days = Math.floor(ms / DAY);
  const hours = Math.floor((ms % DAY) / HOUR);
  const minutes = Math.floor((ms % HOUR) / MINUTE);
  if (days > 0) return hours > 0 ? `${unit(days, "day")} ${unit(hours, "hour")}` : unit(days, "day");
  if (hours > 0) return minutes > 0 ? `${unit(hours, "hour")} ${unit(minutes, "minute")}` : unit(hours, "hour");
  return unit(minutes, "minute");
}

/** "12 days 4 hours left", "less than a minute left", "closed 2 days ago", "closed just now". */
export function timeLeftInWords(closesAt: Date, now: Date): string {
  const left = closesAt.getTime() - now.getTime();
  if (left > 0) return left < MINUTE ? "less than a minute left" : `${span(left)} left`;
  return -left < MINUTE ? "closed just now" : `closed ${span(-left)} ago`;
}

const localDate = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" });
const localTime = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** Only in the browser: the server does not know the person's time zone. */
function inLocalTime(date: Date) {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return `${localDate.format(date)}, ${localTime.format(date)} (your time${zone ? `, ${zone.replaceAll("_", " ")}` : ""})`;
}

/** The clock: the server's at first (so the page hydrates as rendered), then the browser's, every minute. */
function useClock(serverNow: string) {
  const [now, setNow] = useState(() => new Date(serverNow));
  useEffect(() => {
    setNow(new Date());
    const timer = setInterval(() => setNow(new Date()), MINUTE);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function Deadline({ round, now: serverNow }: { round: RoundFacts; now: string }) {
  const now = useClock(serverNow);
  const opensAt = new Date(round.opensAt);
  if (round.state === "planned" || now < opensAt) {
    return (
      <p className="deadline">
        <strong>Not open yet:</strong> the round opens on <time dateTime={round.opensAt}>{formatBrussels(opensAt)}</time>.
      </p>
    );
  }
  const open = round.state === "open";
  if (round.mode === "rolling" || round.closesAt === null) {
    return (
      <p className="deadline">
        <strong>Rolling intake: no deadline.</strong>
        {open ? null : " The TAF team has closed this round: it accepts no more proposals."}
      </p>
    );
  }
  const closesAt = new Date(round.closesAt);
  const passed = closesAt <= now;
  return (
    <div className={passed || !open ? "deadline closed" : "deadline"}>
      <p>
        <strong>Deadline:</strong> <time dateTime={round.closesAt}>{formatBrussels(closesAt)}</time>
        <YourTime at={round.closesAt} />
      </p>
      <p>
        <strong>{open || passed ? sentence(timeLeftInWords(closesAt, now)) : "Closed early by the TAF team"}.</strong>
        {passed ? " This round accepts no more proposals." : null}
      </p>
    </div>
  );
}

/** When an answer is due: Brussels time and what is left, then the person's own time. */
export function DueBy({ at, now: serverNow }: { at: string; now: string }) {
  const now = useClock(serverNow);
  const due = new Date(at);
  return (
    <p>
      <strong>Answer by</strong> <time dateTime={at}>{formatBrussels(due)}</time>: {timeLeftInWords(due, now).replace(/^closed/, "due")}.
      <YourTime at={at} />
    </p>
  );
}

/** The same instant in the person's own time, on a line of its own, once the browser can tell it. */
function YourTime({ at }: { at: string }) {
  const [local, setLocal] = useState<string | null>(null);
  useEffect(() => setLocal(inLocalTime(new Date(at))), [at]);
  if (!local) return null;
  return (
    <>
      <br />
      <span className="muted">That is {local}.</span>
    </>
  );
}

function sentence(words: string) {
  return words.charAt(0).toUpperCase() + words.slice(1);
}
