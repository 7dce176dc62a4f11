import { and, asc, eq, sql } from "drizzle-orm";
import { countries, institutions, partnerDepartures, proposalPartners, proposals, rounds, users } from "../../db/schema";
import { enqueueEmail } from "../../emails/outbox";
import { recipientLanguage } from "../../emails/words";
import { partnerLeftEmail } from "../../emails/templates/partner-left";
import type { TFunction } from "i18next";
import { countryLabel, countryNameIn, WB6_COUNTRIES } from "../../workflows/countries";
import type { PageLanguage } from "../../workflows/languages";
import { translatorFor } from "../../workflows/messages";
import { jointCountries } from "../../workflows/eligibility";
import { roundEligibility } from "../rounds/eligibility.server";
import { formatBrusselsIn } from "../../workflows/time";
import { audit } from "../audit.server";
import type { SessionUser } from "../auth/session.server";
import { db, preparedStatement } from "../db.server";
import { env } from "../env.server";
import { administratorsOf } from "./notifications.server";

// A partner that leaves a proposal after it was submitted. Before submission the lead simply
// removes it (partners.server.ts); after, the TAF team has judged the partners as submitted, so
// the departure is recorded (who, when, why) and the joint rule checked again: a proposal left
// with fewer countries than the rule asks for is the TAF team's to resolve, and they are told.

/** A refusal's message is a catalogue key (the documents area), for the page to say. */
export type DepartureOutcome = { ok: true; stillJoint: boolean } | { ok: false; message: string };

/** How a page writes departures: its translator and language (English where a page does not say). */
export type DepartureWords = { t: TFunction; language: PageLanguage };
const ENGLISH: DepartureWords = { t: translatorFor("en"), language: "en" };

/** A country's name without its footnote mark, in the page's words (the mark is the page's to add). */
function countryNameOf(code: string, stored: string, t: TFunction) {
  const country = WB6_COUNTRIES.find((c) => c.code === code);
  return country ? t(country.key) : stored;
}

/** Records that a confirmed partner left; the partner row becomes "declined", as a partner that no longer stands behind it. */
export function recordPartnerDeparture(user: Pick<SessionUser, "id" | "name">, input: { proposalId: number; institutionId: number; reason: string }, now = new Date()): DepartureOutcome {
  return db().transaction(
    (tx) => {
      const proposal = tx
        .select({
          id: proposals.id,
          title: proposals.title,
          reference: proposals.reference,
          state: proposals.state,
          leadCountryCode: institutions.countryCode,
          roundCode: rounds.code,
          roundSettings: rounds.settings,
        })
        .from(proposals)
        .innerJoin(institutions, eq(institutions.id, proposals.leadInstitutionId))
        .innerJoin(rounds, eq(rounds.id, proposals.roundId))
        .where(eq(proposals.id, input.proposalId))
        .get();
      if (!proposal) return { ok: false, message: "departuresPage.outcome.noProposal" };
      const { minimumCountries } = roundEligibility({ code: proposal.roundCode, settings: proposal.roundSettings });
      const partner = tx
        .select({ status: proposalPartners.status, name: institutions.name, countryName: countries.name, footnote: countries.needsDesignationFootnote })
        .from(proposalPartners)
        .innerJoin(institutions, eq(institutions.id, proposalPartners.institutionId))
        .innerJoin(countries, eq(countries.code, institutions.countryCode))
        .where(and(eq(proposalPartners.proposalId, input.proposalId), eq(proposalPartners.institutionId, input.institutionId)))
        .get();
      if (partner?.status !== "confirmed") return { ok: false, message: "departuresPage.outcome.notConfirmed" };
      const reason = input.reason.trim();
      if (reason === "") return { ok: false, message: "departuresPage.outcome.reasonRequired" };

      tx.update(proposalPartners)
        .set({ status: "declined" })
        .where(and(eq(proposalPartners.proposalId, input.proposalId), eq(proposalPartners.institutionId, input.institutionId)))
        .run();
      tx.insert(partnerDepartures).values({ proposalId: input.proposalId, institutionId: input.institutionId, reason, proposalState: proposal.state, recordedByUserId: user.id, leftAt: now }).run();
      audit({ actorUserId: user.id, action: "proposal.partnerLeft", subjectType: "proposal", subjectId: input.proposalId, detail: { institutionId: input.institutionId, reason } }, tx);

      const remaining = tx
        .select({ countryCode: institutions.countryCode, status: proposalPartners.status })
        .from(proposalPartners)
        .innerJoin(institutions, eq(institutions.id, proposalPartners.institutionId))
        .where(eq(proposalPartners.proposalId, input.proposalId))
        .all();
      const joint = jointCountries(proposal.leadCountryCode, remaining);
      if (joint.length >= minimumCountries) return { ok: true, stillJoint: true };

      const labels = tx.select().from(countries).all();
      const label = (code: string) => {
        const row = labels.find((c) => c.code === code);
        return row ? countryLabel(row.name, row.needsDesignationFootnote) : code;
      };
      for (const recipient of administratorsOf(tx)) {
        enqueueEmail(tx, {
          idempotencyKey: `partner-left:${input.proposalId}:${input.institutionId}:${now.getTime()}:${recipient.userId}`,
          to: recipient.email,
          template: "partner-left",
          ...partnerLeftEmail({
            appUrl: env().APP_URL,
            recipientName: recipient.name,
            reference: proposal.reference,
            title: proposal.title,
            recordedByName: user.name,
            partner: `${partner.name} (${countryLabel(partner.countryName, partner.footnote)})`,
            reason,
            countries: joint.map(label),
            minimumCountries,
            proposalUrl: `${env().APP_URL}/proposals/${input.proposalId}`,
            language: recipientLanguage(recipient.locale),
          }),
        });
      }
      return { ok: true, stillJoint: false };
    },
    { behavior: "immediate" },
  );
}

