// Paths into plain data: objects by key, arrays by index or by an element's `name` (or `server`, which
// names the management points of a result).
// Names may contain dots (server FQDNs), so an array step takes the longest run of segments that names an element.
import { isRecord } from "../isRecord.js";

/** One resolved step: the container and the key or index inside it. */
export interface PathStep {
  readonly container: Record<string, unknown> | unknown[];
  readonly key: string | number;
}

/**
 * The longest of `names` that the path spells from `offset` up to a dot or its end, or undefined.
 * Linear in the names' length: a path of many segments is never re-joined segment by segment.
 */
function longestAt(path: string, offset: number, names: Iterable<string>): string | undefined {
  let best: string | undefined;
  for (const name of names) {
    if (best !== undefined && name.length <= best.length) continue;
    const end = offset + name.length;
    if ((end === path.length || path[end] === ".") && path.startsWith(name, offset)) best = name;
  }
  return best;
}

/** The label an array element is found by: its `name`, else its `server`. */
export function labelOf(element: unknown): string | undefined {
  if (!isRecord(element)) return undefined;
  const label = element.name ?? element.server;
  return typeof label === "string" ? label : undefined;
}

/**
 * Walks `path` (dot-separated) into `root`.
 * @returns the steps taken, or the index of the first segment that names nothing
 */
export function walkPath(
  root: unknown,
  path: string,
  options: { allowMissingLast?: boolean } = {},
): { ok: true; steps: PathStep[]; value: unknown } | { ok: false; failedAt: string } {
  const segments = path.split(".");
  // Where each segment starts in `path`, so a name with dots is matched in place.
  const starts: number[] = [];
  for (let i = 0, at = 0; i < segments.length; i++) {
    starts.push(at);
    at += (segments[i] ?? "").length + 1;
  }
  const failed = (i: number) => ({ ok: false as const, failedAt: segments.slice(0, i + 1).join(".") });
  // How many segments a matched name spans.
  const span = (name: string) => name.split(".").length;
  const steps: PathStep[] = [];
  let node = root;
  let i = 0;
  while (i < segments.length) {
    const current: unknown = node;
    const offset = starts[i] ?? 0;
    if (Array.isArray(current)) {
      const list: unknown[] = current;
      const labels = new Map<string, number>();
      list.forEach((el, index) => {
        const label = labelOf(el);
        if (label !== undefined && !labels.has(label)) labels.set(label, index);
      });
      const name = longestAt(path, offset, labels.keys());
      if (name !== undefined) {
        const index = labels.get(name) ?? 0;
        steps.push({ container: list, key: index });
        node = list[index];
        i += span(name);
        continue;
      }
      const segment = segments[i] ?? "";
      if (/^\d+$/.test(segment) && Number(segment) < list.length) {
        steps.push({ container: list, key: Number(segment) });
        node = list[Number(segment)];
        i++;
        continue;
      }
      return failed(i);
    }
    if (isRecord(current)) {
      const record = current;
      // Keys may contain dots too (reason strings never do, but map keys might): prefer the longest own key.
      const key = longestAt(path, offset, Object.keys(record));
      if (key !== undefined) {
        steps.push({ container: record, key });
        node = record[key];
        i += span(key);
        continue;
      }
      if (options.allowMissingLast === true && i === segments.length - 1 && segments[i] !== "") {
        steps.push({ container: record, key: segments[i] ?? "" });
        return { ok: true, steps, value: undefined };
      }
    }
    return failed(i);
  }
  return { ok: true, steps, value: node };
}
