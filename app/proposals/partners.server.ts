import type { Tx } from "../../db/client";
import { and, eq, inArray, ne, notExists, sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import { countries, institutions, memberships, proposalPartners, proposals, rounds, users } from "../../db/schema";
import { countryLabel, WB6_COUNTRIES } from "../../workflows/countries";
import { enqueueEmails, renderedForEach } from "../../emails/outbox";
import { recipientLanguage } from "../../emails/words";
import { partnerInvitationEmail } from "../../emails/templates/partner-invitation";
import { partnerResponseEmail } from "../../emails/templates/partner-response";
import type { PageLanguage } from "../../workflows/languages";
import { formatBrusselsIn } from "../../workflows/time";
import { translatorFor } from "../../workflows/messages";
import type { Translate } from "../../workflows/words";
import { jointCountries, jointRuleOf } from "../../workflows/eligibility";
import { roundEligibility } from "../rounds/eligibility.server";
import { restoreProposal, stateLabelOf } from "../../workflows/proposal.machine";
import { audit } from "../audit.server";
import type { SessionUser } from "../auth/session.server";
import { db } from "../db.server";
import { env } from "../env.server";
import { containsPattern } from "../people/people.server";
import { roundSettings } from "../rounds/workflow.server";
import { partnersMayChange } from "./participation.server";
import { applicantInstitutions } from "../permissions.server";

// Partner institutions of a proposal: invited by the lead, confirmed or declined by their own
// applicants. Partners are not statechart events (the statechart reads them as facts at SUBMIT),
// so each change is written here in one transaction with the mail it owes and an audit row.

/** A refusal: `message` is a catalogue key (section `partnerRefusal`), `values` its placeholders. */
type Failure = { ok: false; message: string; values?: Record<string, string | number> };
export type PartnerOutcome<T = object> = ({ ok: true } & T) | Failure;

type Country = { name: string; needsFootnote: boolean };

/** The page's translator and language: the words and dates a page shows (English for mail, whose templates translate). */
export type PageWords = { t: Translate; language: PageLanguage };

/** The words of mail and of pages not yet converted. */
export function englishWords(): PageWords {
  return { t: translatorFor("en"), language: "en" };
}

/** A country's name in the reader's language; a country outside the WB6 keeps the directory's name. */
export function countryNameOf(code: string, directoryName: string, t: Translate): string {
  const wb6 = WB6_COUNTRIES.find((c) => c.code === code);
  return wb6 ? t(wb6.key) : directoryName;
}

function countryLookup(tx: Tx, t: Translate) {
  const rows = tx.select().from(countries).all();
  return (code: string): Country => {
    const row = rows.find((c) => c.code === code);
    return { name: countryNameOf(code, row?.name ?? code, t), needsFootnote: row?.needsDesignationFootnote ?? false };
  };
}

/** Active applicants counted per institution, in the query that lists institutions. */
const activeApplicants = sql<number>`(
  select count(distinct ${memberships.userId}) from ${memberships}
  inner join ${users} on ${users.id} = ${memberships.userId}
  where ${memberships.institutionId} = ${institutions.id} and ${memberships.role} = 'applicant' and ${users.active} = 1
)`;

const responders = alias(users, "responder");

/** The proposal, its lead and partners, and which countries stand behind it: for every viewer. */
export function partnersOverview(proposalId: number, tx: Tx = db(), { t, language }: PageWords = englishWords()) {
  const proposal = tx
    .select({
      id: proposals.id,
      title: proposals.title,
      reference: proposals.reference,
      state: proposals.state,
      clarificationDueAt: proposals.clarificationDueAt,
      content: proposals.content,
      roundTitle: rounds.title,
      roundCode: rounds.code,
      roundSettings: rounds.settings,
      roundClosesAt: rounds.closesAt,
      leadInstitutionId: proposals.leadInstitutionId,
      leadName: institutions.name,
      leadCountryCode: institutions.countryCode,
    })
    .from(proposals)
    .innerJoin(rounds, eq(rounds.id, proposals.roundId))
    .innerJoin(institutions, eq(institutions.id, proposals.leadInstitutionId))
    .where(eq(proposals.id, proposalId))
    .get();
  if (!proposal) return null;
  const partners = tx
    .select({
      id: proposalPartners.id,
      institutionId: proposalPartners.institutionId,
      name: institutions.name,
      countryCode: institutions.countryCode,
      status: proposalPartners.status,
      statement: proposalPartners.statement,
      invitedAt: proposalPartners.invitedAt,
      respondedAt: proposalPartners.respondedAt,
      respondedBy: responders.name,
      activeApplicants,
    })
    .from(proposalPartners)
    .innerJoin(institutions, eq(institutions.id, proposalPartners.institutionId))
    .innerJoin(countries, eq(countries.code, institutions.countryCode))
    .leftJoin(responders, eq(responders.id, proposalPartners.respondedByUserId))
    .where(eq(proposalPartners.proposalId, proposalId))
    .orderBy(countries.sortOrder, institutions.name)
    .all();
  const country = countryLookup(tx, t);
  const joint = jointCountries(proposal.leadCountryCode, partners).map(country);
  const jointRule = jointRuleOf(roundEligibility({ code: proposal.roundCode, settings: proposal.roundSettings }));
  return {
    id: proposal.id,
    title: proposal.title || t("partnersPage.untitled"),
    reference: proposal.reference,
    stateLabel: stateLabelOf(proposal.state, t),
    content: proposal.content,
    round: { title: proposal.roundTitle, closesAt: proposal.roundClosesAt },
    lead: { institutionId: proposal.leadInstitutionId, name: proposal.leadName, country: country(proposal.leadCountryCode) },
    partners: partners.map((p) => ({
      id: p.id,
      institutionId: p.institutionId,
      name: p.name,
      country: country(p.countryCode),
      status: p.status,
      statement: p.statement,
      invitedAt: formatBrusselsIn(language, p.invitedAt),
      respondedAt: p.respondedAt ? formatBrusselsIn(language, p.respondedAt) : null,
      respondedBy: p.respondedBy,
      activeApplicants: p.activeApplicants,
    })),
    jointCountries: joint,
    isJoint: joint.length >= jointRule.minimumCountries,
    jointRule,
    /** While the lead answers a clarification request, when the answer is due. */
    clarificationDueAt: proposal.clarificationDueAt,
  };
}

export type DirectoryFilter = { search?: string; countryCode?: string };

const DIRECTORY_PAGE_SIZE = 50;

/**
 * Institutions the lead may invite: active, not the lead, not already on the proposal (a
 * declined one is removed first, then invited again). At most DIRECTORY_PAGE_SIZE, and whether
 * there are more, so the page can ask to narrow the search.
 */
export function searchDirectory(proposalId: number, leadInstitutionId: number, filter: DirectoryFilter, t: Translate) {
  const conditions: SQL[] = [
    eq(institutions.active, true),
    ne(institutions.id, leadInstitutionId),
    notExists(
      db()
        .select({ one: sql`1` })
        .from(proposalPartners)
        .where(and(eq(proposalPartners.proposalId, proposalId), eq(proposalPartners.institutionId, institutions.id))),
    ),
  ];
  if (filter.search) conditions.push(sql`${institutions.name} like ${containsPattern(filter.search)} escape '\\'`);
  if (filter.countryCode) conditions.push(eq(institutions.countryCode, filter.countryCode));
  const rows = db()
    .select({
      id: institutions.id,
      name: institutions.name,
      type: institutions.type,
      countryCode: countries.code,
      countryName: countries.name,
      countryNeedsFootnote: countries.needsDesignationFootnote,
      activeApplicants,
    })
    .from(institutions)
    .innerJoin(countries, eq(countries.code, institutions.countryCode))
    .where(and(...conditions))
    .orderBy(countries.sortOrder, institutions.name)
    .limit(DIRECTORY_PAGE_SIZE + 1)
    .all();
  return {
    institutions: rows.slice(0, DIRECTORY_PAGE_SIZE).map((row) => ({ ...row, countryName: countryNameOf(row.countryCode, row.countryName, t) })),
    more: rows.length > DIRECTORY_PAGE_SIZE,
  };
}

type Recipient = { userId: number; name: string; email: string; locale: string | null };

function activeApplicantsOf(tx: Tx, institutionId: number): Recipient[] {
  return tx
    .selectDistinct({ userId: users.id, name: users.name, email: users.email, locale: users.locale })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.institutionId, institutionId), eq(memberships.role, "applicant"), eq(users.active, true)))
    .orderBy(users.id)
    .all();
}

