import { Link } from "@remix-run/react";
import { useTranslation } from "../../translation";
import { PROPOSAL_PARTS } from "../../../workflows/proposal-content";
import { partAnchor, partLabelKey } from "../../proposals/draft-parts";
import { useTextLanguage } from "../text-language";
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
  answersInWords,
}: {
  proposalId: number;
  title: string;
  content: ReturnType<typeof submissionPreview>["content"];
  answersInWords: ReturnType<typeof submissionPreview>["answersInWords"];
}) {
  const { t } = useTranslation();
  const typed = useTextLanguage("en");
  return (
    <section aria-labelledby="content-heading">
      <h2 id="content-heading">{t("submitPage.contentHeading")}</h2>
      <dl className="answers">
        <div>
          <dt>{t("draftForm.part.title")}</dt>
          <dd {...(title ? typed : {})}>{title ? title : <span className="badge warn">{t("proposalAnswer.missing")}</span>}</dd>
        </div>
        {PROPOSAL_PARTS.map((part) => (
          <div key={part.key}>
            <dt>
              {t(partLabelKey(part.key))}{" "}
              <Link to={`/proposals/${proposalId}/edit#${partAnchor(part.key)}`} className="edit-link" reloadDocument>
                {t("submitPage.edit")}
                <span className="visually-hidden"> {t(partLabelKey(part.key))}</span>
              </Link>
            </dt>
            <dd>
              <ProposalAnswer value={content[part.key]} missing="warn" inWords={answersInWords[part.key]} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function AttachmentsPreview({ proposalId, attachments }: { proposalId: number; attachments: { id: number; name: string; type: string; size: string }[] }) {
  const { t } = useTranslation();
  return (
    <section aria-labelledby="attachments-heading">
      <h2 id="attachments-heading">{t("submitPage.attachmentsHeading")}</h2>
      {attachments.length ? (
        <ul>
          {attachments.map((file) => (
            <li key={file.id}>
              {file.name} <span className="muted">({file.type}, {file.size})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="empty">{t("submitPage.noAttachments")}</p>
      )}
      <p>
        <Link to={`/proposals/${proposalId}/attachments`}>{t("submitPage.manageAttachments")}</Link>
      </p>
    </section>
  );
}
