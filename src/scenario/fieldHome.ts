// Where an unknown field belongs: a field put on the wrong role, block or pattern (`allowMobileDevices` on a
// management point, `ratePerMinute` in a uniform enrollment) is named with the place that takes it, the
// places nearest the one it was written at first.
import { alternatives, type SchemaNode } from "./schemaNodes.js";
import { largest } from "../extremes.js";

/** `[]` stands for any element of an array. */
type SchemaPath = readonly string[];

interface Home {
  readonly path: SchemaPath;
  /** The `const` fields of the union branch that takes the field (`pattern: "poisson"`). */
  readonly branch: Readonly<Record<string, unknown>>;
}

const HOMES = new WeakMap<SchemaNode, Map<string, Home[]>>();

/** Every place of the schema that declares a field, by the field's name (computed once per schema). */
function homes(schema: SchemaNode): Map<string, Home[]> {
  const known = HOMES.get(schema);
  if (known !== undefined) return known;
  const found = new Map<string, Home[]>();
  const visit = (node: SchemaNode, path: SchemaPath): void => {
    for (const branch of alternatives(node)) {
      const consts = Object.fromEntries(
        Object.entries(branch.properties ?? {}).flatMap(([k, p]) =>
          p.const === undefined ? [] : [[k, p.const]],
        ),
      );
      for (const [key, property] of Object.entries(branch.properties ?? {})) {
        found.set(key, [...(found.get(key) ?? []), { path, branch: consts }]);
        visit(property, [...path, key]);
      }
      if (branch.items !== undefined) visit(branch.items, [...path, "[]"]);
    }
  };
  visit(schema, []);
  HOMES.set(schema, found);
  return found;
}

function commonLength(a: SchemaPath, b: SchemaPath): number {
  let n = 0;
  while (n < a.length && n < b.length && a[n] === b[n]) n++;
  return n;
}

/** A schema path shown with the data path's own indexes where they share a prefix (`site.servers[0].roles`). */
function shown(home: SchemaPath, at: readonly (string | number)[], shared: number): string {
  let out = "";
  home.forEach((segment, i) => {
    const concrete = i < shared ? at[i] : segment;
    if (typeof concrete === "number") out += `[${concrete}]`;
    else if (concrete === "[]") out += "[]";
    else out += (out === "" ? "" : ".") + String(concrete);
  });
  return out === "" ? "the top level" : out;
}

/**
 * Where an unknown field `key`, written at data path `at`, belongs: `site.servers[0].roles.distributionPoint`,
 * or `with pattern "poisson"` for another branch of the same place; undefined when no place declares it.
 */
export function fieldHome(
  schema: SchemaNode,
  key: string,
  at: readonly (string | number)[],
): string | undefined {
  const candidates = homes(schema).get(key);
  if (candidates === undefined) return undefined;
  const here: SchemaPath = at.map((s) => (typeof s === "number" ? "[]" : s));
  const shared = candidates.map((c) => commonLength(c.path, here));
  const best = largest(shared);
  const nearestHomes = candidates.filter((_, i) => shared[i] === best);
  // Other branches of the same place are named by their `const` fields: `with pattern "uniform" or "even"`.
  const branches = nearestHomes.filter((h) => h.path.length === here.length && best === here.length);
  const consts = branches.flatMap((h) => Object.entries(h.branch));
  const keys = [...new Set(consts.map(([k]) => k))];
  const values = consts.map(([, v]) => JSON.stringify(v));
  const sameBranch =
    keys.length === 1 && values.length > 0
      ? [
          `with ${keys[0] ?? ""} ${[values.slice(0, -1).join(", "), values.at(-1)].filter((v) => v).join(" or ")}`,
        ]
      : [];
  const elsewhere = nearestHomes
    .filter((h) => !branches.includes(h))
    .map((h) => `on ${shown(h.path, at, best)}`);
  const places = [...new Set([...sameBranch, ...elsewhere])];
  if (places.length === 0) return undefined;
  return places.slice(0, 3).join(" or ");
}
