// What a sweep varied, in words a legend and a caption can hold: each varied path by the shortest end of it
// that no other varied path shares (`database` for `site.servers.cm01.….managementPoint.database`), and a
// variant's values as `database = site`. The full paths stay in the page's table of varied paths.
import { valueText } from "../../sweep/grid.js";

/** Each path's short name: its shortest dot-suffix that no other of the paths ends with. */
export function shortNames(paths: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const path of paths) {
    const segments = path.split(".");
    let name = path;
    for (let n = 1; n <= segments.length; n++) {
      const suffix = segments.slice(-n).join(".");
      const shared = paths.some((p) => p !== path && (p === suffix || p.endsWith(`.${suffix}`)));
      if (!shared) {
        name = suffix;
        break;
      }
    }
    names.set(path, name);
  }
  return names;
}

/** `name = value` for each of a variant's values at `paths`, joined by ", ". */
export function valuesText(
  set: Readonly<Record<string, unknown>>,
  paths: readonly string[],
  names: ReadonlyMap<string, string>,
): string {
  return paths.map((p) => `${names.get(p) ?? p} = ${valueText(set[p])}`).join(", ");
}

/**
 * One legend entry for several series drawn as one (their points are the same): `database = site or
 * replica1` when they differ in one value, else their labels joined by " and ".
 */
export function mergedLabel(
  sets: readonly Readonly<Record<string, unknown>>[],
  paths: readonly string[],
  names: ReadonlyMap<string, string>,
): string {
  const differing = paths.filter((p) => new Set(sets.map((s) => valueText(s[p]))).size > 1);
  const only = differing[0];
  if (differing.length === 1 && only !== undefined) {
    const same = paths.filter((p) => p !== only);
    const values = [...new Set(sets.map((s) => valueText(s[only])))];
    const head = sets[0] === undefined ? "" : valuesText(sets[0], same, names);
    return [head, `${names.get(only) ?? only} = ${values.join(" or ")}`].filter((t) => t !== "").join(", ");
  }
  return sets.map((s) => valuesText(s, paths, names)).join(" and ");
}
