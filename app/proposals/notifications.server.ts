import type { Tx } from "../../db/client";
import { and, eq, inArray, or } from "drizzle-orm";
import { countries, institutions, memberships, proposalPartners, proposals, rounds, users } from "../../db/schema";
import { countryLabel } from "../../workflows/countries";
import { enqueueEmails, renderedForEach } from "../../emails/outbox";
import type { RenderedEmail } from "../../emails/outbox";
import { recipientLanguage } from "../../emails/words";
import { clarificationRequestedEmail } from "../../emails/templates/clarification-requested";
import { conceptApprovedEmail } from "../../emails/templates/concept-approved";
import { eligibilityOutcomeEmail } from "../../emails/templates/eligibility-outcome";
import { implementationUpdateEmail } from "../../emails/templates/implementation-update";
import { proposalEndedEmail } from "../../emails/templates/proposal-ended";
import { proposalSubmittedEmail } from "../../emails/templates/proposal-submitted";
import { proposalToDecideEmail } from "../../emails/templates/proposal-to-decide";
import { proposalWithdrawnEmail } from "../../emails/templates/proposal-withdrawn";
import { revisionRequestedEmail } from "../../emails/templates/revision-requested";
import { selectionOutcomeEmail } from "../../emails/templates/selection-outcome";
import type { ProposalEvent } from "../../workflows/proposal-events";
import { isWithin } from "../../workflows/proposal-stages";
import { env } from "../env.server";

// The mail a proposal's transitions owe, written to the outbox in the transition's transaction.
// Applicants hear about what concerns them, and with them the country advisors of the countries
// taking part, who help them; administrators hear when a proposal waits for them.

type Recipient = { userId: number; name: string; email: string; locale: string | null; institutionId: number | null; asAdvisor?: boolean };

type Transition = {
  proposal: typeof proposals.$inferSelect;
  event: ProposalEvent;
  fromState: string;
  toState: string;
  eventId: number;
  now: Date;
};

export function notifyTransition(tx: Tx, transition: Transition) {
  const { proposal, event } = transition;
  const proposalUrl = `${env().APP_URL}/proposals/${proposal.id}`;
  // Each recipient reads the mail in their own account's language, whoever acted.
  const about = (recipient: Recipient) => ({
    appUrl: env().APP_URL,
    reference: proposal.reference,
    title: proposal.title,
    proposalUrl,
    language: recipientLanguage(recipient.locale),
  });
  const applicants = () => withoutRepeats([...applicantsOf(tx, proposal), ...advisorsOf(tx, proposal)]);
  const administrators = () => administratorsOf(tx);
  const send = (recipients: Recipient[], template: string, render: (r: Recipient) => RenderedEmail) => {
    const rendered = renderedFor(recipients, render);
    enqueueEmails(
      tx,
      recipients.map((recipient, i) => ({
        idempotencyKey: `proposal-event:${transition.eventId}:${template}:${recipient.userId}`,
        to: recipient.email,
        template,
        ...rendered[i]!,
      })),
    );
  };
  const toDecide = (what: Parameters<typeof proposalToDecideEmail>[0]["what"], answer?: string) =>
    send(administrators(), "proposal-to-decide", (r) => proposalToDecideEmail({ recipientName: r.name, what, answer, ...about(r) }));

  switch (event.type) {
    case "SUBMIT": {
      const { roundTitle, leadInstitutionName, countryLabels } = submissionFacts(tx, proposal);
      send(applicants(), "proposal-submitted", (r) =>
        proposalSubmittedEmail({
          recipientName: r.name,
          isLead: r.institutionId === proposal.leadInstitutionId,
          asAdvisor: r.asAdvisor,
          roundTitle,
          leadInstitutionName,
          countries: countryLabels,
          submittedAt: transition.now,
          ...about(r),
        }),
      );
      return toDecide("eligibility");
    }
    case "CONFIRM_ELIGIBLE":
    case "DECLARE_INELIGIBLE":
      return send(applicants(), "eligibility-outcome", (r) =>
        // Confirming keeps its reason internal (an override is the TAF team's record); declaring
        // a proposal ineligible tells the applicants why.
        eligibilityOutcomeEmail({ recipientName: r.name, eligible: event.type === "CONFIRM_ELIGIBLE", reason: event.type === "DECLARE_INELIGIBLE" ? event.reason : "", ...about(r) }),
      );
    case "REQUEST_CLARIFICATION":
      return send(applicants(), "clarification-requested", (r) =>
        clarificationRequestedEmail({ recipientName: r.name, isLead: r.institutionId === proposal.leadInstitutionId, question: event.question, dueAt: new Date(event.dueAt), ...about(r) }),
      );
    case "RESPOND":
      return toDecide("clarificationAnswered", event.message);
    case "CLARIFICATION_EXPIRED":
      return toDecide("clarificationExpired");
    case "DECIDE":
      return send(applicants(), "selection-outcome", (r) =>
        selectionOutcomeEmail({ recipientName: r.name, promising: event.outcome === "promising", sharedFeedback: event.sharedFeedback, ...about(r) }),
      );
    case "SUBMIT_CONCEPT":
      return toDecide("conceptSubmitted", event.answer);
    case "SUBMIT_REPORT":
      return toDecide("reportSubmitted");
    case "REQUEST_REVISION":
      return send(applicants(), "revision-requested", (r) =>
        revisionRequestedEmail({
          recipientName: r.name,
          document: isWithin(transition.fromState, "conceptualWork") ? "concept note" : "completion report",
          reason: event.reason,
          ...about(r),
        }),
      );
    case "APPROVE_CONCEPT":
      return send(applicants(), "concept-approved", (r) => conceptApprovedEmail({ recipientName: r.name, ...about(r) }));
    case "START":
    case "HOLD":
    case "RESUME":
    case "COMPLETE": {
      const change = ({ START: "started", HOLD: "onHold", RESUME: "resumed", COMPLETE: "completed" } as const)[event.type];
      return send(applicants(), "implementation-update", (r) =>
        implementationUpdateEmail({ recipientName: r.name, change, reason: event.type === "HOLD" ? event.reason : undefined, ...about(r) }),
      );
    }
    case "WITHDRAW": {
      const by = tx
        .select({ name: users.name, institution: institutions.name })
        .from(users)
        .leftJoin(institutions, eq(institutions.id, proposal.leadInstitutionId))
        .where(eq(users.id, event.actor.userId))
        .get();
      return send([...applicants(), ...administrators()], "proposal-withdrawn", (r) =>
        proposalWithdrawnEmail({
          recipientName: r.name,
          withdrawnByName: by?.name ?? null,
          withdrawnByInstitution: by?.institution ?? "",
          reason: event.reason,
          ...about(r),
        }),
      );
    }
    case "REJECT_CONCEPT":
    case "CANCEL_IMPLEMENTATION": {
      const ending = event.type === "REJECT_CONCEPT" ? "conceptRejected" : "implementationCancelled";
      return send(applicants(), "proposal-ended", (r) => proposalEndedEmail({ recipientName: r.name, ending, reason: event.reason, ...about(r) }));
    }
    case "DISCARD":
    case "ELIGIBILITY_CHECKED":
    case "START_REVIEW":
    case "CLOSE_REVIEW":
    case "RECHECK":
      // Discarding a draft, the automatic check (run again too) and the review's internal steps tell no one.
      return;
    default:
      return unheardOf(event);
  }
}

