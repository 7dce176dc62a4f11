import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "../auth/session.server";
import { CountryName } from "../components/country";
import { ProposalTable } from "../components/proposal-table";
import { RoundStateBadge } from "../components/round";
import { administratorOverview, openRounds } from "../home/home.server";
import { FeedbackInvitations } from "../components/lessons/feedback-invitations";
import { feedbackWaitingFor } from "../lessons/feedback.server";
import { requestedPage } from "../pagination.server";
import { can } from "../permissions.server";
import { proposalsOfCountries, proposalsOfInstitutions } from "../proposals/lists.server";
import { ReviewAssignmentTable } from "../components/reviews/review-assignment-table";
import { assignmentsOfReviewer, closedReviewsOf } from "../reviews/reviews.server";

export const meta: MetaFunction = () => [{ title: "Home · TAF portal" }];

// After declining a partnership the institution no longer sees the proposal: the answer is told here.
const NOTICES: Record<string, string> = {
  "partnership-declined": "Your institution declined to take part. The lead institution was told by e-mail.",
  "partnership-withdrew": "Your institution withdrew its participation. The lead institution was told by e-mail.",
  "review-conflict-declared": "You declared a conflict of interest. The TAF team will assign the proposal to another reviewer; you see nothing more of it.",
  "review-declined": "You declined the assignment. The TAF team will assign the proposal to another reviewer.",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const applicantOf = user.memberships.filter((m) => m.role === "applicant");
  const advisorOf = user.memberships.filter((m) => m.role === "countryAdvisor");
  const notice = new URL(request.url).searchParams.get("notice");
  return {
    name: user.name,
    notice: NOTICES[notice ?? ""] ?? null,
    applicant: can(user, "viewApplicantHome")
      ? {
          institutions: applicantOf.map((m) => m.institutionName ?? ""),
          proposals: proposalsOfInstitutions(user, requestedPage(request, "ourPage")),
          openRounds: openRounds(),
          feedback: feedbackWaitingFor(user),
        }
      : null,
    reviewer: can(user, "viewReviewerHome")
      ? { assignments: assignmentsOfReviewer(user, requestedPage(request, "reviewPage")), closed: closedReviewsOf(user), now: new Date().toISOString() }
      : null,
    countryAdvisor: can(user, "viewCountryAdvisorHome")
      ? {
          countries: advisorOf.map((m) => ({ name: m.countryName ?? "", needsFootnote: m.countryNeedsFootnote })),
          proposals: proposalsOfCountries(user, requestedPage(request, "countryPage")),
        }
      : null,
    administrator: can(user, "viewAdministratorHome") ? administratorOverview(user, requestedPage(request, "progressPage")) : null,
  };
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1>Welcome, {data.name}</h1>
      {data.notice ? (
        <p className="notice success" role="status">
          {data.notice}
        </p>
      ) : null}
      {data.administrator ? (
        <section aria-labelledby="admin-heading">
          <h2 id="admin-heading">Your desk</h2>
          <div className="cards">
            <div className="card">
              <h3>Eligibility</h3>
              <p className="figure">{data.administrator.awaitingEligibility}</p>
              <p>{data.administrator.awaitingEligibility === 1 ? "proposal waits" : "proposals wait"} for an eligibility decision</p>
              <Link to="/admin/eligibility">Open the eligibility desk</Link>
            </div>
            <div className="card">
              <h3>People</h3>
              <p className="figure">{data.administrator.activePeople}</p>
              <p>active accounts</p>
              <Link to="/admin/people">Manage people</Link>
            </div>
            <div className="card">
              <h3>Institutions</h3>
              <p className="figure">{data.administrator.institutions}</p>
              <p>active in the directory</p>
              <Link to="/admin/institutions">Manage institutions</Link>
            </div>
            <div className="card">
              <h3>Mail</h3>
              <p className="figure">{data.administrator.received}</p>
              <p>
                received by the portal's mailbox · {data.administrator.mailPending} waiting to be sent
                {data.administrator.mailFailed ? (
                  <>
                    {" "}
                    · <strong>{data.administrator.mailFailed} failed</strong>
                  </>
                ) : null}
              </p>
              <Link to="/admin/mailbox">Open the mailbox</Link>
            </div>
          </div>
          <h3>Proposals in progress</h3>
          <ProposalTable
            list={data.administrator.proposals}
            label="proposals in progress"
            caption="Submitted proposals not yet finished, most recently changed first"
            empty="No proposal is in progress."
          />
          <h3>Submission rounds</h3>
          {data.administrator.rounds.length ? (
            <ul>
              {data.administrator.rounds.map((round) => (
                <li key={round.id}>
                  <Link to={`/admin/rounds/${round.id}`}>{round.title}</Link> <RoundStateBadge state={round.state} label={round.stateLabel} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">No rounds are planned, open or waiting to be archived.</p>
          )}
          <p>
            <Link to="/admin/rounds">All submission rounds</Link> · <Link to="/admin/rounds/new">Add a round</Link>
          </p>
        </section>
      ) : null}
      {data.applicant ? (
        <section aria-labelledby="applicant-heading">
          <h2 id="applicant-heading">Proposals of {data.applicant.institutions.join(", ")}</h2>
          <FeedbackInvitations surveys={data.applicant.feedback} />
          <ProposalTable
            list={data.applicant.proposals}
            label="your institution's proposals"
            caption="Proposals your institution leads or is a partner in"
            empty="Your institution has no proposals yet. Proposals your institution leads or is a partner in will be listed here."
          />
          <h3>Open submission rounds</h3>
          {data.applicant.openRounds.length ? (
            <p>
              <Link to="/proposals/new" className="button">
                Start a proposal
              </Link>
            </p>
          ) : null}
          {data.applicant.openRounds.length ? (
            <ul>
              {data.applicant.openRounds.map((round) => (
                <li key={round.code}>
                  <strong>{round.title}</strong>: {round.closes ? `deadline ${round.closes}` : "no deadline, proposals are read as they come in"}
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">No round is open at the moment.</p>
          )}
        </section>
      ) : null}
      {data.reviewer ? (
        <section aria-labelledby="reviewer-heading">
          <h2 id="reviewer-heading">Your review assignments</h2>
          <ReviewAssignmentTable list={data.reviewer.assignments} now={data.reviewer.now} />
          {data.reviewer.closed ? (
            <p className="muted">
              {data.reviewer.closed === 1 ? "1 of your reviews is" : `${data.reviewer.closed} of your reviews are`} closed: the TAF team decides with them, and
              the proposals are no longer open to you. Thank you.
            </p>
          ) : null}
        </section>
      ) : null}
      {data.countryAdvisor ? (
        <section aria-labelledby="advisor-heading">
          <h2 id="advisor-heading">
            Proposals from{" "}
            {data.countryAdvisor.countries.map((c, i) => (
              <span key={c.name}>
                {i ? ", " : ""}
                <CountryName name={c.name} needsFootnote={c.needsFootnote} />
              </span>
            ))}
          </h2>
          <ProposalTable
            list={data.countryAdvisor.proposals}
            label="proposals from your country"
            caption="Submitted proposals with an institution of your country"
            empty="No proposals from your country yet."
          />
        </section>
      ) : null}
    </>
  );
}
