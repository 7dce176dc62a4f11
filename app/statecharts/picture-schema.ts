import type { PageLanguage } from "../../workflows/languages";
import { isLanguage, PSEUDO_LANGUAGE } from "../../workflows/languages";
import { z } from "../zod";

// Browser-safe: the address of a statechart's picture, /admin/statecharts/proposal?version=1&
// lang=mk&current=…&visited=…,…. The machine version and the language are part of it, so a
// picture can be cached for good: a new version of the machine has new addresses.

export const PICTURED_MACHINES = ["proposal", "round"] as const;
export type PicturedMachine = (typeof PICTURED_MACHINES)[number];

/** Dotted state paths; which of them the machine knows is the drawing's business (it skips the rest). */
const statePath = z.string().regex(/^[A-Za-z]+(\.[A-Za-z]+)*$/).max(120);

export const pictureAddressSchema = z.object({
  machine: z.enum(PICTURED_MACHINES),
  version: z.coerce.number().int().positive(),
  lang: z.custom<PageLanguage>((tag) => isLanguage(tag) || tag === PSEUDO_LANGUAGE).optional(),
  current: statePath.optional(),
  visited: z
    .string()
    .max(8000)
    .optional()
    .transform((list) => (list ? list.split(",") : []))
    .pipe(z.array(statePath).max(400)),
});
