// Which fields of the studio page act on which, from their edit paths alone (pure, so the page's script and
// the tests share it): found once when the page starts, so a change looks its fields up instead of scanning
// every control.

/** A field as the links read it: its edit path, and for a management point's remover the prefix it removes. */
export interface LinkedField {
  readonly path: string;
  /** `data-resets`: the prefix (ending at a dot) of the fields the removal makes meaningless. */
  readonly resets?: string | undefined;
}

/** The links between a page's fields, by index into the list given. */
export interface FieldLinks {
  /** Each field a management point's removal disables, with the field that removes it. */
  readonly removedBy: readonly (readonly [field: number, remover: number])[];
  /** Per field, the fields its change returns to the file's value. */
  readonly resetOnChange: readonly (readonly number[])[];
}

/** Each proper prefix of a path that ends before one of its dots (`a.b.c` → `a`, `a.b`). */
function* dotPrefixes(path: string): Generator<string> {
  for (let dot = path.indexOf("."); dot >= 0; dot = path.indexOf(".", dot + 1)) yield path.slice(0, dot);
}

/**
 * Two fields that edit the same part of the file (a group's poll schedule and its first polling interval:
 * one path inside the other) reset each other, so the one changed last wins and the fields show what runs.
 * A management point's remover resets, and disables, the fields under its prefix: they would edit a role the
 * what-if no longer has.
 */
export function fieldLinks(fields: readonly LinkedField[]): FieldLinks {
  const byPath = new Map<string, number[]>();
  const removers = new Map<string, number>();
  fields.forEach((f, i) => {
    const same = byPath.get(f.path);
    if (same === undefined) byPath.set(f.path, [i]);
    else same.push(i);
    if (f.resets !== undefined) removers.set(f.resets, i);
  });
  const resets = fields.map(() => new Set<number>());
  const removedBy: [number, number][] = [];
  fields.forEach((f, i) => {
    for (const prefix of dotPrefixes(f.path)) {
      for (const outer of byPath.get(prefix) ?? []) {
        resets[i]?.add(outer);
        resets[outer]?.add(i);
      }
      // The removers' prefixes end at a dot.
      const remover = removers.get(`${prefix}.`);
      if (remover !== undefined) {
        removedBy.push([i, remover]);
        if (remover !== i) resets[remover]?.add(i);
      }
    }
  });
  return { removedBy, resetOnChange: resets.map((s) => [...s].sort((a, b) => a - b)) };
}
