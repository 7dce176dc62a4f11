// What the ranking table offers to sort by, for its page and its server alike; the address is
// read by ranking-schema.ts (zod stays on the server).

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

export type RankingOrder = { sort: RankingSort; order: SortOrder };
