import { describe, expect, it } from "vitest";
import { rowsShown } from "../../app/components/pagination";

// The line every paged list prints above and below its rows.

describe("the rows a paged list shows", () => {
  it("groups large numbers as the portal writes them", () => {
    expect(rowsShown({ param: "page", page: 2, pageCount: 200, total: 10_000, first: 51, last: 100 })).toBe("51–100 of 10,000");
    expect(rowsShown({ param: "page", page: 25, pageCount: 250, total: 12_480, first: 1_201, last: 1_250 })).toBe("1,201–1,250 of 12,480");
  });

  it("leaves small numbers as they are", () => {
    expect(rowsShown({ param: "page", page: 1, pageCount: 7, total: 312, first: 1, last: 50 })).toBe("1–50 of 312");
  });
});
