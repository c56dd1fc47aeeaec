// The csv format: one `path,value` row per number of the result document, in document order.

/** One CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180). */
export function quote(field: string): string {
  return /[",\n\r]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field;
}

/** A number's cell: empty for null (a statistic with no value) and for absent. */
export function numberField(value: number | null | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}

/** CSV text: each row a line of fields quoted where needed, every line ended by a line break. */
export function csvText(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map(quote).join(",")).join("\n") + "\n";
}

// Elements are named by `name` (groups, replicas) or `server` (management points), else by index.
function elementKey(item: unknown, index: number): string {
  if (item !== null && typeof item === "object") {
    if ("name" in item && typeof item.name === "string") return item.name;
    if ("server" in item && typeof item.server === "string") return item.server;
  }
  return String(index);
}

function flatten(value: unknown, path: string, rows: string[][]): void {
  if (
    value === null ||
    typeof value === "number" ||
    typeof value === "boolean" ||
    typeof value === "string"
  ) {
    rows.push([path, value === null ? "" : String(value)]);
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item: unknown, i) => {
      flatten(item, `${path}.${elementKey(item, i)}`, rows);
    });
    return;
  }
  if (typeof value === "object") {
    for (const [k, v] of Object.entries(value)) flatten(v, path === "" ? k : `${path}.${k}`, rows);
  }
}

/**
 * Flattens a document to `path,value` CSV; arrays are walked by element name (as override and
 * expectation paths are), so every row's path works in `--expect`.
 * @param omit - top-level keys left out (large per-device data)
 */
export function renderCsv(document: object, omit: readonly string[] = ["trace", "perDevice"]): string {
  const rows: string[][] = [["path", "value"]];
  // `format` heads a JSON document for the programs that read it; a CSV's rows are the numbers alone.
  for (const [k, v] of Object.entries(document)) if (k !== "format" && !omit.includes(k)) flatten(v, k, rows);
  return csvText(rows);
}
