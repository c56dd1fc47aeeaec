// Paths into plain data: objects by key, arrays by index or by an element's `name` (or `server`, which
// names the management points of a result).
// Names may contain dots (server FQDNs), so an array step takes the longest run of segments that names an element.
import { isRecord } from "../isRecord.js";
import { nearest } from "./nearest.js";
import { serverKey } from "./serverKey.js";
import { someNames } from "./someNames.js";

/** Lists whose elements are named by servers' DNS names, matched without regard to case. */
const SERVER_LISTS: ReadonlySet<string> = new Set(["servers", "managementPoints"]);

/** Where a path stopped inside a list: the list's path, the text after it, and its elements' names. */
export interface ListMiss {
  readonly at: string;
  readonly rest: string;
  readonly labels: readonly string[];
}

/** One resolved step: the container and the key or index inside it. */
export interface PathStep {
  readonly container: Record<string, unknown> | unknown[];
  readonly key: string | number;
}

/**
 * The longest of `names` that the path spells from `offset` up to a dot or its end, or undefined.
 * Linear in the names' length: a path of many segments is never re-joined segment by segment.
 */
function longestAt(
  path: string,
  offset: number,
  names: Iterable<string>,
  key: (name: string) => string = (n) => n,
): string | undefined {
  let best: string | undefined;
  for (const name of names) {
    if (best !== undefined && name.length <= best.length) continue;
    const end = offset + name.length;
    if ((end === path.length || path[end] === ".") && key(path.slice(offset, end)) === key(name)) best = name;
  }
  return best;
}

/**
 * Why a path names nothing, for a message: the first step that names nothing, and where it stopped inside a
 * list, the element it most likely meant (whole: names may hold dots) or the list's first names.
 */
export function namesNothingText(failedAt: string, miss: ListMiss | undefined, where: string): string {
  const text = `"${failedAt}" names nothing in ${where}`;
  if (miss === undefined) return text;
  const guess = nearestLabel(miss);
  if (guess !== undefined)
    return `"${miss.at}.${miss.rest.slice(0, guess.length)}" names nothing in ${where}; did you mean "${miss.at}.${guess}"?`;
  return `${text}; "${miss.at}" has ${someNames(miss.labels, (l) => `"${l}"`, "in all")}`;
}

/** The name in `labels` the text after a list most likely meant (`cm03.corp…` → `cm01.corp.contoso.com`). */
function nearestLabel(miss: ListMiss): string | undefined {
  let best: string | undefined;
  let bestLength = -1;
  for (const label of miss.labels) {
    const typed = miss.rest.slice(0, label.length);
    if (nearest(typed, [label]) !== undefined && label.length > bestLength) {
      best = label;
      bestLength = label.length;
    }
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
): { ok: true; steps: PathStep[]; value: unknown } | { ok: false; failedAt: string; list?: ListMiss } {
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
      // A server's DNS name ignores case: the exact spelling first, then any case.
      const previous = steps.at(-1)?.key;
      const name =
        longestAt(path, offset, labels.keys()) ??
        (typeof previous === "string" && SERVER_LISTS.has(previous)
          ? longestAt(path, offset, labels.keys(), serverKey)
          : undefined);
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
      if (labels.size === 0) return failed(i);
      return {
        ...failed(i),
        list: {
          at: path.slice(0, Math.max(0, offset - 1)),
          rest: path.slice(offset),
          labels: [...labels.keys()],
        },
      };
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
