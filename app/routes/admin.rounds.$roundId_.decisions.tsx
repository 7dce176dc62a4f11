import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Trans } from "../trans";
import { useTranslation } from "../translation";
import { DecisionFields, heldWords } from "../components/reviews/decision-fields";
import { useTextLanguage } from "../components/text-language";
import { readForm } from "../forms.server";
import { translateMessage, translatorOf } from "../i18n.server";
import { requirePermission } from "../permissions.server";
import { decisionFormSchema } from "../reviews/decisions-schema";
import { decisionsPage, decisionsRoundExists, recordDecisions, releaseDecisions, withdrawDecision } from "../reviews/decisions.server";
import { roundIdOf, roundNotFound } from "../rounds/round-page.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requirePermission(request, "decideProposals");
  const t = await translatorOf(request);
  const page = decisionsPage(roundIdOf(params.roundId), t) ?? roundNotFound();
  return { ...page, title: t("layout.pageTitle", { page: t("decisionsPage.pageTitle", { round: page.round.code }) }) };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const admin = await requirePermission(request, "decideProposals");
  const roundId = roundIdOf(params.roundId);
  if (!decisionsRoundExists(roundId)) roundNotFound();
  const t = await translatorOf(request);
  const form = await readForm(request);
  // A held decision's "Withdraw" button sits in the record form and names its proposal itself.
  const withdrawing = form.get("withdraw");
  const parsed = decisionFormSchema.safeParse(
    withdrawing
      ? { intent: "withdraw", proposalId: withdrawing, heldVersion: form.getAll("heldVersion") }
      : { ...Object.fromEntries(form), proposalId: form.getAll("proposalId"), heldVersion: form.getAll("heldVersion") },
  );
  // A refused form comes back as it was sent: the ticks, the outcome and the typed text.
  const sent = {
    ticked: form.getAll("proposalId").map(Number),
    values: { outcome: String(form.get("outcome") ?? ""), priority: form.get("priority") === "on", reason: String(form.get("reason") ?? ""), sharedFeedback: String(form.get("sharedFeedback") ?? "") },
  };
  const none = { error: null, recorded: [], released: [], refused: [], ...sent };
  if (!parsed.success) return { ...none, error: parsed.error.issues.map((issue) => translateMessage(issue.message, t)).join(" ") };
  const input = parsed.data;
  if (input.intent === "withdraw") {
    const withdrawn = withdrawDecision(admin, roundId, input.proposalId, input.heldVersion[input.proposalId]?.decision, t);
    return { ...none, error: withdrawn.ok ? null : withdrawn.message };
  }
  if (input.intent === "release") return { ...none, ...releaseDecisions(admin, roundId, new Date(), undefined, t) };
  const { outcome, priority, reason, sharedFeedback, heldVersion } = input;
  return { ...none, ...recordDecisions(admin, roundId, input.proposalId, { outcome, priority: priority === "on", reason, sharedFeedback }, { seen: heldVersion, t }) };
}

