import type { Tx } from "../../db/client";
import { and, desc, eq } from "drizzle-orm";
import { activities, activityParticipants, proposalVersions } from "../../db/schema";
import { isWb6Country } from "../../workflows/countries";
import { FIRST_ACTIVITY_TYPE } from "../../workflows/vocabulary";
import { readConceptNote } from "./documents.server";

// The approved concept note becomes the implementation's plan: at APPROVE_CONCEPT, in the
// transition's transaction, each of its activities is copied into `activities`, so that the
// applicants can keep the plan up to date without touching what the TAF team approved.
// Kept apart from activities.server.ts so the workflow imports nothing that imports it back.

/** The approved concept note: the last version the lead submitted, frozen by SUBMIT_CONCEPT. */
export function approvedConceptNote(tx: Tx, proposalId: number) {
  const version = tx
    .select({ content: proposalVersions.content, number: proposalVersions.number })
    .from(proposalVersions)
    .where(and(eq(proposalVersions.proposalId, proposalId), eq(proposalVersions.kind, "conceptNote")))
    .orderBy(desc(proposalVersions.number))
    .get();
  return version ? { number: version.number, note: readConceptNote(version.content) } : null;
}

/** Plans the approved note's activities; the countries named take part, their numbers not yet given. */
export function planApprovedActivities(tx: Tx, proposalId: number, now: Date) {
  const approved = approvedConceptNote(tx, proposalId);
  for (const activity of approved?.note.activities ?? []) {
    // A submitted note has every field of a started row (its schema's "submit" rule).
    if (!activity.date) continue;
    const row = tx
      .insert(activities)
      .values({
        proposalId,
        key: activity.key,
        type: activity.kind ? FIRST_ACTIVITY_TYPE[activity.kind] : "workshop",
        title: activity.title,
        startsOn: activity.date,
        place: activity.place,
        participants: activity.participants,
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning({ id: activities.id })
      .get();
    if (!row) continue;
    const countries = Object.keys(activity.institutions).filter(isWb6Country);
    if (countries.length) tx.insert(activityParticipants).values(countries.map((countryCode) => ({ activityId: row.id, countryCode }))).run();
  }
}
