// The configuration difference of a comparison: every scenario path whose loaded value (defaults filled
// in, durations in seconds) differs between A and B, with both values, the way a plan lists changes.
import type { Scenario } from "../scenario/schema.js";
import { isRecord } from "../isRecord.js";
import { labelOf } from "../scenario/path.js";
import { pollProfileName } from "../scenario/pollProfiles.js";

/** One changed path. `null` stands for "absent on this side" (an element only one side has). */
export interface ConfigurationDifference {
  /** A path `--set` accepts: named elements by name (`site.replicas.replica1.syncInterval`), others by index. */
  readonly path: string;
  readonly a: unknown;
  readonly b: unknown;
}

// Arrays of named objects are matched by name (moving an element is no change); other arrays of objects
// by index; arrays of plain values (trusted roots, a boundary group's servers) are compared whole.
function keyed(list: readonly unknown[]): [string, unknown][] | undefined {
  if (list.length === 0 || !list.every(isRecord)) return undefined;
  const names = list.map(labelOf);
  if (names.every((n): n is string => n !== undefined) && new Set(names).size === names.length)
    return list.map((v, i) => [names[i] ?? String(i), v]);
  return list.map((v, i) => [String(i), v]);
}

function walk(path: string, a: unknown, b: unknown, out: ConfigurationDifference[]): void {
  const join = (key: string) => (path === "" ? key : `${path}.${key}`);
  if (isRecord(a) && isRecord(b)) {
    const keys = [...Object.keys(a), ...Object.keys(b).filter((k) => !Object.hasOwn(a, k))];
    for (const key of keys) if (key !== "$schema") walk(join(key), a[key] ?? null, b[key] ?? null, out);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b)) {
    const ka = keyed(a);
    const kb = keyed(b);
    if (ka !== undefined && kb !== undefined) {
      const mb = new Map(kb);
      const ma = new Map(ka);
      for (const [key, value] of ka) walk(join(key), value, mb.get(key) ?? null, out);
      for (const [key, value] of kb) if (!ma.has(key)) walk(join(key), null, value, out);
      return;
    }
  }
  if (JSON.stringify(a) !== JSON.stringify(b)) out.push({ path, a, b });
}

/**
 * The scenario with each group's polling as its profile's name where the same group of `other` also polls by
 * a profile: a change of profile is then one path, `devices.g.polling`, with both names (what `--set` takes).
 */
function profilesNamed(scenario: Scenario, other: Scenario): unknown {
  return {
    ...scenario,
    devices: scenario.devices.map((group) => {
      const twin = other.devices.find((g) => g.name === group.name);
      const name = pollProfileName(group.polling);
      return name !== undefined && twin !== undefined && pollProfileName(twin.polling) !== undefined
        ? { ...group, polling: name }
        : group;
    }),
  };
}

/**
 * Every path whose value differs between two loaded scenarios, in A's order (B's additions after). A group
 * that polls by a profile on both sides shows a change of profile by the profiles' names.
 */
export function configurationDifferences(a: Scenario, b: Scenario): ConfigurationDifference[] {
  const out: ConfigurationDifference[] = [];
  walk("", profilesNamed(a, b), profilesNamed(b, a), out);
  return out;
}
