import { z } from "../zod";
import type { RankingOrder } from "./ranking-order";
import { FIRST_ORDER, RANKING_SORTS } from "./ranking-order";

// How the ranking table is ordered, from its address (?sort=mean&order=desc), so a sorted table
// is a link that works without JavaScript and can be shared.

// An unknown column or order in a hand-edited address falls back to the ranking, not an error.
export const rankingOrderSchema = z.object({
  sort: z.enum(RANKING_SORTS).catch("rank"),
  order: z.enum(["asc", "desc"]).optional().catch(undefined),
});

/** The table's order from the address's search parameters. */
export function rankingOrderOf(search: URLSearchParams): RankingOrder {
  const { sort, order } = rankingOrderSchema.parse({ sort: search.get("sort") ?? undefined, order: search.get("order") ?? undefined });
  return { sort, order: order ?? FIRST_ORDER[sort] };
}
