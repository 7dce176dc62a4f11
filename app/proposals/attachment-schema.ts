import { z } from "zod";

// The upload form is multipart (its file is read by receiveUpload, never held in memory);
// the remove buttons post ordinary forms.
export const attachmentForm = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("upload") }),
  z.object({ intent: z.literal("remove"), attachmentId: z.coerce.number().int().positive() }),
]);
