// One pass over JSON text outside its strings, before JSON.parse builds anything: how deeply arrays and
// objects nest (the loader's nesting limit) and how many arrays, objects and values it holds (what parsing
// it would cost). Scenarios and shards are both read through it.

/** What a scan of JSON text found. */
export interface JsonScan {
  /** The deepest nesting of `[` and `{` seen (past `depthLimit` the scan stopped there). */
  readonly depth: number;
  /** Arrays and objects. */
  readonly containers: number;
  /** Elements and property values: one more than the commas of each non-empty container, an upper bound. */
  readonly values: number;
}

/** Scans JSON text outside strings, stopping as soon as the nesting passes `depthLimit`. */
export function scanJsonText(text: string, depthLimit = Infinity): JsonScan {
  let depth = 0;
  let max = 0;
  let containers = 0;
  let separators = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      containers++;
      depth++;
      if (depth > max) max = depth;
      if (max > depthLimit) break;
    } else if (c === 93 || c === 125) depth--;
    else if (c === 44) separators++;
  }
  return { depth: max, containers, values: separators + containers };
}
