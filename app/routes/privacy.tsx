import type { MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { env } from "../env.server";

export const meta: MetaFunction = () => [{ title: "Privacy notice · TAF portal" }];

// Open to everyone, signed in or not: people read it before they accept an invitation.
export function loader() {
  return { teamEmail: env().TAF_TEAM_EMAIL };
}

export default function PrivacyNotice() {
  const { teamEmail } = useLoaderData<typeof loader>();
  return (
    <article className="privacy-notice">
      <p>
        <Link to="/">← Home</Link>
      </p>
      <h1>Privacy notice</h1>
      <p>
        The TAF portal is run by the TAF team of an EU-funded regional project against serious and organised crime and terrorism in
        the Western Balkans. The people who use it work for law-enforcement and other security institutions, so what the portal
        knows about them is sensitive. This page says what it keeps, why, for how long, who sees it, and whom to ask.
      </p>

      <h2>What the portal keeps about you</h2>
      <ul>
        <li>Your name, your e-mail address and, where you or your institution give it, your job title.</li>
        <li>
          Your institution and your role in the portal: applicant of an institution, reviewer (with your affiliation), country
          advisor for a country, or member of the TAF team.
        </li>
        <li>
          Sign-in records: when you signed in and out, from which address, failed attempts, password changes, and the sessions
          that keep you signed in.
        </li>
        <li>What you do on proposals: what you write, submit, confirm, comment, review or decide, with your name and the time.</li>
        <li>The e-mails the portal sends you (invitations, reminders, notices), with when they were sent.</li>
      </ul>
      <p>It keeps no other personal data: no photographs, no identity numbers, no case files. Do not put personal data of suspects or victims in a proposal.</p>

      <h2>Why</h2>
      <ul>
        <li>To give access by invitation only, to the people who need it, and to keep it secure.</li>
        <li>
          To run the submission rounds: check eligibility, review, decide and follow the implementation of joint proposals, and
          tell the people concerned by e-mail.
        </li>
        <li>
          To account for the EU's funds: the history of each proposal and the audit log show who did what and when.
        </li>
      </ul>

      <h2>For how long</h2>
      <ul>
        <li>A sign-in lasts at most 14 days; signing out ends it at once.</li>
        <li>Your account stays while you take part in the TAF's work. When you leave, the TAF team deactivates it: you can no longer sign in.</li>
        <li>
          Proposals, their history, reviews, the audit log and the e-mails sent are kept for the life of the project and the five
          years after it in which the EU may audit what it funded. Then the TAF team deletes them.
        </li>
      </ul>

      <h2>Who sees it</h2>
      <ul>
        <li>Applicants see the proposals their institution takes part in, and who acted on them.</li>
        <li>Reviewers see only the proposals assigned to them, and only those where they declared no conflict of interest.</li>
        <li>Country advisors see the proposals of their country.</li>
        <li>The TAF team sees everything, to run the rounds and the accounts.</li>
      </ul>
      <p>Nothing is given to anyone outside the project, and nothing is used for anything other than the TAF's work.</p>

      <h2>Whom to ask</h2>
      <p>
        To know what the portal keeps about you, to have it corrected, or to ask for it to be deleted where the project does not
        need to keep it, write to the TAF team: <a href={`mailto:${teamEmail}`}>{teamEmail}</a>.
      </p>
    </article>
  );
}
