import { Form, Link } from "@remix-run/react";
import { Trans } from "../../trans";
import { useTranslation } from "../../translation";
import type { Piece, versionsPage } from "../../proposals/versions.server";
import { useTextLanguage } from "../text-language";

// The versions page's parts: each kind of document with its versions, and the comparison of two
// of them part by part.

type Page = Pick<ReturnType<typeof versionsPage>, "kinds">;
type KindView = Page["kinds"][number];

// The parts that hold only what the applicants typed, in their language (the others mix in the
// portal's words: themes, dates, amounts, countries).
const TYPED_PARTS = new Set(["title", "summary", "problem", "objectives", "expectedResults", "contactPerson", "risks", "outcome", "lessonsLearnt"]);

function useTypedLanguage(key: string) {
  const typed = useTextLanguage("en");
  return TYPED_PARTS.has(key) ? typed : {};
}

/** One side of a changed field: removed words in <del>, added words in <ins>, which screen readers announce. */
function Side({ pieces, partKey }: { pieces: Piece[]; partKey: string }) {
  const typed = useTypedLanguage(partKey);
  if (!pieces.length) return <Empty partKey={partKey} />;
  return (
    <div className="prose" {...typed}>
      {pieces.map((piece, i) =>
        piece.mark === "removed" ? (
          <del key={i} className="change">
            {piece.text}
          </del>
        ) : piece.mark === "added" ? (
          <ins key={i} className="change">
            {piece.text}
          </ins>
        ) : (
          <span key={i}>{piece.text}</span>
        ),
      )}
    </div>
  );
}

function Empty({ partKey, either = false }: { partKey: string; either?: boolean }) {
  const { t } = useTranslation();
  const attachments = partKey === "attachments";
  const words = either
    ? t(attachments ? "versionsPage.noneEither" : "versionsPage.notAnsweredEither")
    : t(attachments ? "versionsPage.none" : "versionsPage.notAnswered");
  return <span className="muted">{words}</span>;
}

/** A version shown alone: each part's text, or that it was not answered. */
function OnlyText({ partKey, text }: { partKey: string; text: string }) {
  const typed = useTypedLanguage(partKey);
  return text ? (
    <span className="prose" {...typed}>
      {text}
    </span>
  ) : (
    <Empty partKey={partKey} />
  );
}

