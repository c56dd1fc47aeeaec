// What the library's readers of a run's result (renderRunTable, the mdmsim/testing predicates) accept: the
// document `simulate` returns (or its JSON, parsed), as RESULT_SCHEMA declares it. One walk over that one
// declaration, so a field added or renamed there is checked here too; a value missing, null or of another
// kind is refused before any work, never a TypeError from a formatter.
import { RESULT_SCHEMA, type ResultNode } from "./explain/resultSchema.js";
import { isRecord } from "./isRecord.js";

/** What the walk reads of a node, worked out once per node (a result may hold millions of records). */
interface Shape {
  readonly types: readonly string[] | undefined;
  readonly fields: readonly (readonly [key: string, node: ResultNode, required: boolean])[];
  readonly declared: ReadonlySet<string>;
}

const SHAPES = new WeakMap<ResultNode, Shape>();

function shapeOf(node: ResultNode): Shape {
  let shape = SHAPES.get(node);
  if (shape === undefined) {
    const required = new Set(node.required ?? []);
    const properties = node.properties ?? {};
    shape = {
      types: node.type === undefined ? undefined : typeof node.type === "string" ? [node.type] : node.type,
      fields: Object.entries(properties).map(([key, child]) => [key, child, required.has(key)] as const),
      declared: new Set(Object.keys(properties)),
    };
    SHAPES.set(node, shape);
  }
  return shape;
}

function isOfType(type: string, value: unknown): boolean {
  switch (type) {
    case "null":
      return value === null;
    case "integer":
      return Number.isInteger(value);
    case "object":
      return isRecord(value);
    case "array":
      return Array.isArray(value);
    default:
      return typeof value === type;
  }
}

/**
 * Whether `value` is what `node` declares: its `type` (`"integer"`, `[t, "null"]`), `const`, the fields of
 * `properties` (those in `required` present), `items` and the entries of `additionalProperties`.
 * @param skip - top-level fields not checked (perDevice, which only the predicates read)
 */
export function conforms(node: ResultNode, value: unknown, skip: readonly string[] = []): boolean {
  const { types, fields, declared } = shapeOf(node);
  if (types !== undefined && !types.some((type) => isOfType(type, value))) return false;
  if (node.const !== undefined && value !== node.const) return false;
  if (Array.isArray(value)) {
    if (node.items === undefined) return true;
    const list: unknown[] = value;
    for (const element of list) if (!conforms(node.items, element)) return false;
    return true;
  }
  if (!isRecord(value)) return true;
  for (const [key, child, required] of fields) {
    if (skip.includes(key)) continue;
    const field = Object.hasOwn(value, key) ? value[key] : undefined;
    if (field === undefined ? required : !conforms(child, field)) return false;
  }
  const entries = node.additionalProperties;
  if (entries !== undefined)
    for (const key of Object.keys(value))
      if (!declared.has(key) && !conforms(entries, value[key])) return false;
  return true;
}

/** Whether `v` is a run's result, its per-device records aside (renderRunTable does not read them). */
export const isRunResult = (v: unknown): boolean => conforms(RESULT_SCHEMA, v, ["perDevice"]);

/** The same, with the per-device records the predicates read (`simulate(s, { perDevice: true })`). */
export const isRunResultWithRecords = (v: unknown): boolean =>
  conforms(RESULT_SCHEMA, v) && isRecord(v) && Array.isArray(v.perDevice);
