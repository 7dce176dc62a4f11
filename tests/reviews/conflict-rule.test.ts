import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { connection, db } from "../../app/db.server";
import { noOpenConflict } from "../../app/permissions.server";
import { conflictsOfProposals } from "../../app/reviews/conflicts.server";
import { institutions, memberships, proposals, reviewConflicts, reviewerConflictRules } from "../../db/schema";
import { useDatabase } from "../support/database";
import { addPerson, T0 } from "../workflow-server/builders";

// The conflict rule is asked in two forms: as an SQL condition that keeps a proposal from a
// conflicted reviewer in every page and list (`noOpenConflict`), and as the list of conflicts
// with their reasons that the TAF team reads on the desk (`conflictsOfProposals`). Whatever the
// affiliations, rules, declarations and dismissals, the two must name the same pairs.

useDatabase("demo");

const pick = <T>(items: readonly T[]) => fc.nat({ max: items.length - 1 }).map((index) => items[index]!);

describe("the conflict rule", () => {
  it("names the same reviewer–proposal pairs in SQL as on the desk", () => {
    const reviewers = ["one", "two", "three"].map((name) => addPerson({ email: `${name}@conflicts.example`, name: `Reviewer ${name}`, role: "reviewer" }).id);
    const institutionIds = db().select({ id: institutions.id }).from(institutions).all().map((row) => row.id);
    const proposalIds = db().select({ id: proposals.id }).from(proposals).all().map((row) => row.id);
    const pair = fc.record({ reviewer: pick(reviewers), proposal: pick(proposalIds) });
    const situation = fc.record({
      affiliations: fc.array(fc.record({ reviewer: pick(reviewers), institution: pick(institutionIds) }), { maxLength: 4 }),
      rules: fc.uniqueArray(fc.record({ reviewer: pick(reviewers), institution: pick(institutionIds) }), { maxLength: 4, selector: (r) => `${r.reviewer}:${r.institution}` }),
      declared: fc.array(pair, { maxLength: 3 }),
      dismissed: fc.array(pair, { maxLength: 4 }),
    });

    let conflictedPairs = 0;
    fc.assert(
      fc.property(situation, ({ affiliations, rules, declared, dismissed }) => {
        connection().sqlite.exec("SAVEPOINT situation");
        try {
          for (const a of affiliations) db().insert(memberships).values({ userId: a.reviewer, role: "reviewer", institutionId: a.institution }).run();
          for (const r of rules) db().insert(reviewerConflictRules).values({ reviewerUserId: r.reviewer, institutionId: r.institution, reason: "Former employer", createdAt: T0 }).run();
          for (const d of declared) db().insert(reviewConflicts).values({ proposalId: d.proposal, reviewerUserId: d.reviewer, source: "declared", reason: "I advised them", createdAt: T0 }).run();
          for (const d of dismissed) {
            db()
              .insert(reviewConflicts)
              .values({ proposalId: d.proposal, reviewerUserId: d.reviewer, source: "detected", reason: "Dismissed detection", createdAt: T0, dismissedAt: T0, dismissalReason: "Left years ago" })
              .run();
          }
          const onTheDesk = conflictsOfProposals(proposalIds, db(), reviewers);
          for (const reviewer of reviewers) {
            const clear = db().select({ id: proposals.id }).from(proposals).where(noOpenConflict({ id: reviewer })).all().map((row) => row.id);
            const conflicted = proposalIds.filter((id) => onTheDesk.get(id)!.has(reviewer));
            conflictedPairs += conflicted.length;
            expect(new Set(conflicted)).toEqual(new Set(proposalIds.filter((id) => !clear.includes(id))));
          }
        } finally {
          connection().sqlite.exec("ROLLBACK TO situation; RELEASE situation");
        }
      }),
      { numRuns: 60 },
    );
    // The situations did conflict reviewers: the property was not won by an empty desk.
    expect(conflictedPairs).toBeGreaterThan(60);
  });
});
