import { z } from "../zod";

// Browser-safe: how the ranking table is ordered, from its address (?sort=mean&order=desc), so a
// sorted table is a link that works without JavaScript and can be shared.

export const RANKING_SORTS = ["rank", "reference", "mean", "median", "spread", "disagreement", "promising", "reviews"] as const;
export type RankingSort = (typeof RANKING_SORTS)[number];
export type SortOrder = "asc" | "desc";

// Each column opens in the order a reader looks for first: the best scores, the widest spread,
// the most reviews; the rank and the reference from the top.
export const FIRST_ORDER: Record<RankingSort, SortOrder> = {
  rank: "asc",
  reference: "asc",
  mean: "desc",
  median: "desc",
  spread: "desc",
  disagreement: "desc",
  promising: "desc",
  reviews: "desc",
};

// An unknown column or order in a hand-edited address falls back to the ranking, not an error.
export const rankingOrderSchema = z.object({
  sort: z.enum(RANKING_SORTS).catch("rank"),
  order: z.enum(["asc", "desc"]).optional().catch(undefined),
});

export type RankingOrder = { sort: RankingSort; order: SortOrder };

/** The table's order from the address's search parameters. */
export function rankingOrderOf(search: URLSearchParams): RankingOrder {
  const { sort, order } = rankingOrderSchema.parse({ sort: search.get("sort") ?? undefined, order: search.get("order") ?? undefined });
  return { sort, order: order ?? FIRST_ORDER[sort] };
}
