import { Link } from "@remix-run/react";
import { useTranslation } from "../translation";

/** The top of a page where applicants work on one part of a proposal: back link, title, stage. */
export function WorkPageHeading({
  what,
  proposalId,
  reference,
  title,
  stateLabel,
  badge = "ok",
}: {
  what: string;
  proposalId: number;
  reference: string | null;
  title: string;
  stateLabel: string;
  badge?: "ok" | "off" | "warn";
}) {
  const { t } = useTranslation();
  return (
    <>
      <p>
        <Link to={`/proposals/${proposalId}`}>← {t("workPage.back")}</Link>
      </p>
      <div className="page-head">
        <h1>
          {what}:{" "}
          {reference ? (
            <>
              <span className="reference">{reference}</span>
              <span className="visually-hidden">:</span>{" "}
            </>
          ) : null}
          {title || t("partnersPage.untitled")}
        </h1>
        <span className={`badge ${badge}`}>{stateLabel}</span>
      </div>
    </>
  );
}

/**
 * What became of "save" or "submit": saved, or saved but refused by the workflow, with its
 * reason (the text stays saved either way). `document` is named in the page's words.
 */
export function SaveOutcome({ notice, refusal, document }: { notice?: string | null; refusal?: string | null; document: string }) {
  const { t } = useTranslation();
  return (
    <>
      {notice ? (
        <p className="notice success" role="status">
          {notice}
        </p>
      ) : null}
      {refusal ? (
        <div className="notice error" role="alert">
          <p>
            <strong>{t("workPage.savedNotSubmitted", { document })}</strong>
          </p>
          <p>{refusal}</p>
        </div>
      ) : null}
    </>
  );
}
