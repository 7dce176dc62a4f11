import { stringify } from "csv-stringify/sync";
import { KOSOVO_FOOTNOTE } from "../workflows/countries";

// What every CSV file the portal hands out shares: cells a spreadsheet reads as text only, lines
// ended the Windows way (Excel's own), a byte order mark, and the Kosovo* footnote last.

// A spreadsheet runs a cell that starts like a formula; a leading apostrophe makes it text.
const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as a spreadsheet can only read it as text, whatever an applicant typed into a title. */
export function formulaSafe(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** A byte order mark, so that spreadsheet programs read the names' letters (ž, ć, ë) as UTF-8. */
export const CSV_BYTE_ORDER_MARK = "\uFEFF";

/** Lines of a CSV file, every cell made formula-safe. */
export function csvLines(lines: readonly (readonly string[])[]): string {
  return stringify(
    lines.map((cells) => cells.map(formulaSafe)),
    { record_delimiter: "windows" },
  );
}

/** The last line of every export: the footnote Kosovo* calls for. */
export function csvFootnote(): string {
  return csvLines([[KOSOVO_FOOTNOTE]]);
}

/** Letters, digits, dots and hyphens only: a file name no browser or shell reads twice. */
export function safeFileName(name: string) {
  return name.replace(/[^A-Za-z0-9.-]+/g, "-");
}

/** The headers of a CSV download. */
export function csvHeaders(fileName: string) {
  return {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="${safeFileName(fileName)}"`,
    "Cache-Control": "no-store",
  };
}
