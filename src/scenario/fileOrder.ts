// Problems in the order a reader meets them in the file: by the position of each step of their place among its
// object's keys (as written) or its array's elements. A field that is not in the file (a missing one) comes
// after its object's written fields; problems at one place keep the order they were found in.
import { isRecord } from "../isRecord.js";

/** A problem's place: its path, or `at` when that is more precise (an unknown field's own key). */
interface Placed {
  readonly path: readonly (string | number)[];
  readonly at?: readonly (string | number)[];
}

function position(place: readonly (string | number)[], data: unknown): number[] {
  const out: number[] = [];
  let value = data;
  for (const segment of place) {
    if (Array.isArray(value) && typeof segment === "number") {
      out.push(segment);
      value = value[segment] as unknown;
    } else if (isRecord(value)) {
      const keys = Object.keys(value);
      const index = keys.indexOf(String(segment));
      out.push(index < 0 ? keys.length : index);
      value = index < 0 ? undefined : value[String(segment)];
    } else {
      out.push(0);
      value = undefined;
    }
  }
  return out;
}

function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

/** The problems sorted by where they are in `data` (a stable sort). */
export function inFileOrder<P extends Placed>(problems: readonly P[], data: unknown): P[] {
  const keyed = problems.map((p) => ({ p, key: position(p.at ?? p.path, data) }));
  return keyed.sort((x, y) => compare(x.key, y.key)).map(({ p }) => p);
}