/** The proposal row with what the partner rules need, read inside the change's transaction. */
function openProposal(tx: Tx, proposalId: number): { id: number; leadInstitutionId: number; roundId: number } | Failure {
  const row = tx
    .select({ id: proposals.id, leadInstitutionId: proposals.leadInstitutionId, roundId: proposals.roundId, snapshot: proposals.snapshot, machineVersion: proposals.machineVersion })
    .from(proposals)
    .where(eq(proposals.id, proposalId))
    .get();
  if (!row) return { ok: false, message: "partnerRefusal.noProposal" };
  // Checked again inside the change's transaction (managePartners was checked on the request),
  // so a submission in between wins.
  if (!partnersMayChange(restoreProposal(row.snapshot, row.machineVersion), row.leadInstitutionId)) return { ok: false, message: "partnerRefusal.closed" };
  return row;
}

/**
 * The lead invites an institution: a row with status "invited" and, in the same transaction, an
 * e-mail to each of its active applicants. An institution without any still gets the row: the
 * TAF team can give someone an account, who then finds the invitation on the portal.
 */
export function invitePartner(actor: SessionUser, input: { proposalId: number; institutionId: number }, ip?: string) {
  return db().transaction<PartnerOutcome<{ institutionName: string; recipients: number }>>(
    (tx) => {
      const proposal = openProposal(tx, input.proposalId);
      if ("ok" in proposal) return proposal;
      const institution = tx.select().from(institutions).where(eq(institutions.id, input.institutionId)).get();
      if (!institution) return { ok: false, message: "partnerRefusal.notInDirectory" };
      if (institution.id === proposal.leadInstitutionId) {
        return { ok: false, message: "partnerRefusal.isLead", values: { institution: institution.name } };
      }
      if (!institution.active) {
        return { ok: false, message: "partnerRefusal.inactive", values: { institution: institution.name } };
      }
      const existing = tx
        .select({ status: proposalPartners.status })
        .from(proposalPartners)
        .where(and(eq(proposalPartners.proposalId, proposal.id), eq(proposalPartners.institutionId, institution.id)))
        .get();
      if (existing) {
        return {
          ok: false,
          message: existing.status === "declined" ? "partnerRefusal.declinedEarlier" : "partnerRefusal.alreadyPartner",
          values: { institution: institution.name },
        };
      }
      const { maxPartners } = roundSettings(tx.select({ code: rounds.code, settings: rounds.settings }).from(rounds).where(eq(rounds.id, proposal.roundId)).get()!).limits;
      const taking = tx
        .select({ n: sql<number>`count(*)` })
        .from(proposalPartners)
        .where(and(eq(proposalPartners.proposalId, proposal.id), ne(proposalPartners.status, "declined")))
        .get()!.n;
      if (taking >= maxPartners) {
        return {
          ok: false,
          message: "partnerRefusal.tooMany",
          values: { count: maxPartners, taking, institution: institution.name },
        };
      }
      const now = new Date();
      const partner = tx
        .insert(proposalPartners)
        .values({ proposalId: proposal.id, institutionId: institution.id, status: "invited", invitedAt: now })
        .returning({ id: proposalPartners.id })
        .get();
      const overview = partnersOverview(proposal.id, tx)!;
      const recipients = activeApplicantsOf(tx, institution.id);
      const label = (c: Country) => countryLabel(c.name, c.needsFootnote);
      const invitations = renderedForEach(
        recipients,
        (recipient) => recipientLanguage(recipient.locale),
        (recipient) =>
          partnerInvitationEmail({
            appUrl: env().APP_URL,
            recipientName: recipient.name,
            invitedByName: actor.name,
            leadInstitutionName: overview.lead.name,
            leadCountry: label(overview.lead.country),
            partnerInstitutionName: institution.name,
            title: overview.title,
            roundTitle: overview.round.title,
            roundClosesAt: overview.round.closesAt,
            clarificationDueAt: overview.clarificationDueAt,
            jointRule: overview.jointRule,
            countries: overview.jointCountries.map(label),
            partnershipUrl: `${env().APP_URL}/proposals/${proposal.id}/partnership`,
            language: recipientLanguage(recipient.locale),
          }),
      );
      enqueueEmails(
        tx,
        recipients.map((recipient, i) => ({
          idempotencyKey: `partner-invitation:${partner.id}:${recipient.userId}`,
          to: recipient.email,
          template: "partner-invitation",
          ...invitations[i]!,
        })),
      );
      audit(
        {
          actorUserId: actor.id,
          action: "partnerInvited",
          subjectType: "proposal",
          subjectId: proposal.id,
          detail: { partnerId: partner.id, institutionId: institution.id, emailed: recipients.length },
          ip,
        },
        tx,
      );
      return { ok: true, institutionName: institution.name, recipients: recipients.length };
    },
    { behavior: "immediate" },
  );
}