function CompareForm({ view, page }: { view: KindView; page: Page }) {
  const { t } = useTranslation();
  const comparison = view.comparison!;
  // The other kind's choice rides along, so comparing one kind does not reset the other.
  const others = page.kinds.filter((k) => k.kind !== view.kind && k.comparison);
  const option = (v: KindView["versions"][number]) => (
    <option key={v.number} value={v.number}>
      {t("versionsPage.option", { number: v.number, day: v.day })}
    </option>
  );
  return (
    <Form method="get" className="filters" key={`${comparison.from}-${comparison.to}`}>
      {others.map((k) => (
        <span key={k.kind}>
          <input type="hidden" name={`${k.kind}From`} value={k.comparison!.from} />
          <input type="hidden" name={`${k.kind}To`} value={k.comparison!.to} />
        </span>
      ))}
      <div className="field">
        <label htmlFor={`${view.kind}-from`}>{t("versionsPage.compare")}</label>
        <select id={`${view.kind}-from`} name={`${view.kind}From`} defaultValue={comparison.from}>
          {view.versions.map(option)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${view.kind}-to`}>{t("versionsPage.with")}</label>
        <select id={`${view.kind}-to`} name={`${view.kind}To`} defaultValue={comparison.to}>
          {view.versions.map(option)}
        </select>
      </div>
      <button type="submit" className="secondary">
        {t("versionsPage.compareButton")}
      </button>
    </Form>
  );
}

function Comparison({ view, page }: { view: KindView; page: Page }) {
  const { t } = useTranslation();
  const comparison = view.comparison!;
  const at = (n: number) => view.versions.find((v) => v.number === n)?.at;
  return (
    <>
      <CompareForm view={view} page={page} />
      {view.notice ? <p className="notice warning">{view.notice}</p> : null}
      <p>
        <Trans
          i18nKey="versionsPage.changed"
          values={{ changed: comparison.changedCount, parts: comparison.fields.length, from: comparison.from, to: comparison.to }}
          components={{ strong: <strong />, del: <del className="change" />, ins: <ins className="change" /> }}
        />
      </p>
      <div className="table-scroll">
        <table className="version-compare stacked">
          <caption className="visually-hidden">
            {t("versionsPage.comparisonCaption", { kind: view.heading, from: comparison.from, to: comparison.to })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("versionsPage.part.column")}</th>
              <th scope="col">
                {t("versionsPage.versionNumber", { number: comparison.from })}
                <br />
                <span className="muted">{at(comparison.from)}</span>
              </th>
              <th scope="col">
                {t("versionsPage.versionNumber", { number: comparison.to })}
                <br />
                <span className="muted">{at(comparison.to)}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {comparison.fields.map((field) =>
              field.changed ? (
                <tr key={field.key}>
                  <th scope="row">
                    {field.label} <span className="badge warn">{t("versionsPage.changedBadge")}</span>
                  </th>
                  <td data-label={t("versionsPage.versionNumber", { number: comparison.from })}>
                    <Side pieces={field.left} partKey={field.key} />
                  </td>
                  <td data-label={t("versionsPage.versionNumber", { number: comparison.to })}>
                    <Side pieces={field.right} partKey={field.key} />
                  </td>
                </tr>
              ) : (
                <tr key={field.key} className="unchanged">
                  <th scope="row">
                    {field.label} <span className="badge off">{t("versionsPage.unchangedBadge")}</span>
                  </th>
                  <td colSpan={2}>
                    {field.left.length ? (
                      <details>
                        <summary>{t("versionsPage.showText")}</summary>
                        <Side pieces={field.left} partKey={field.key} />
                      </details>
                    ) : (
                      <Empty partKey={field.key} either />
                    )}
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function KindSection({ view, page }: { view: KindView; page: Page }) {
  const { t } = useTranslation();
  const headingId = `${view.kind}-versions`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{view.heading}</h2>
      <div className="table-scroll">
        <table className="stacked">
          <caption className="visually-hidden">{view.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("versionsPage.column.version")}</th>
              <th scope="col">{t("versionsPage.column.what")}</th>
              <th scope="col">{t("versionsPage.column.when")}</th>
              <th scope="col">{t("versionsPage.column.by")}</th>
            </tr>
          </thead>
          <tbody>
            {view.versions.map((v) => (
              <tr key={v.number}>
                <td data-label={t("versionsPage.column.version")}>{v.number}</td>
                <td data-label={t("versionsPage.column.what")}>
                  {v.what}
                  {v.corrects !== null ? (
                    <div>
                      <Link to={`?${view.kind}From=${v.corrects}&${view.kind}To=${v.number}#${headingId}`}>{t("versionsPage.compareWithCorrected", { number: v.corrects })}</Link>
                    </div>
                  ) : null}
                </td>
                <td data-label={t("versionsPage.column.when")}>{v.at}</td>
                <td data-label={t("versionsPage.column.by")}>{v.by ?? <span className="muted">{t("versionsPage.portal")}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {view.only ? (
        <>
          <p>
            {view.versions.length === 1 ? t("versionsPage.onlyOne") : t("versionsPage.shownAlone", { number: view.onlyNumber })}
          </p>
          <dl className="answers">
            {view.only.map((field) => (
              <div key={field.key}>
                <dt>{field.label}</dt>
                <dd>
                  <OnlyText partKey={field.key} text={field.text} />
                </dd>
              </div>
            ))}
          </dl>
        </>
      ) : (
        <Comparison view={view} page={page} />
      )}
    </section>
  );
}
