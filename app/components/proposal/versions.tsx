import { Form, Link } from "@remix-run/react";
import type { Piece, versionsPage } from "../../proposals/versions.server";

// The versions page's parts: each kind of document with its versions, and the comparison of two
// of them part by part.

type Page = Pick<ReturnType<typeof versionsPage>, "kinds">;
type KindView = Page["kinds"][number];

/** One side of a changed field: removed words in <del>, added words in <ins>, which screen readers announce. */
function Side({ pieces, empty }: { pieces: Piece[]; empty: string }) {
  if (!pieces.length) return <span className="muted">{empty}</span>;
  return (
    <div className="prose">
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

const emptyText = (key: string) => (key === "attachments" ? "None" : "Not answered");

function CompareForm({ view, page }: { view: KindView; page: Page }) {
  const comparison = view.comparison!;
  // The other kind's choice rides along, so comparing one kind does not reset the other.
  const others = page.kinds.filter((k) => k.kind !== view.kind && k.comparison);
  const option = (v: KindView["versions"][number]) => (
    <option key={v.number} value={v.number}>
      Version {v.number} ({v.day})
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
        <label htmlFor={`${view.kind}-from`}>Compare</label>
        <select id={`${view.kind}-from`} name={`${view.kind}From`} defaultValue={comparison.from}>
          {view.versions.map(option)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={`${view.kind}-to`}>with</label>
        <select id={`${view.kind}-to`} name={`${view.kind}To`} defaultValue={comparison.to}>
          {view.versions.map(option)}
        </select>
      </div>
      <button type="submit" className="secondary">
        Compare these versions
      </button>
    </Form>
  );
}

function Comparison({ view, page }: { view: KindView; page: Page }) {
  const comparison = view.comparison!;
  const at = (n: number) => view.versions.find((v) => v.number === n)?.at;
  return (
    <>
      <CompareForm view={view} page={page} />
      {view.notice ? <p className="notice warning">{view.notice}</p> : null}
      <p>
        <strong>
          {comparison.changedCount} of {comparison.fields.length} parts changed
        </strong>{" "}
        from version {comparison.from} to version {comparison.to}. Removed words are <del className="change">struck through</del> in the older version; added words are{" "}
        <ins className="change">underlined</ins> in the newer one.
      </p>
      <div className="table-scroll">
        <table className="version-compare stacked">
          <caption className="visually-hidden">
            {view.heading}: version {comparison.from} compared with version {comparison.to}
          </caption>
          <thead>
            <tr>
              <th scope="col">Part</th>
              <th scope="col">
                Version {comparison.from}
                <br />
                <span className="muted">{at(comparison.from)}</span>
              </th>
              <th scope="col">
                Version {comparison.to}
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
                    {field.label} <span className="badge warn">changed</span>
                  </th>
                  <td data-label={`Version ${comparison.from}`}>
                    <Side pieces={field.left} empty={emptyText(field.key)} />
                  </td>
                  <td data-label={`Version ${comparison.to}`}>
                    <Side pieces={field.right} empty={emptyText(field.key)} />
                  </td>
                </tr>
              ) : (
                <tr key={field.key} className="unchanged">
                  <th scope="row">
                    {field.label} <span className="badge off">unchanged</span>
                  </th>
                  <td colSpan={2}>
                    {field.left.length ? (
                      <details>
                        <summary>Show the text (the same in both)</summary>
                        <Side pieces={field.left} empty={emptyText(field.key)} />
                      </details>
                    ) : (
                      <span className="muted">{field.key === "attachments" ? "None in either version" : "Not answered in either version"}</span>
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
  const headingId = `${view.kind}-versions`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{view.heading}</h2>
      <div className="table-scroll">
        <table className="stacked">
          <caption className="visually-hidden">Versions of {view.heading.toLowerCase()}</caption>
          <thead>
            <tr>
              <th scope="col">Version</th>
              <th scope="col">What happened</th>
              <th scope="col">When</th>
              <th scope="col">By</th>
            </tr>
          </thead>
          <tbody>
            {view.versions.map((v) => (
              <tr key={v.number}>
                <td data-label="Version">{v.number}</td>
                <td data-label="What happened">
                  {v.what}
                  {v.corrects !== null ? (
                    <div>
                      <Link to={`?${view.kind}From=${v.corrects}&${view.kind}To=${v.number}#${headingId}`}>Compare with version {v.corrects}, which it corrects</Link>
                    </div>
                  ) : null}
                </td>
                <td data-label="When">{v.at}</td>
                <td data-label="By">{v.by ?? <span className="muted">The portal</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {view.only ? (
        <>
          <p>
            {view.versions.length === 1
              ? "There is only one version so far, so there is nothing to compare yet. This is version 1:"
              : `The last report corrects no earlier one, so it is shown alone. This is version ${view.onlyNumber}:`}
          </p>
          <dl className="answers">
            {view.only.map((field) => (
              <div key={field.key}>
                <dt>{field.label}</dt>
                <dd>{field.text ? <span className="prose">{field.text}</span> : <span className="muted">{emptyText(field.key)}</span>}</dd>
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
