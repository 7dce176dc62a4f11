import { useEffect, useState } from "react";

/** False while the page is the server's (as without JavaScript), true once it has hydrated. */
export function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
