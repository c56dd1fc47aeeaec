// Paths into plain data: objects by key, arrays by index or by an element's `name` (or `server`, which
// names the management points of a result).
// Names may contain dots (server FQDNs), so an array step takes the longest run of segments that names an element.

/** One resolved step: the container and the key or index inside it. */
export interface PathStep {
  readonly container: Record<string, unknown> | unknown[];
  readonly key: string | number;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
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
  const steps: PathStep[] = [];
  let node = root;
  let i = 0;
  while (i < segments.length) {
    const current: unknown = node;
    if (Array.isArray(current)) {
      const list: unknown[] = current;
      let matched = false;
      for (let j = segments.length; j > i && !matched; j--) {
        const candidate = segments.slice(i, j).join(".");
        const index = list.findIndex((el) => isRecord(el) && (el.name ?? el.server) === candidate);
        if (index >= 0) {
          steps.push({ container: list, key: index });
          node = list[index];
          i = j;
          matched = true;
        }
      }
      if (matched) continue;
      const segment = segments[i] ?? "";
      if (/^\d+$/.test(segment) && Number(segment) < list.length) {
        steps.push({ container: list, key: Number(segment) });
        node = list[Number(segment)];
        i++;
        continue;
      }
      return { ok: false, failedAt: segments.slice(0, i + 1).join(".") };
    }
    if (isRecord(current)) {
      const record = current;
      // Keys may contain dots too (reason strings never do, but map keys might): prefer the longest own key.
      let matched = false;
      for (let j = segments.length; j > i && !matched; j--) {
        const candidate = segments.slice(i, j).join(".");
        if (Object.hasOwn(record, candidate)) {
          steps.push({ container: record, key: candidate });
          node = record[candidate];
          i = j;
          matched = true;
        }
      }
      if (matched) continue;
      if (options.allowMissingLast === true && i === segments.length - 1 && segments[i] !== "") {
        steps.push({ container: record, key: segments[i] ?? "" });
        return { ok: true, steps, value: undefined };
      }
    }
    return { ok: false, failedAt: segments.slice(0, i + 1).join(".") };
  }
  return { ok: true, steps, value: node };
}
