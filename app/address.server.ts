// The records an address names (`/admin/people/12`): a number in the path that is not a plain
// positive number names nothing, so it is a 404 and never reaches the database as NaN or 1e3.

/** The id a path parameter names, or `notFound()` when it is not a plain positive number. */
export function idInAddress(param: string | undefined, notFound: () => never): number {
  if (!param || !/^[1-9]\d{0,15}$/.test(param)) notFound();
  return Number(param);
}