/**
 * The lead removes a partner that is invited or has declined. A confirmed partner stays: its
 * commitment is its own to withdraw (on the partnership page); after that the lead may remove it.
 */
export function removePartner(actor: SessionUser, input: { proposalId: number; partnerId: number }, ip?: string) {
  return db().transaction<PartnerOutcome<{ institutionId: number }>>(
    (tx) => {
      const proposal = openProposal(tx, input.proposalId);
      if ("ok" in proposal) return proposal;
      const partner = tx
        .select({ id: proposalPartners.id, status: proposalPartners.status, institutionId: proposalPartners.institutionId, name: institutions.name })
        .from(proposalPartners)
        .innerJoin(institutions, eq(institutions.id, proposalPartners.institutionId))
        .where(and(eq(proposalPartners.id, input.partnerId), eq(proposalPartners.proposalId, proposal.id)))
        .get();
      if (!partner) return { ok: false, message: "partnerRefusal.noLongerPartner" };
      if (partner.status === "confirmed") {
        return {
          ok: false,
          message: "partnerRefusal.confirmedStays",
          values: { institution: partner.name },
        };
      }
      tx.delete(proposalPartners).where(eq(proposalPartners.id, partner.id)).run();
      audit(
        {
          actorUserId: actor.id,
          action: "partnerRemoved",
          subjectType: "proposal",
          subjectId: proposal.id,
          detail: { partnerId: partner.id, institutionId: partner.institutionId, status: partner.status },
          ip,
        },
        tx,
      );
      return { ok: true, institutionId: partner.institutionId };
    },
    { behavior: "immediate" },
  );
}

