import type { Tx } from "../../db/client";
import { eq } from "drizzle-orm";
import { proposals, users } from "../../db/schema";
import type { ActivityReportForm, PlannedActivityForm } from "../proposals/implementation-schema";
import { planActivity, recordActivityReport } from "../proposals/activities.server";

// The implementation of the demo's ongoing proposal (Kosovo* Police, drug-trafficking networks):
// the two activities held so far are reported (the first one corrected once, so its versions
// compare), the coming joint exercise has its numbers per country, and the lead planned a
// training the concept note did not have. Written through the functions the page's forms call.

type DemoCalendar = { on: (days: number, time?: string) => Date; day: (days: number) => string };

const DRUG_NETWORKS = "Joint investigations of complex drug-trafficking networks";
const LEAD = "applicant.xk@taf.example";

export function loadImplementationDemo(tx: Tx, { on, day }: DemoCalendar) {
  const proposal = tx.select({ id: proposals.id }).from(proposals).where(eq(proposals.title, DRUG_NETWORKS)).get();
  const lead = tx.select({ id: users.id }).from(users).where(eq(users.email, LEAD)).get();
  if (!proposal || !lead) throw new Error(`Demo data: "${DRUG_NETWORKS}" or its lead ${LEAD} is missing.`);
  const by = { userId: lead.id, proposalId: proposal.id };

  const report = (now: Date, form: Omit<ActivityReportForm, "intent">) => {
    const outcome = recordActivityReport(tx, { ...by, now, form: { intent: "reportActivity", ...form } });
    if (!outcome.ok) throw new Error(`Demo data: the report of ${form.activityKey} was refused: ${outcome.message}`);
  };
  const plan = (now: Date, form: Omit<PlannedActivityForm, "intent">) => {
    const outcome = planActivity(tx, { ...by, now, form: { intent: "planActivity", ...form } });
    if (!outcome.ok) throw new Error(`Demo data: planning "${form.title}" was refused: ${outcome.message}`);
  };

  report(on(-38, "10:00"), {
    activityKey: "activity-1",
    heldOn: day(-40),
    heldUntil: day(-39),
    participants: 17,
    byCountry: { XK: 7, AL: 6, MK: 4 },
    outcome: "The three teams compared their investigations and found two suspects in common.",
  });
  report(on(-30, "16:00"), {
    activityKey: "activity-1",
    heldOn: day(-40),
    heldUntil: day(-39),
    participants: 18,
    byCountry: { XK: 7, AL: 6, MK: 5 },
    outcome:
      "The three teams compared their investigations and found two suspects and one company in common. The prosecutors agreed to ask Eurojust about a joint investigation team.",
  });
  report(on(-10, "11:00"), {
    activityKey: "activity-2",
    heldOn: day(-12),
    participants: 8,
    byCountry: { XK: 4, MK: 4 },
    outcome: "Eurojust's experts went through a draft JIT agreement with the prosecutors; both offices now seek approval to sign it.",
  });
  plan(on(-9, "09:30"), {
    key: "activity-3",
    version: 1,
    type: "jointExercise",
    title: "Joint exercise on a controlled delivery across two borders",
    startsOn: day(35),
    endsOn: day(37),
    place: "Tirana",
    participants: { XK: 12, AL: 12 },
  });
  plan(on(-8, "14:00"), {
    type: "training",
    title: "Training on Europol's SIENA channel for the investigators",
    startsOn: day(60),
    place: "Pristina",
    participants: { XK: 10, AL: 6, MK: 4 },
  });
}
