import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "../translation";
import { PROPOSAL_PARTS } from "../../workflows/proposal-content";
import { ClarificationRequest } from "../components/proposal/clarification-request";
import { DeadlineFacts } from "../components/proposal/deadlines";
import { AdvisorShare } from "../components/proposal/advisor-share";
import { EligibilityCheck } from "../components/proposal/eligibility-check";
import { ProposalHistory } from "../components/proposal/history";
import { NextStepPanel } from "../components/proposal/next-step";
import { StageLine, StageList } from "../components/proposal/stages";
import { Statechart } from "../components/statechart";
import { ProposalAnswer } from "../components/proposal-answer";
import { HeldDecision } from "../components/reviews/decision-fields";
import { useTextLanguage } from "../components/text-language";
import { WhoStandsBehind } from "../components/who-stands-behind";
import { readForm } from "../forms.server";
import { partLabelKey } from "../proposals/draft-parts";
import { pageLanguage, translatorOf } from "../i18n.server";
import { requireProposal } from "../permissions.server";
import { sendFromProposalPage } from "../proposals/page-commands.server";
import { proposalPageFor } from "../proposals/proposal-view.server";
import { heldDecisionOn } from "../reviews/decisions.server";
import { advisorSharingFor } from "../proposals/advisor-sharing.server";
import { dueByIn } from "../proposals/deadline-words.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId));
  const t = await translatorOf(request);
  const language = await pageLanguage(request);
  const page = proposalPageFor(proposal, user, new URL(request.url).searchParams.get("notice"), t, language);
  const clarification = page.clarification;
  // Whoever may decide sees the decision held so far beside the form that would replace it.
  return {
    ...page,
    pageTitle: t("layout.pageTitle", { page: page.reference || page.title || t("proposalPage.title") }),
    heldDecision: page.actions.some((action) => action.type === "DECIDE") ? heldDecisionOn(proposal.proposalId) : null,
    advisorSharing: advisorSharingFor(proposal, user, { t, language }),
    clarification: clarification && { ...clarification, due: clarification.dueAt ? dueByIn(clarification.dueAt, new Date(clarification.now), { t, language }) : null },
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { user, proposal } = await requireProposal(request, Number(params.proposalId));
  const form = Object.fromEntries([...(await readForm(request))].map(([k, v]) => [k, String(v)]));
  return sendFromProposalPage(user, proposal, form, await translatorOf(request), await pageLanguage(request));
}

export default function ProposalPage() {
  const proposal = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useTranslation();
  const typed = useTextLanguage("en");
  return (
    <>
      <p>
        <Link to="/">{t("proposalPage.home")}</Link>
      </p>
      <div className="page-head">
        <h1>
          {proposal.reference ? (
            <>
              <span className="reference">{proposal.reference}</span>
              <span className="visually-hidden">:</span>{" "}
            </>
          ) : null}
          {proposal.title ? <span {...typed}>{proposal.title}</span> : t("proposalPage.untitled")}
        </h1>
        <span className={proposal.finished ? "badge off" : "badge ok"}>{proposal.stateLabel}</span>
      </div>
      {result?.done || proposal.notice ? (
        <p className="notice success" role="status">
          {result?.done ?? proposal.notice}
        </p>
      ) : null}
      {result?.formError && !proposal.actions.some((action) => action.type === result.event) ? (
        // Refused for a form no longer on the page (another person's step moved the proposal on): said here.
        <p className="notice error" role="alert">
          {result.formError}
        </p>
      ) : null}
      {proposal.jointLost ? (
        <p className="notice warning" role="status">
          {t("proposalPage.jointLost", { institution: proposal.jointLost.last.institution, date: proposal.jointLost.last.leftAt, minimum: proposal.jointLost.minimum })}
        </p>
      ) : null}
      {proposal.clarification ? <ClarificationRequest clarification={proposal.clarification} internal={proposal.forTeam} /> : null}

      <NextStepPanel
        step={proposal.nextStep}
        workLinks={proposal.workLinks}
        waitingFor={proposal.nextActor}
        finished={proposal.finished}
        version={proposal.version}
        result={result}
        extra={(type) => (type === "DECIDE" ? <HeldDecision held={proposal.heldDecision} /> : null)}
      />

      <nav aria-label={t("proposalPage.linksLabel")} className="proposal-links">
        <ul>
          {proposal.links.map((link) => (
            <li key={link.to}>
              <Link to={link.to}>{link.label}</Link>
            </li>
          ))}
        </ul>
      </nav>
      <dl className="facts">
        <WhoStandsBehind
          roundTitle={proposal.round.title}
          lead={proposal.lead}
          partners={proposal.partners}
          jointCountries={proposal.jointCountries}
          jointRule={proposal.jointRule}
          submitted={proposal.submitted}
        />
        <DeadlineFacts deadlines={proposal.deadlines} />
      </dl>

      <section aria-labelledby="where-heading">
        <h2 id="where-heading">{t("proposalPage.whereHeading")}</h2>
        <StageList stages={proposal.stages} />
        <StageLine now={proposal.stateLabel} next={proposal.nextStage} who={proposal.nextStep.yourTurn ? t("proposalPage.you") : proposal.nextActor} words={proposal.stageWords} />
        {proposal.statechart ? (
          <details className="statechart-details">
            <summary>{t("proposalPage.diagram")}</summary>
            <Statechart picture={proposal.statechart} />
          </details>
        ) : null}
      </section>

      <AdvisorShare sharing={proposal.advisorSharing} />

      {proposal.eligibility ? <EligibilityCheck check={proposal.eligibility} /> : null}

      <section aria-labelledby="content-heading">
        <h2 id="content-heading">{t("proposalPage.contentHeading")}</h2>
        <dl className="answers">
          {PROPOSAL_PARTS.map((part) => (
            <div key={part.key}>
              <dt>{t(partLabelKey(part.key))}</dt>
              <dd>
                <ProposalAnswer value={proposal.content[part.key]} missing="quiet" inWords={proposal.answersInWords[part.key]} />
              </dd>
            </div>
          ))}
        </dl>
      </section>

      <ProposalHistory history={proposal.history} />
    </>
  );
}
