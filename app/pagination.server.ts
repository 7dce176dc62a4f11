import { sql } from "drizzle-orm";
import { responseInWords } from "./i18n.server";

// Every list pages by 50 rows (a summary on a desk by fewer), named by a search parameter of its
// own, so that a page showing several lists moves each on its own and the links work without
// JavaScript.

export const PAGE_SIZE = 50;

/** The page a list is asked for: its search parameter, the page number in it and its rows a page (PAGE_SIZE unless said). */
export type PageRequest = { param: string; page: number; size?: number };

/** Where a list stands: rows `first`–`last` of `total`, on page `page` of `pageCount`. */
export type Pages = PageRequest & { pageCount: number; total: number; first: number; last: number };

/** A page of a list: its rows, and where they stand. */
export type ListPage<Row> = { rows: Row[]; pages: Pages };

/**
 * The page a request asks of the list named by `param`: the first when it asks none. Anything
 * but a whole number from 1 is answered with a 400 in words, never taken for another page.
 */
export function requestedPage(request: Request, param = "page", size = PAGE_SIZE): PageRequest {
  const value = new URL(request.url).searchParams.get(param);
  if (value === null || value === "") return { param, page: 1, size };
  if (!/^[1-9]\d{0,14}$/.test(value)) {
    throw responseInWords("layout.error.notAPage", { value: value.slice(0, 20) }, { status: 400 });
  }
  return { param, page: Number(value), size };
}

/**
 * Reads one page of a list with one statement whatever its length: `read` returns the rows from
 * `offset` and the list's total, which the statement counts beside them (`count(*) over ()`).
 * A page past the end (rows went away since the link was made) shows the last page: an empty
 * page carries no total, so two more statements find and read it.
 */
export function readPage<Row>(request: PageRequest, read: (offset: number, limit: number) => { rows: Row[]; total: number }): ListPage<Row> {
  const size = request.size ?? PAGE_SIZE;
  let page = request.page;
  let found = read((page - 1) * size, size);
  if (found.rows.length === 0 && page > 1) {
    page = pageCountOf(read(0, 1).total, size);
    found = read((page - 1) * size, size);
  }
  const offset = (page - 1) * size;
  return {
    rows: found.rows,
    pages: {
      param: request.param,
      page,
      size,
      pageCount: pageCountOf(found.total, size),
      total: found.total,
      first: found.rows.length ? offset + 1 : 0,
      last: offset + found.rows.length,
    },
  };
}

function pageCountOf(total: number, size: number) {
  return Math.max(1, Math.ceil(total / size));
}

/** The column that counts every row a list's statement matches, beside the page it returns. */
export function totalRows() {
  return sql<number>`count(*) over ()`;
}
