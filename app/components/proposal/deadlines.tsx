import { Fragment } from "react";
import { useTranslation } from "../../translation";
import type { DeadlineKind } from "../../../db/schema";
import { useTextLanguage } from "../text-language";

export type DeadlineRow = {
  kind: DeadlineKind;
  label: string;
  dueAt: string;
  timeLeft: string;
  overdue: boolean;
  met: boolean;
  open: boolean;
  extension: { at: string; reason: string } | null;
};

/** The applicants' deadlines as facts of a `<dl>`: the date in Brussels time, how long is left, and why it moved. */
export function DeadlineFacts({ deadlines }: { deadlines: DeadlineRow[] }) {
  const { t } = useTranslation();
  const typed = useTextLanguage("en");
  return (
    <>
      {deadlines.map((deadline) => (
        <Fragment key={deadline.kind}>
          <dt>{deadline.label}</dt>
          <dd>
            {deadline.dueAt}
            {deadline.open ? (
              <>
                {" "}
                <span className={deadline.overdue ? "badge warn" : "badge ok"}>{deadline.timeLeft}</span>
              </>
            ) : deadline.met ? (
              <>
                {" "}
                <span className="badge off">{t("deadlinesPage.submitted")}</span>
              </>
            ) : null}
            {deadline.extension ? (
              <>
                <br />
                <span className="muted">
                  {t("deadlinesPage.movedByTaf", { at: deadline.extension.at })} <span {...typed}>{deadline.extension.reason}</span>
                </span>
              </>
            ) : null}
          </dd>
        </Fragment>
      ))}
    </>
  );
}
