import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Trans } from "../trans";
import { useTranslation } from "../translation";
import { requireUser } from "../auth/session.server";
import { CountryName } from "../components/country";
import { ProposalTable } from "../components/proposal-table";
import { RoundStateBadge } from "../components/round";
import { administratorOverview, DESK_ROWS, openRounds } from "../home/home.server";
import { FeedbackInvitations } from "../components/lessons/feedback-invitations";
import { feedbackWaitingFor } from "../lessons/feedback.server";
import { pageLanguage, translatorOf } from "../i18n.server";
import { requestedPage } from "../pagination.server";
import { can } from "../permissions.server";
import { proposalsOfCountries, proposalsOfInstitutions } from "../proposals/lists.server";
import { ReviewAssignmentTable } from "../components/reviews/review-assignment-table";
import { assignmentsOfReviewer, closedReviewsOf } from "../reviews/reviews.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.title }];

// After declining a partnership the institution no longer sees the proposal: the answer is told here.
const NOTICES: Record<string, string> = {
  "partnership-declined": "homePage.notice.partnershipDeclined",
  "partnership-withdrew": "homePage.notice.partnershipWithdrew",
  "review-conflict-declared": "homePage.notice.conflictDeclared",
  "review-declined": "homePage.notice.reviewDeclined",
};

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const applicantOf = user.memberships.filter((m) => m.role === "applicant");
  const advisorOf = user.memberships.filter((m) => m.role === "countryAdvisor");
  const notice = NOTICES[new URL(request.url).searchParams.get("notice") ?? ""];
  const t = await translatorOf(request);
  const language = await pageLanguage(request);
  return {
    title: t("layout.pageTitle", { page: t("homePage.title") }),
    name: user.name,
    notice: notice ? t(notice) : null,
    applicant: can(user, "viewApplicantHome")
      ? {
          institutions: applicantOf.map((m) => m.institutionName ?? ""),
          proposals: proposalsOfInstitutions(user, requestedPage(request, "ourPage"), { t, language }),
          openRounds: openRounds(language),
          feedback: feedbackWaitingFor(user, language),
        }
      : null,
    reviewer: can(user, "viewReviewerHome")
      ? { assignments: assignmentsOfReviewer(user, requestedPage(request, "reviewPage"), { t, language }), closed: closedReviewsOf(user) }
      : null,
    countryAdvisor: can(user, "viewCountryAdvisorHome")
      ? {
          countries: advisorOf.map((m) => ({ name: m.countryName ?? "", needsFootnote: m.countryNeedsFootnote })),
          proposals: proposalsOfCountries(user, requestedPage(request, "countryPage"), { t, language }),
        }
      : null,
    administrator: can(user, "viewAdministratorHome") ? administratorOverview(user, requestedPage(request, "progressPage", DESK_ROWS), { t, language }) : null,
  };
}

