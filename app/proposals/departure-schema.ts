import { z } from "../zod";
import { multiLine } from "../free-text-schema";

// The form recording that a partner left a submitted proposal.
export const departureSchema = z.object({
  institutionId: z.coerce.number({ error: "departuresPage.form.choosePartner" }).int().positive("departuresPage.form.choosePartner"),
  reason: multiLine({ error: "departuresPage.form.reasonRequired" }).trim().min(1, "departuresPage.form.reasonRequired").max(4000, "deadlinesPage.form.atMost4000"),
});
