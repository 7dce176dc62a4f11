// A CSV file as the people downloading it read it: the exports' tests read their cells so.

/** The cells of a CSV text, quoted fields and doubled quotes read as a spreadsheet reads them. */
export function readCsv(text: string): string[][] {
  const lines: string[][] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") cells.push(cell), (cell = "");
    else if (c === "\r" && text[i + 1] === "\n") {
      lines.push([...cells, cell]), (cells = []), (cell = ""), i++;
    } else cell += c;
  }
  if (cell || cells.length) lines.push([...cells, cell]);
  return lines;
}
