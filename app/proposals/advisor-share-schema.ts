import { z } from "../zod";

// The lead's two buttons on a draft: share it with the country advisors, or stop sharing it.
export const advisorShareSchema = z.object({
  intent: z.enum(["share", "stop"], { error: "advisorsPage.chooseIntent" }),
});
