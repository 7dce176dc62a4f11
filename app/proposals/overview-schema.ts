import { z } from "../zod";
import { COUNTRY_CODES } from "../../workflows/countries";
import { INSTITUTION_TYPES, SUPPORT_KINDS, THEMES } from "../../workflows/vocabulary";

import type { SortOrder } from "./overview-order";
import type { ProposalStatePath } from "../../workflows/proposal-stages";
import { proposalMachine } from "../../workflows/proposal.machine";
import { FIRST_ORDER, OVERVIEW_SORTS } from "./overview-order";

export type { OverviewSort, SortOrder } from "./overview-order";
export { FIRST_ORDER, isFiltered, OVERVIEW_SORTS } from "./overview-order";

/** The stages of the statechart's top level, in its order: what the stage filter offers. */
export const OVERVIEW_STAGES = Object.keys(proposalMachine.root.states) as [ProposalStatePath, ...ProposalStatePath[]];

// The TAF team's table of every proposal, filtered and sorted from its address
// (?stage=euReview&country=XK&sort=reference), so a view is a link that can be shared and the
// form works without JavaScript. A value a hand-edited address got wrong is dropped, not an error.
// The server's: the page's own JavaScript takes the orders from overview-order.ts, without zod, and the stages from its loader.

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

export const overviewFilterSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined).transform((text) => text || undefined),
  round: id.optional().catch(undefined),
  stage: z.enum(OVERVIEW_STAGES).optional().catch(undefined),
  country: z.enum(COUNTRY_CODES).optional().catch(undefined),
  institution: id.optional().catch(undefined),
  institutionType: z.enum(INSTITUTION_TYPES).optional().catch(undefined),
  theme: z.enum(THEMES.map((theme) => theme.id) as [string, ...string[]]).optional().catch(undefined),
  support: z.enum(SUPPORT_KINDS.map((kind) => kind.id) as [string, ...string[]]).optional().catch(undefined),
  sort: z.enum(OVERVIEW_SORTS).catch("updated"),
  order: z.enum(["asc", "desc"]).optional().catch(undefined),
});

export type OverviewFilter = z.infer<typeof overviewFilterSchema>;

/** The filter and order an address asks for; empty fields count as not asked. */
export function overviewFilterOf(search: URLSearchParams): OverviewFilter & { order: SortOrder } {
  const asked = Object.fromEntries([...search].filter(([, value]) => value !== ""));
  const filter = overviewFilterSchema.parse(asked);
  return { ...filter, order: filter.order ?? FIRST_ORDER[filter.sort] };
}
