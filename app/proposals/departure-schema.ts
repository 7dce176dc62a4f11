import { z } from "../zod";
import { multiLine } from "../free-text-schema";

// Browser-safe: the form recording that a partner left a submitted proposal.
export const departureSchema = z.object({
  institutionId: z.coerce.number({ error: "Choose the partner that left." }).int().positive("Choose the partner that left."),
  reason: multiLine({ error: "Give the reason the partner left." }).trim().min(1, "Give the reason the partner left.").max(4000, "Use at most 4,000 characters."),
});
