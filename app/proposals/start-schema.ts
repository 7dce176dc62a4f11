import { z } from "../zod";

// Starting a proposal: the round, the lead institution and a working title (app/routes/proposals.new.tsx).

export const startSchema = z.object({
  roundId: z.number({ error: "newProposal.error.round" }).int(),
  institutionId: z.number({ error: "newProposal.error.institution" }).int(),
  title: z.string({ error: "newProposal.error.title" }).trim().min(1, "newProposal.error.title").max(200, "newProposal.error.titleTooLong"),
});
