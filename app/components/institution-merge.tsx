import { Link } from "@remix-run/react";
import { useTranslation } from "../translation";
import type { Translate } from "../../workflows/words";

type PartnerStatus = "invited" | "confirmed" | "declined";

type Preview = {
  kept: { id: number; name: string };
  led: { id: number; name: string }[];
  partnerOf: { id: number; name: string; status: PartnerStatus; folded: boolean }[];
  people: { id: number; name: string }[];
  comments: number;
  conflictRules: number;
};

function partnerStatusWord(status: PartnerStatus, t: Translate) {
  switch (status) {
    case "invited":
      return t("mergeInstitutions.partner.invited");
    case "confirmed":
      return t("mergeInstitutions.partner.confirmed");
    case "declined":
      return t("mergeInstitutions.partner.declined");
  }
}

/** A proposal by its reference, else its title, else as untitled in the reader's words. */
function ProposalLink({ proposal }: { proposal: { id: number; name: string } }) {
  const { t } = useTranslation();
  return <Link to={`/proposals/${proposal.id}`}>{proposal.name || t("mergeInstitutions.untitled")}</Link>;
}

/** What a merge moves to the kept institution, listed before the administrator confirms it. */
export function MergePreview({ preview }: { preview: Preview }) {
  const { t } = useTranslation();
  return (
    <dl className="facts">
      <dt>{t("mergeInstitutions.led")}</dt>
      <dd>
        {preview.led.length ? (
          <ul>
            {preview.led.map((proposal) => (
              <li key={proposal.id}>
                <ProposalLink proposal={proposal} />
              </li>
            ))}
          </ul>
        ) : (
          t("mergeInstitutions.none")
        )}
      </dd>
      <dt>{t("mergeInstitutions.partnerOf")}</dt>
      <dd>
        {preview.partnerOf.length ? (
          <ul>
            {preview.partnerOf.map((proposal) => (
              <li key={proposal.id}>
                <ProposalLink proposal={proposal} /> ({partnerStatusWord(proposal.status, t)})
                {proposal.folded ? ` — ${t("mergeInstitutions.folded", { name: preview.kept.name })}` : ""}
              </li>
            ))}
          </ul>
        ) : (
          t("mergeInstitutions.none")
        )}
      </dd>
      <dt>{t("mergeInstitutions.people")}</dt>
      <dd>{preview.people.length ? preview.people.map((person) => person.name).join(", ") : t("mergeInstitutions.none")}</dd>
      <dt>{t("mergeInstitutions.comments")}</dt>
      <dd>{t("mergeInstitutions.commentCount", { count: preview.comments })}</dd>
      <dt>{t("mergeInstitutions.conflictRules")}</dt>
      <dd>{t("mergeInstitutions.ruleCount", { count: preview.conflictRules })}</dd>
    </dl>
  );
}
