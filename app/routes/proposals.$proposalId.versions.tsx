import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { requireProposal } from "../permissions.server";
import type { Piece } from "../proposals/versions.server";
import { versionsPage } from "../proposals/versions.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: `Versions · ${data?.proposal.reference ?? data?.proposal.title ?? "Proposal"} · TAF portal` },
];

// A number that is not a version number is ignored: the page then compares the last two.
const versionNumber = z.coerce.number().int().positive().optional().catch(undefined);
const compareQuery = z.object({
  proposalFrom: versionNumber,
  proposalTo: versionNumber,
  conceptNoteFrom: versionNumber,
  conceptNoteTo: versionNumber,
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { proposal } = await requireProposal(request, Number(params.proposalId));
  const query = compareQuery.parse(Object.fromEntries(new URL(request.url).searchParams));
  return {
    id: proposal.proposalId,
    ...versionsPage(proposal.proposalId, {
      proposal: { from: query.proposalFrom, to: query.proposalTo },
      conceptNote: { from: query.conceptNoteFrom, to: query.conceptNoteTo },
    }),
  };
}

type Page = ReturnType<typeof useLoaderData<typeof loader>>;
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
        from version {comparison.from} to version {comparison.to}. Removed words are <del className="change">struck through</del> on the left; added words are{" "}
        <ins className="change">underlined</ins> on the right.
      </p>
      <div className="table-scroll">
        <table className="version-compare">
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
                  <td>
                    <Side pieces={field.left} empty={emptyText(field.key)} />
                  </td>
                  <td>
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

function KindSection({ view, page }: { view: KindView; page: Page }) {
  const headingId = `${view.kind}-versions`;
  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>{view.heading}</h2>
      <div className="table-scroll">
        <table>
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
                <td>{v.number}</td>
                <td>{v.what}</td>
                <td>{v.at}</td>
                <td>{v.by ?? <span className="muted">The portal</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {view.only ? (
        <>
          <p>There is only one version so far, so there is nothing to compare yet. This is version 1:</p>
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

export default function VersionsPage() {
  const page = useLoaderData<typeof loader>();
  const shown = page.kinds.filter((k) => k.versions.length > 0);
  return (
    <>
      <p>
        <Link to={`/proposals/${page.id}`}>← Back to the proposal</Link>
      </p>
      <h1>
        {page.proposal.reference ? <span className="reference">{page.proposal.reference}</span> : null} Versions
      </h1>
      <p className="muted">{page.proposal.title || "Untitled proposal"}</p>
      <p>
        The portal keeps a copy of the proposal each time it is submitted or resubmitted with an answer to a clarification request, and of the concept note each
        time it is submitted. Compare two of them to see what changed.
      </p>
      {shown.length ? (
        shown.map((view) => <KindSection key={view.kind} view={view} page={page} />)
      ) : (
        <p className="empty">No version yet: the first is kept when the proposal is submitted.</p>
      )}
    </>
  );
}