export type PartnerAnswer = { answer: "confirm"; statement: string } | { answer: "decline"; reason: string };

/** The partner row of this person's institution on the proposal, unless it declined. */
export function ownPartnership(user: SessionUser, proposalId: number, tx: Tx = db()) {
  const own = applicantInstitutions(user);
  if (own.length === 0) return null;
  return (
    tx
      .select({ id: proposalPartners.id, status: proposalPartners.status, institutionId: proposalPartners.institutionId, name: institutions.name, countryCode: institutions.countryCode })
      .from(proposalPartners)
      .innerJoin(institutions, eq(institutions.id, proposalPartners.institutionId))
      .where(and(eq(proposalPartners.proposalId, proposalId), inArray(proposalPartners.institutionId, own), ne(proposalPartners.status, "declined")))
      .orderBy(proposalPartners.id)
      .get() ?? null
  );
}

/**
 * A partner's applicant confirms (with a statement of the institution's role) or declines (with
 * an optional reason, kept in the same column); a confirmed partner may later decline, which
 * withdraws its confirmation. The lead's applicants are told in the same transaction.
 */
export function answerInvitation(user: SessionUser, proposalId: number, input: PartnerAnswer, ip?: string) {
  return db().transaction<PartnerOutcome<{ answer: "confirmed" | "declined" | "withdrew"; institutionName: string }>>(
    (tx) => {
      const proposal = openProposal(tx, proposalId);
      if ("ok" in proposal) return proposal;
      const partner = ownPartnership(user, proposal.id, tx);
      if (!partner) return { ok: false, message: "partnerRefusal.notInvited" };
      if (input.answer === "confirm" && partner.status === "confirmed") {
        return { ok: false, message: "partnerRefusal.alreadyConfirmed", values: { institution: partner.name } };
      }
      const answer = input.answer === "confirm" ? "confirmed" : partner.status === "confirmed" ? "withdrew" : "declined";
      const text = input.answer === "confirm" ? input.statement : input.reason;
      const now = new Date();
      tx.update(proposalPartners)
        .set({ status: input.answer === "confirm" ? "confirmed" : "declined", statement: text || null, respondedAt: now, respondedByUserId: user.id })
        .where(eq(proposalPartners.id, partner.id))
        .run();

      const overview = partnersOverview(proposal.id, tx)!;
      const label = (c: Country) => countryLabel(c.name, c.needsFootnote);
      const partnerCountry = overview.partners.find((p) => p.id === partner.id)!.country;
      const leads = activeApplicantsOf(tx, proposal.leadInstitutionId);
      const responses = renderedForEach(
        leads,
        (recipient) => recipientLanguage(recipient.locale),
        (recipient) =>
          partnerResponseEmail({
            appUrl: env().APP_URL,
            recipientName: recipient.name,
            respondentName: user.name,
            partnerInstitutionName: partner.name,
            partnerCountry: label(partnerCountry),
            answer,
            text,
            title: overview.title,
            countries: overview.jointCountries.map(label),
            isJoint: overview.isJoint,
            partnersUrl: `${env().APP_URL}/proposals/${proposal.id}/partners`,
            language: recipientLanguage(recipient.locale),
          }),
      );
      enqueueEmails(
        tx,
        leads.map((recipient, i) => ({
          idempotencyKey: `partner-response:${partner.id}:${now.getTime()}:${recipient.userId}`,
          to: recipient.email,
          template: "partner-response",
          ...responses[i]!,
        })),
      );
      const action = { confirmed: "partnerConfirmed", declined: "partnerDeclined", withdrew: "partnerWithdrew" }[answer];
      audit({ actorUserId: user.id, action, subjectType: "proposal", subjectId: proposal.id, detail: { partnerId: partner.id, institutionId: partner.institutionId }, ip }, tx);
      return { ok: true, answer, institutionName: partner.name };
    },
    { behavior: "immediate" },
  );
}
