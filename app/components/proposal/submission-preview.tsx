import { Link } from "@remix-run/react";
import { PROPOSAL_PARTS } from "../../../workflows/proposal-content";
import { partAnchor } from "../../proposals/content-schema";
import type { Blocker, submissionPreview } from "../../proposals/drafting.server";
import { ProposalAnswer } from "../proposal-answer";

// The preview before submitting: what stops or deserves a look, the proposal as the TAF team
// will read it (each part with a link to edit it), and the files that go with it.

export function BlockerList({ items }: { items: Blocker[] }) {
  return (
    <ul>
      {items.map((item) => (
        <li key={item.text}>
          {item.text}
          {item.fix ? (
            <>
              {" "}
              {/* A full load, so the browser scrolls to the part and :target outlines it. */}
              <Link to={item.fix.href} reloadDocument>
                {item.fix.label}
              </Link>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}

export function ProposalPreview({
  proposalId,
  title,
  content,
}: {
  proposalId: number;
  title: string;
  content: ReturnType<typeof submissionPreview>["content"];
}) {
  return (
    <section aria-labelledby="content-heading">
      <h2 id="content-heading">The proposal</h2>
      <dl className="answers">
        <div>
          <dt>Title</dt>
          <dd>{title ? title : <span className="badge warn">Not answered yet</span>}</dd>
        </div>
        {PROPOSAL_PARTS.map((part) => (
          <div key={part.key}>
            <dt>
              {part.label} <Link to={`/proposals/${proposalId}/edit#${partAnchor(part.key)}`} className="edit-link" reloadDocument>Edit<span className="visually-hidden"> {part.label}</span></Link>
            </dt>
            <dd>
              <ProposalAnswer partKey={part.key} value={content[part.key]} missing="warn" />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function AttachmentsPreview({ proposalId, attachments }: { proposalId: number; attachments: { id: number; name: string; type: string; size: string }[] }) {
  return (
    <section aria-labelledby="attachments-heading">
      <h2 id="attachments-heading">Attachments</h2>
      {attachments.length ? (
        <ul>
          {attachments.map((file) => (
            <li key={file.id}>
              {file.name} <span className="muted">({file.type}, {file.size})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">No attachments. Letters of support and other documents are optional.</p>
      )}
      <p>
        <Link to={`/proposals/${proposalId}/attachments`}>Add or remove attachments</Link>
      </p>
    </section>
  );
}