// Read by every visit of a proposal's page: built and prepared once per connection.
const departuresStatement = preparedStatement((database) =>
  database
    .select({ id: partnerDepartures.id, institution: institutions.name, countryCode: countries.code, countryName: countries.name, footnote: countries.needsDesignationFootnote, reason: partnerDepartures.reason, leftAt: partnerDepartures.leftAt, recordedBy: users.name })
    .from(partnerDepartures)
    .innerJoin(institutions, eq(institutions.id, partnerDepartures.institutionId))
    .innerJoin(countries, eq(countries.code, institutions.countryCode))
    .innerJoin(users, eq(users.id, partnerDepartures.recordedByUserId))
    .where(eq(partnerDepartures.proposalId, sql.placeholder("proposalId")))
    .orderBy(asc(partnerDepartures.id))
    .prepare(),
);

/** The partners that left a proposal, oldest first, with who recorded it: one query. */
export function departuresOf(proposalId: number, { t, language }: DepartureWords = ENGLISH) {
  return departuresStatement()
    .all({ proposalId })
    .map((row) => ({
      id: row.id,
      institution: row.institution,
      country: { name: countryNameOf(row.countryCode, row.countryName, t), needsFootnote: row.footnote },
      reason: row.reason,
      leftAt: formatBrusselsIn(language, row.leftAt),
      recordedBy: row.recordedBy,
    }));
}

/** The departures page: the partners that left and, for who may record one, the confirmed partners that could. */
export function departuresPage(proposalId: number, mayRecord: boolean, words: DepartureWords) {
  const proposal = db().select({ id: proposals.id, title: proposals.title, reference: proposals.reference }).from(proposals).where(eq(proposals.id, proposalId)).get()!;
  return {
    proposal: { ...proposal, title: proposal.title || words.t("attachmentsPage.untitledProposal") },
    departures: departuresOf(proposalId, words),
    partners: mayRecord ? confirmedPartnersOf(proposalId, words.t) : [],
    mayRecord,
  };
}

/** The confirmed partners that could still leave, for the form. */
function confirmedPartnersOf(proposalId: number, t: TFunction) {
  return db()
    .select({ institutionId: institutions.id, name: institutions.name, countryCode: countries.code })
    .from(proposalPartners)
    .innerJoin(institutions, eq(institutions.id, proposalPartners.institutionId))
    .innerJoin(countries, eq(countries.code, institutions.countryCode))
    .where(and(eq(proposalPartners.proposalId, proposalId), eq(proposalPartners.status, "confirmed")))
    .orderBy(asc(institutions.countryCode), asc(institutions.name))
    .all()
    .map((row) => ({ institutionId: row.institutionId, label: `${row.name}, ${countryNameIn(row.countryCode, t)}` }));
}
