// Reading the scenario JSON Schema by path: the fields an object may have at a place of a file (for "did you
// mean") and the declaration behind a path (for `explain`). One walk over the one declaration.
import { isRecord } from "../isRecord.js";
import { DURATION_PATTERN } from "./duration.js";
import { POSITIVE_DURATION_PATTERN } from "./primitives.js";

/** A node of a JSON Schema, as far as these walks read it. */
export interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly default?: unknown;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly pattern?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly items?: SchemaNode;
  readonly anyOf?: readonly SchemaNode[];
  readonly oneOf?: readonly SchemaNode[];
  readonly minimum?: number;
  readonly exclusiveMinimum?: number;
  readonly minItems?: number;
}

/** The alternatives of a node (its anyOf/oneOf branches, or itself). */
export function alternatives(node: SchemaNode): readonly SchemaNode[] {
  const branches = node.anyOf ?? node.oneOf;
  return branches ? branches.flatMap(alternatives) : [node];
}

/** Whether an object branch fits data on its `const` fields (the enrollment `pattern`, say). */
function fits(branch: SchemaNode, data: unknown): boolean {
  if (!isRecord(data) || branch.properties === undefined) return true;
  return Object.entries(branch.properties).every(
    ([key, property]) =>
      property.const === undefined || data[key] === undefined || data[key] === property.const,
  );
}

/**
 * The schema nodes that describe the value at a data path (keys and array indexes) of `root` data: several
 * when branches of a union could apply.
 */
export function nodesAtDataPath(
  schema: SchemaNode,
  path: readonly (string | number)[],
  root: unknown,
): SchemaNode[] {
  let nodes = alternatives(schema).filter((n) => fits(n, root));
  let data = root;
  for (const segment of path) {
    const value: unknown =
      isRecord(data) || Array.isArray(data) ? (data as Record<string, unknown>)[segment] : undefined;
    nodes = nodes.flatMap((node) => {
      const next = typeof segment === "number" ? node.items : ownProperty(node, segment);
      return next ? alternatives(next).filter((n) => fits(n, value)) : [];
    });
    data = value;
  }
  return nodes;
}

/** A declared field's node; never an object's prototype member (`__proto__`, `constructor`, `toString`). */
export function ownProperty(node: SchemaNode, key: string): SchemaNode | undefined {
  return node.properties !== undefined && Object.hasOwn(node.properties, key)
    ? node.properties[key]
    : undefined;
}

/** The field names objects at these nodes may have, in declaration order. */
export function fieldNames(nodes: readonly SchemaNode[]): string[] {
  return [...new Set(nodes.flatMap((n) => Object.keys(n.properties ?? {})))];
}

const DURATION_PATTERNS = new Set([DURATION_PATTERN.source, POSITIVE_DURATION_PATTERN.source]);

/** Whether a value at these nodes may be a duration (a number of seconds or text like "5m"). */
export function isDuration(nodes: readonly SchemaNode[]): boolean {
  return nodes.some((node) =>
    alternatives(node).some((n) => n.pattern !== undefined && DURATION_PATTERNS.has(n.pattern)),
  );
}

/** The nodes of a value one step below nodes: a field's by its key, an array's element's by `[]`. */
export function childNodes(nodes: readonly SchemaNode[], step: string): SchemaNode[] {
  return nodes.flatMap((node) =>
    alternatives(node).flatMap((n) => {
      const next = step === "[]" ? n.items : ownProperty(n, step);
      return next === undefined ? [] : [next];
    }),
  );
}