export default function Decisions() {
  const { round, proposals, held } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  // The reviewers' comments and the team's reasons are written in English, the language of record.
  const typed = useTextLanguage("en");
  // What was sent comes back into the form only when something of it was refused.
  const kept = result && (result.error || result.refused.length) ? result : undefined;
  return (
    <>
      <p>
        <Link to={`/admin/rounds/${round.id}`}>← {round.code}</Link> · <Link to={`/admin/rounds/${round.id}/ranking`}>{t("decisionsPage.ranking")}</Link>
      </p>
      <h1>
        <Trans i18nKey="decisionsPage.heading" values={{ round: round.code }} components={{ muted: <span className="muted" /> }} />
      </h1>
      <p className="prose">{t("decisionsPage.intro")}</p>
      {result ? (
        <div role="status" className={result.error || result.refused.length ? "notice error" : "notice"}>
          {result.error ? <p>{result.error}</p> : null}
          {result.recorded.length ? <p>{t("decisionsPage.recorded", { proposals: result.recorded.join("; ") })}</p> : null}
          {result.released.length ? <p>{t("decisionsPage.released", { proposals: result.released.join("; ") })}</p> : null}
          {result.refused.length ? (
            <ul>
              {result.refused.map((refusal) => (
                <li key={refusal.proposalId}>
                  {refusal.title}: {refusal.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <section aria-labelledby="record-heading">
        <h2 id="record-heading">{t("decisionsPage.record.heading")}</h2>
        {proposals.length ? (
          // Keyed by the held decisions: once one is recorded, changed or withdrawn the form starts
          // blank, so nothing is recorded twice by a second click; a refusal keeps what was typed.
          <Form method="post" className="stack" key={proposals.map((p) => `${p.proposalId}:${p.held?.version ?? 0}`).join()}>
            <input type="hidden" name="intent" value="record" />
            <div className="table-scroll">
              <table className="stacked">
                <thead>
                  <tr>
                    <th scope="col">{t("decisionsPage.column.decide")}</th>
                    <th scope="col">{t("decisionsPage.column.proposal")}</th>
                    <th scope="col">{t("decisionsPage.column.lead")}</th>
                    <th scope="col">{t("decisionsPage.column.held")}</th>
                  </tr>
                </thead>
                <tbody>
                  {proposals.map((proposal) => (
                    <tr key={proposal.proposalId}>
                      <td data-label={t("decisionsPage.column.decide")}>
                        <input
                          type="checkbox"
                          name="proposalId"
                          value={proposal.proposalId}
                          id={`decide-${proposal.proposalId}`}
                          aria-label={t("decisionsPage.decideOn", { proposal: proposal.name })}
                          defaultChecked={kept?.ticked.includes(proposal.proposalId)}
                        />
                        <input type="hidden" name="heldVersion" value={`${proposal.proposalId}:${proposal.held?.version ?? 0}`} />
                      </td>
                      <td className="text" data-label={t("decisionsPage.column.proposal")}>
                        <label htmlFor={`decide-${proposal.proposalId}`}>
                          <Link to={`/proposals/${proposal.proposalId}`} {...typed}>
                            {proposal.name}
                          </Link>
                        </label>
                        <div className="muted">{proposal.stage}</div>
                        {proposal.reviewersComments.length ? (
                          <details>
                            <summary>{t("decisionsPage.reviewersComments", { count: proposal.reviewersComments.length })}</summary>
                            <ul className="prose" {...typed}>
                              {proposal.reviewersComments.map((comment, index) => (
                                <li key={index} className="wrap">
                                  {comment}
                                </li>
                              ))}
                            </ul>
                          </details>
                        ) : null}
                      </td>
                      <td className="text" data-label={t("decisionsPage.column.lead")}>
                        {proposal.lead}
                      </td>
                      <td className="text" data-label={t("decisionsPage.column.held")}>
                        {proposal.held ? (
                          <>
                            {heldWords(proposal.held, t)} <span className="muted">{t("decisionsPage.decidedBy", { name: proposal.held.decidedBy })}</span>
                            <div className="muted">
                              {t("decisionsPage.reason")} <span {...typed}>{proposal.held.reason}</span>
                            </div>
                            <button type="submit" name="withdraw" value={proposal.proposalId} formNoValidate className="secondary">
                              {t("decisionsPage.withdraw")}
                            </button>
                          </>
                        ) : (
                          <span className="muted">{t("decisionsPage.noneYet")}</span>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <DecisionFields idPrefix="decision" values={kept?.values} />
            <p>
              <button type="submit">{t("decisionFields.recordAndHold")}</button>
            </p>
          </Form>
        ) : (
          <p className="empty">{t("decisionsPage.record.empty")}</p>
        )}
      </section>

      <section aria-labelledby="release-heading">
        <h2 id="release-heading">{t("decisionsPage.release.heading")}</h2>
        {held.length ? (
          <>
            {held.map((decision) => (
              <HeldPreview key={decision.proposalId} decision={decision} />
            ))}
            <Form method="post" className="stack">
              <input type="hidden" name="intent" value="release" />
              <div className="field">
                <label className="checkbox">
                  <input type="checkbox" name="confirm" required /> {t("decisionsPage.release.confirm")}
                </label>
              </div>
              <p>
                <button type="submit">{t("decisionsPage.release.submit", { count: held.length })}</button>
              </p>
            </Form>
          </>
        ) : (
          <p className="empty">{t("decisionsPage.release.empty")}</p>
        )}
      </section>
    </>
  );
}

type HeldDecisionShown = ReturnType<typeof useLoaderData<typeof loader>>["held"][number];

/** A held decision with the outcome e-mail its lead applicant will receive, in that applicant's language. */
function HeldPreview({ decision }: { decision: HeldDecisionShown }) {
  const { t } = useTranslation();
  const mail = useTextLanguage(decision.preview.language);
  return (
    <article className="card stack">
      <h3>
        {decision.name} <span className="muted">· {heldWords(decision, t)}</span>
      </h3>
      <p className="muted">
        <Trans i18nKey="decisionsPage.release.to" count={decision.recipients} values={{ subject: decision.preview.subject }} components={{ subject: <span {...mail} /> }} />
      </p>
      <pre className="mail" {...mail}>
        {decision.preview.text}
      </pre>
    </article>
  );
}