/**
 * Each recipient's mail, rendered once for each group that reads the same words: the same
 * language, institution and role, all a template reads of its recipient beside the name.
 */
export function renderedFor(recipients: readonly Recipient[], render: (r: Recipient) => RenderedEmail): RenderedEmail[] {
  return renderedForEach(recipients, (r) => JSON.stringify([recipientLanguage(r.locale), r.institutionId, r.asAdvisor === true]), render);
}

/** A new event fails to compile here until someone decides who hears of it. */
function unheardOf(event: never): never {
  throw new Error(`No one decided who hears of ${(event as ProposalEvent).type}.`);
}

/** Active applicants of the lead institution and of every partner that confirmed. */
export function applicantsOf(tx: Tx, proposal: { id: number; leadInstitutionId: number }): Recipient[] {
  const partners = tx
    .select({ id: proposalPartners.institutionId })
    .from(proposalPartners)
    .where(and(eq(proposalPartners.proposalId, proposal.id), eq(proposalPartners.status, "confirmed")))
    .all()
    .map((p) => p.id);
  return tx
    .selectDistinct({ userId: users.id, name: users.name, email: users.email, locale: users.locale, institutionId: memberships.institutionId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(
        eq(memberships.role, "applicant"),
        eq(users.active, true),
        or(eq(memberships.institutionId, proposal.leadInstitutionId), inArray(memberships.institutionId, partners)),
      ),
    )
    .all();
}

/**
 * Active country advisors of the lead's country and of every confirmed partner's: those who see
 * the proposal once it is submitted (`visibleProposals`), when the applicants' mail begins.
 */
export function advisorsOf(tx: Tx, proposal: { id: number; leadInstitutionId: number }): Recipient[] {
  const countriesTakingPart = tx
    .selectDistinct({ code: institutions.countryCode })
    .from(institutions)
    .leftJoin(proposalPartners, and(eq(proposalPartners.institutionId, institutions.id), eq(proposalPartners.proposalId, proposal.id)))
    .where(or(eq(institutions.id, proposal.leadInstitutionId), eq(proposalPartners.status, "confirmed")));
  return tx
    .selectDistinct({ userId: users.id, name: users.name, email: users.email, locale: users.locale, institutionId: memberships.institutionId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.role, "countryAdvisor"), eq(users.active, true), inArray(memberships.countryCode, countriesTakingPart)))
    .all()
    .map((advisor) => ({ ...advisor, asAdvisor: true }));
}

/** One mail per person, even for someone who is both an applicant and an advisor of the proposal. */
function withoutRepeats(recipients: Recipient[]) {
  return recipients.filter((recipient, index) => recipients.findIndex((other) => other.userId === recipient.userId) === index);
}

export function administratorsOf(tx: Tx): Recipient[] {
  return tx
    .selectDistinct({ userId: users.id, name: users.name, email: users.email, locale: users.locale, institutionId: memberships.institutionId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.role, "administrator"), eq(users.active, true)))
    .all();
}

function submissionFacts(tx: Tx, proposal: { id: number; roundId: number; leadInstitutionId: number }) {
  const round = tx.select({ title: rounds.title }).from(rounds).where(eq(rounds.id, proposal.roundId)).get();
  const lead = tx.select({ name: institutions.name }).from(institutions).where(eq(institutions.id, proposal.leadInstitutionId)).get();
  const countryRows = tx
    .selectDistinct({ name: countries.name, footnote: countries.needsDesignationFootnote, order: countries.sortOrder })
    .from(institutions)
    .innerJoin(countries, eq(countries.code, institutions.countryCode))
    .leftJoin(proposalPartners, and(eq(proposalPartners.institutionId, institutions.id), eq(proposalPartners.proposalId, proposal.id)))
    .where(or(eq(institutions.id, proposal.leadInstitutionId), eq(proposalPartners.status, "confirmed")))
    .orderBy(countries.sortOrder)
    .all();
  return {
    roundTitle: round?.title ?? "",
    leadInstitutionName: lead?.name ?? "",
    countryLabels: countryRows.map((c) => countryLabel(c.name, c.footnote)),
  };
}
