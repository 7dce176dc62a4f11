// What the TAF team's table of every proposal offers to sort by, for its page and its server
// alike; the address is read by overview-schema.ts (zod stays on the server, and so does the
// statechart, whose stages the loader names for the stage filter).

export const OVERVIEW_SORTS = ["updated", "reference", "title", "round", "lead", "stage"] as const;
export type OverviewSort = (typeof OVERVIEW_SORTS)[number];
export type SortOrder = "asc" | "desc";

// The latest change first; names and references from A.
export const FIRST_ORDER: Record<OverviewSort, SortOrder> = { updated: "desc", reference: "asc", title: "asc", round: "asc", lead: "asc", stage: "asc" };

/** Whether anything narrows the table (the order does not). */
export function isFiltered(filter: { [field: string]: unknown }) {
  return Object.entries(filter).some(([key, value]) => key !== "sort" && key !== "order" && value !== undefined);
}

/**
 * The address's search part that sorts by `sort`: the other way round when it is already the
 * order, from the first page, every filter kept.
 */
export function sortedSearch(search: string, sort: OverviewSort, current: { sort: OverviewSort; order: SortOrder }) {
  const params = new URLSearchParams(search);
  params.delete("page");
  params.set("sort", sort);
  params.set("order", current.sort === sort ? (current.order === "asc" ? "desc" : "asc") : FIRST_ORDER[sort]);
  return params.toString();
}
