import { Link } from "@remix-run/react";

type Preview = {
  kept: { id: number; name: string };
  led: { id: number; name: string }[];
  partnerOf: { id: number; name: string; status: "invited" | "confirmed" | "declined"; folded: boolean }[];
  people: { id: number; name: string }[];
  comments: number;
  conflictRules: number;
};

const PARTNER_STATUS_WORDS = { invited: "invited", confirmed: "confirmed", declined: "declined" } as const;

function countWords(n: number, one: string, many: string) {
  return n === 1 ? `1 ${one}` : `${n} ${many}`;
}

/** What a merge moves to the kept institution, listed before the administrator confirms it. */
export function MergePreview({ preview }: { preview: Preview }) {
  return (
    <dl className="facts">
      <dt>Proposals it leads</dt>
      <dd>
        {preview.led.length ? (
          <ul>
            {preview.led.map((proposal) => (
              <li key={proposal.id}>
                <Link to={`/proposals/${proposal.id}`}>{proposal.name}</Link>
              </li>
            ))}
          </ul>
        ) : (
          "None"
        )}
      </dd>
      <dt>Proposals it is a partner of</dt>
      <dd>
        {preview.partnerOf.length ? (
          <ul>
            {preview.partnerOf.map((proposal) => (
              <li key={proposal.id}>
                <Link to={`/proposals/${proposal.id}`}>{proposal.name}</Link> ({PARTNER_STATUS_WORDS[proposal.status]})
                {proposal.folded ? ` — ${preview.kept.name} takes part already: the two are folded into one, keeping the stronger answer` : ""}
              </li>
            ))}
          </ul>
        ) : (
          "None"
        )}
      </dd>
      <dt>People</dt>
      <dd>{preview.people.length ? preview.people.map((person) => person.name).join(", ") : "None"}</dd>
      <dt>Comments written for it</dt>
      <dd>{countWords(preview.comments, "comment", "comments")}</dd>
      <dt>Reviewers' conflict rules</dt>
      <dd>{countWords(preview.conflictRules, "rule", "rules")}</dd>
    </dl>
  );
}