export default function Home() {
  const { t } = useTranslation();
  const data = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t("homePage.welcome", { name: data.name })}</h1>
      {data.notice ? (
        <p className="notice success" role="status">
          {data.notice}
        </p>
      ) : null}
      {data.administrator ? (
        <section aria-labelledby="admin-heading">
          <h2 id="admin-heading">{t("homePage.desk.heading")}</h2>
          <div className="cards">
            <div className="card">
              <h3>{t("homePage.desk.eligibility")}</h3>
              <p className="figure">{data.administrator.awaitingEligibility}</p>
              <p>{t("homePage.desk.awaitingEligibility", { count: data.administrator.awaitingEligibility })}</p>
              <Link to="/admin/eligibility">{t("homePage.desk.openEligibility")}</Link>
            </div>
            <div className="card">
              <h3>{t("homePage.desk.people")}</h3>
              <p className="figure">{data.administrator.activePeople}</p>
              <p>{t("homePage.desk.activePeople", { count: data.administrator.activePeople })}</p>
              <Link to="/admin/people">{t("homePage.desk.managePeople")}</Link>
            </div>
            <div className="card">
              <h3>{t("homePage.desk.institutions")}</h3>
              <p className="figure">{data.administrator.institutions}</p>
              <p>{t("homePage.desk.activeInstitutions", { count: data.administrator.institutions })}</p>
              <Link to="/admin/institutions">{t("homePage.desk.manageInstitutions")}</Link>
            </div>
            <div className="card">
              <h3>{t("homePage.desk.mail")}</h3>
              <p className="figure">{data.administrator.received}</p>
              <p>
                {t("homePage.desk.mailReceived", { count: data.administrator.received, pending: data.administrator.mailPending })}
                {data.administrator.mailFailed ? (
                  <>
                    {" "}
                    · <strong>{t("homePage.desk.mailFailed", { count: data.administrator.mailFailed })}</strong>
                  </>
                ) : null}
              </p>
              <Link to="/admin/mailbox">{t("homePage.desk.openMailbox")}</Link>
            </div>
          </div>
          <h3>{t("homePage.desk.inProgress")}</h3>
          <ProposalTable
            list={data.administrator.proposals}
            label={t("homePage.desk.inProgressLabel")}
            caption={t("homePage.desk.inProgressCaption")}
            empty={t("homePage.desk.inProgressEmpty")}
          />
          <p>
            <Link to="/admin/proposals">{t("homePage.desk.openTable")}</Link>
          </p>
          <h3>{t("homePage.desk.rounds")}</h3>
          {data.administrator.rounds.length ? (
            <ul>
              {data.administrator.rounds.map((round) => (
                <li key={round.id}>
                  <Link to={`/admin/rounds/${round.id}`}>{round.title}</Link> <RoundStateBadge state={round.state} label={round.stateLabel} />
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">{t("homePage.desk.noRounds")}</p>
          )}
          <p>
            <Link to="/admin/rounds">{t("homePage.desk.allRounds")}</Link> · <Link to="/admin/rounds/new">{t("homePage.desk.addRound")}</Link>
          </p>
        </section>
      ) : null}
      {data.applicant ? (
        <section aria-labelledby="applicant-heading">
          <h2 id="applicant-heading">{t("homePage.applicant.heading", { institutions: data.applicant.institutions.join(", ") })}</h2>
          <FeedbackInvitations surveys={data.applicant.feedback} />
          <ProposalTable
            list={data.applicant.proposals}
            label={t("homePage.applicant.label")}
            caption={t("homePage.applicant.caption")}
            empty={t("homePage.applicant.empty")}
          />
          <h3>{t("homePage.applicant.openRounds")}</h3>
          {data.applicant.openRounds.length ? (
            <p>
              <Link to="/proposals/new" className="button">
                {t("homePage.applicant.start")}
              </Link>
            </p>
          ) : null}
          {data.applicant.openRounds.length ? (
            <ul>
              {data.applicant.openRounds.map((round) => (
                <li key={round.code}>
                  <strong>{round.title}</strong>: {round.closes ? t("homePage.applicant.deadline", { at: round.closes }) : t("homePage.applicant.noDeadline")}
                </li>
              ))}
            </ul>
          ) : (
            <p className="empty">{t("homePage.applicant.noOpenRound")}</p>
          )}
        </section>
      ) : null}
      {data.reviewer ? (
        <section aria-labelledby="reviewer-heading">
          <h2 id="reviewer-heading">{t("homePage.reviewer.heading")}</h2>
          <ReviewAssignmentTable list={data.reviewer.assignments} />
          {data.reviewer.closed ? (
            <p className="muted">{t("homePage.reviewer.closed", { count: data.reviewer.closed })}</p>
          ) : null}
        </section>
      ) : null}
      {data.countryAdvisor ? (
        <section aria-labelledby="advisor-heading">
          <h2 id="advisor-heading">
            <Trans
              i18nKey="homePage.advisor.heading"
              components={{
                countries: (
                  <span>
                    {data.countryAdvisor.countries.map((c, i) => (
                      <span key={c.name}>
                        {i ? ", " : ""}
                        <CountryName name={c.name} needsFootnote={c.needsFootnote} />
                      </span>
                    ))}
                  </span>
                ),
              }}
            />
          </h2>
          <ProposalTable
            list={data.countryAdvisor.proposals}
            label={t("homePage.advisor.label")}
            caption={t("homePage.advisor.caption")}
            empty={t("homePage.advisor.empty")}
          />
        </section>
      ) : null}
    </>
  );
}
