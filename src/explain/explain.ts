// `mdmsim explain`: a field of a scenario file or of the run document, read from its declaration (the
// scenario's JSON Schema, the result's declaration): type, default, allowed values, meaning, where it is
// documented. List levels and objects keyed by name may be left out (`devices.count`) or given as an index
// or a name (`load.databases.site.utilisation`).
import { UsageError } from "../errors.js";
import { DURATION_PATTERN } from "../scenario/duration.js";
import { EXPECTATION_PATTERN } from "../scenario/expectation.js";
import { scenarioJsonSchema } from "../scenario/jsonSchema.js";
import { distance } from "fastest-levenshtein";
import wrapAnsi from "wrap-ansi";
import { IPV4_RANGE_PATTERN, POSITIVE_DURATION_PATTERN } from "../scenario/primitives.js";
import { isRecord } from "../isRecord.js";
import { alternatives, ownProperty, type SchemaNode } from "../scenario/schemaNodes.js";
import { RESULT_SCHEMA } from "./resultSchema.js";
import { largest } from "../extremes.js";

/** Which declaration a path is read in. */
export type ExplainKind = "scenario" | "result";

/** Where each declaration is documented for people. */
export const EXPLAIN_DOCS: Readonly<Record<ExplainKind, string>> = {
  scenario: "docs/scenario.md",
  result: "docs/results.md",
};

/** The declaration a kind of path is read in. */
export function declaration(kind: ExplainKind): SchemaNode {
  return kind === "scenario" ? scenarioJsonSchema() : RESULT_SCHEMA;
}

/** One field found at a path: its declarations (several when union branches declare it) and its own path. */
interface Found {
  readonly nodes: readonly {
    readonly node: SchemaNode;
    readonly branch: string | undefined;
    /** How many named branches the place has (the enrollment patterns: 4). */
    readonly branches?: number;
  }[];
  readonly path: readonly string[];
}

/**
 * The declaration of every entry of an object keyed by name (`additionalProperties`, which SchemaNode does
 * not list: only the result's declaration has such objects), or undefined.
 */
function entries(node: SchemaNode): SchemaNode | undefined {
  const value = (node as { readonly additionalProperties?: unknown }).additionalProperties;
  return isRecord(value) ? value : undefined;
}

/** A list's items or a keyed object's entries: the level a path may name an element of or leave out. */
function elements(node: SchemaNode): SchemaNode | undefined {
  return node.items ?? entries(node);
}

/** The object branches a node stands for, stepping through lists and keyed objects (levels that may be left out). */
function objects(node: SchemaNode): SchemaNode[] {
  return alternatives(node).flatMap((n) => {
    const inner = elements(n);
    return inner ? objects(inner) : n.properties ? [n] : [];
  });
}

/** A branch's name: the value of its `const` field (an enrollment pattern), when it has one. */
function branchName(node: SchemaNode): string | undefined {
  const constant = Object.values(node.properties ?? {}).find((p) => typeof p.const === "string");
  return constant ? String(constant.const) : undefined;
}

function hasElements(node: SchemaNode): boolean {
  return alternatives(node).some((n) => elements(n) !== undefined);
}

/** The declarations at a path, or the index of the first segment that names nothing. */
export function resolve(root: SchemaNode, segments: readonly string[]): Found | { failedAt: number } {
  let found: Found = { nodes: [{ node: root, branch: undefined }], path: [] };
  let skipped = -1;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i] ?? "";
    const next = found.nodes.flatMap(({ node }) => {
      const branches = objects(node).filter((o) => branchName(o) !== undefined).length;
      return objects(node).flatMap((o) => {
        const field = ownProperty(o, segment);
        return field ? [{ node: field, branch: branchName(o), branches }] : [];
      });
    });
    if (next.length > 0) {
      found = { nodes: next, path: [...found.path, segment] };
      continue;
    }
    // An index or an element's name inside a list: the list's items are what the next segment reads.
    const inList = found.nodes.some(({ node }) => hasElements(node));
    if (inList && (i < segments.length - 1 || /^\d+$/.test(segment))) {
      skipped = i;
      continue;
    }
    // A word taken for an element's name, followed by nothing known, was more likely a misspelt field.
    return {
      failedAt: skipped >= 0 && skipped === i - 1 && !/^\d+$/.test(segments[skipped] ?? "") ? skipped : i,
    };
  }
  return found;
}

/** Every path of a declaration, array levels left out, in declaration order. */
export function allPaths(root: SchemaNode, prefix: readonly string[] = [], depth = 0): string[][] {
  if (depth > 12) return [];
  const out: string[][] = [];
  const seen = new Set<string>();
  for (const o of objects(root)) {
    for (const [key, field] of Object.entries(o.properties ?? {})) {
      if (seen.has(key)) continue;
      seen.add(key);
      const path = [...prefix, key];
      out.push(path, ...allPaths(field, path, depth + 1).filter((p) => p.length > path.length));
    }
  }
  // Several branches may declare the same nested field: each path once.
  return out.filter((p, i) => out.findIndex((q) => q.join(".") === p.join(".")) === i);
}

/** The few paths nearest to what was asked, for "did you mean". */
function nearestPaths(root: SchemaNode, asked: string): string[] {
  const paths = allPaths(root).map((p) => p.join("."));
  const scored = paths.map((p) => ({ p, d: distance(asked.toLowerCase(), p.toLowerCase()) }));
  scored.sort((a, b) => a.d - b.d || a.p.length - b.p.length);
  const limit = Math.max(2, Math.floor(asked.length / 3));
  const best = scored[0]?.d ?? 0;
  const close = scored.filter((s) => s.d <= Math.min(limit, 2 * best + 1)).slice(0, 3);
  return (close.length > 0 ? close : scored.slice(0, 3)).map((s) => s.p);
}

/** A type in words: "duration > 0", "integer ≥ 1", "array of objects", "IPv4 range". */
export function typeWords(node: SchemaNode): string {
  const branches = alternatives(node);
  if (branches.length > 1) {
    const strings = branches.find((b) => b.type === "string");
    if (branches.some((b) => b.type === "number") && strings?.pattern !== undefined) {
      const duration = strings.pattern === POSITIVE_DURATION_PATTERN.source ? "duration > 0" : "duration";
      // A random time: a duration, or its mean and distribution (the object's fields are listed below it).
      return branches.some((b) => b.type === "object") ? `${duration} or { mean, distribution }` : duration;
    }
    // Named values among other branches (a poll profile's name or a list of phases) read as their type.
    return [...new Set(branches.map((b) => (b.const !== undefined ? typeof b.const : typeWords(b))))].join(
      " or ",
    );
  }
  if (node.const !== undefined) return JSON.stringify(node.const);
  if (node.enum) return "string";
  const type = typeof node.type === "string" ? node.type : (node.type?.join(" or ") ?? "any");
  if (node.pattern === IPV4_RANGE_PATTERN) return "IPv4 range";
  if (node.pattern === EXPECTATION_PATTERN) return "expectation";
  if (node.pattern === DURATION_PATTERN.source) return "duration";
  if (node.pattern?.startsWith("^\\d{4}-") === true) return "ISO 8601 instant";
  if (type === "integer" && node.minimum !== undefined) return `integer ≥ ${node.minimum}`;
  if (type === "number" && node.exclusiveMinimum !== undefined) return `number > ${node.exclusiveMinimum}`;
  const keyed = entries(node);
  if (keyed) return `${typeWords(keyed) === "object" ? "objects" : typeWords(keyed)} by name`;
  if (type === "array" && node.items) {
    const items = typeWords(node.items);
    const at = node.minItems !== undefined && node.minItems > 0 ? `, at least ${node.minItems}` : "";
    return `array of ${items === "object" ? "objects" : items}${at}`;
  }
  return type;
}

function allowedValues(nodes: readonly SchemaNode[]): string | undefined {
  const values = nodes
    .flatMap((n) => alternatives(n))
    .flatMap((n) => n.enum ?? (n.const !== undefined ? [n.const] : []));
  return values.length > 0 ? [...new Set(values.map((v) => JSON.stringify(v)))].join(", ") : undefined;
}

/** Values a union names beside its other branches, each with its meaning (the poll profiles). */
function namedValues(nodes: readonly SchemaNode[]): [string, string][] {
  return nodes
    .filter((n) => alternatives(n).length > 1)
    .flatMap((n) => alternatives(n))
    .flatMap((b): [string, string][] =>
      b.const !== undefined && b.description !== undefined ? [[JSON.stringify(b.const), b.description]] : [],
    );
}

function fieldRows(nodes: readonly SchemaNode[]): [string, string, string][] {
  const rows: [string, string, string][] = [];
  const seen = new Set<string>();
  for (const o of nodes.flatMap(objects)) {
    for (const [key, field] of Object.entries(o.properties ?? {})) {
      if (seen.has(key)) continue;
      seen.add(key);
      const first = ((field.description ?? "").split(/(?<=[.;])\s/)[0] ?? "").replace(/[.;]$/, "");
      rows.push([key, typeWords(field), first]);
    }
  }
  return rows;
}

/**
 * Fields as aligned columns, each as wide as its widest entry (a long type never runs into the meaning);
 * meanings wrapped to `width`, under the line when the name and type leave them too little room.
 */
function fieldLines(
  rows: readonly (readonly [string, string, string])[],
  indent: string,
  width: number,
): string[] {
  const keys = Math.max(0, largest(rows.map(([key]) => key.length)));
  const types = Math.max(0, largest(rows.map(([, type]) => type.length)));
  return rows.flatMap(([key, type, meaning]) => {
    const head = `${indent}${key.padEnd(keys)}  ${type.padEnd(types)}  `;
    const room = width - head.length;
    if (room >= 30) {
      const [first = "", ...rest] = wrapAnsi(meaning, room, { hard: false }).split("\n");
      return [`${head}${first}`.trimEnd(), ...rest.map((l) => `${" ".repeat(head.length)}${l}`)];
    }
    const under = `${indent}    `;
    return [
      `${indent}${key}  ${type}`,
      ...wrapAnsi(meaning, Math.max(20, width - under.length), { hard: false })
        .split("\n")
        .filter((l) => l !== "")
        .map((l) => `${under}${l}`),
    ];
  });
}

/** The width explain's text is wrapped to when no terminal says otherwise. */
export const DEFAULT_WIDTH = 100;

/** The GitHub anchor of a field's heading in the generated reference. */
export function anchor(path: readonly string[]): string {
  return path
    .join("")
    .toLowerCase()
    .replace(/[^a-z0-9_-]/g, "");
}

/**
 * Explains a path of a scenario file or of the run document; no path lists the top-level fields.
 * @throws UsageError when the path names nothing, with the nearest valid paths
 */
export function explain(kind: ExplainKind, path: string | undefined, width = DEFAULT_WIDTH): string {
  const root = declaration(kind);
  const docs = EXPLAIN_DOCS[kind];
  if (path === undefined || path.trim() === "") {
    const what = kind === "scenario" ? "a scenario file" : "the run document (run --format json)";
    return [
      `The top-level fields of ${what}; mdmsim explain ${kind === "result" ? "--result " : ""}PATH explains one.`,
      "",
      ...fieldLines(fieldRows([root]), "  ", width),
      "",
      `Documented in ${docs}.`,
      "",
    ].join("\n");
  }
  const segments = path.trim().split(".");
  const found = resolve(root, segments);
  if ("failedAt" in found) {
    const near = nearestPaths(root, path.trim());
    const flag = kind === "result" ? "--result " : "";
    throw new UsageError(
      `explain ${flag}${path}: "${segments.slice(0, found.failedAt + 1).join(".")}" names nothing in ${kind === "scenario" ? "a scenario" : "the result"}; did you mean ${near.join(", ")}?`,
    );
  }
  return formatField(fieldInfo(kind, root, found), width);
}

/** What is known of one field: the parts `explain` prints and docs/ tabulates. */
export interface FieldInfo {
  readonly kind: ExplainKind;
  readonly path: readonly string[];
  readonly type: string;
  /** The default as JSON, "none: required", "none: optional", or undefined (result fields). */
  readonly default: string | undefined;
  readonly allowed: string | undefined;
  /** Values named beside other kinds of value, each with its meaning (`devices.polling`'s profiles). */
  readonly values: readonly (readonly [string, string])[];
  /**
   * One meaning per text the declaring branches give: with the branches that give it where they differ (an
   * enrollment pattern's `to`), without names where every branch says the same (`delay`).
   */
  readonly meanings: readonly Meaning[];
  /** The fields of an object (or of a list's objects): name, type, first sentence of the meaning. */
  readonly fields: readonly (readonly [string, string, string])[];
}

/** A field's meaning, and the union branches (enrollment patterns) it is theirs alone; none for all. */
export interface Meaning {
  readonly branches: readonly string[];
  readonly text: string;
}

function fieldInfo(kind: ExplainKind, root: SchemaNode, found: Found): FieldInfo {
  const nodes = found.nodes.map((n) => n.node);
  const defaults = [
    ...new Set(nodes.filter((n) => n.default !== undefined).map((n) => JSON.stringify(n.default))),
  ];
  const required = isRequired(root, found.path) ? "none (required)" : "none (optional)";
  // A field several branches declare alike (an enrollment pattern's `delay`) has one meaning, said once; where
  // they differ, each meaning names the branches that share it: `(uniform, even) …`.
  const branchesByMeaning = new Map<string, string[]>();
  for (const n of found.nodes) {
    const text = n.node.description ?? "";
    branchesByMeaning.set(text, [
      ...(branchesByMeaning.get(text) ?? []),
      ...(n.branch !== undefined ? [n.branch] : []),
    ]);
  }
  // Said for every branch (`delay`): no names; for some (`to`: uniform and even), their names.
  const every = found.nodes.every((n) => n.branches !== undefined && n.branches === found.nodes.length);
  const named = branchesByMeaning.size > 1 || !every;
  const meanings = [...branchesByMeaning].map(([text, branches]) => ({
    branches: named ? branches : [],
    text,
  }));
  return {
    kind,
    path: found.path,
    type: nodes.every((n) => n.const !== undefined)
      ? "string"
      : [...new Set(nodes.map(typeWords))].join(" or "),
    default: defaults.length > 0 ? defaults.join(" or ") : kind === "scenario" ? required : undefined,
    allowed: allowedValues(nodes),
    values: namedValues(nodes),
    meanings,
    fields: nodes.some((n) => objects(n).length > 0) ? fieldRows(nodes) : [],
  };
}

/** Every field of a declaration, in declaration order, array levels left out. */
export function everyField(kind: ExplainKind): FieldInfo[] {
  const root = declaration(kind);
  return allPaths(root).flatMap((path) => {
    const found = resolve(root, path);
    return "failedAt" in found ? [] : [fieldInfo(kind, root, found)];
  });
}

function formatField(info: FieldInfo, width: number): string {
  const lines = [info.path.join("."), `  type      ${info.type}`];
  if (info.default !== undefined) lines.push(`  default   ${info.default}`);
  if (info.allowed !== undefined) lines.push(`  allowed   ${info.allowed}`);
  const meaning = info.meanings
    .map((m) =>
      wrapAnsi(m.branches.length > 0 ? `(${m.branches.join(", ")}) ${m.text}` : m.text, width - 12, {
        hard: false,
      }),
    )
    .join("\n");
  lines.push(`  meaning   ${meaning.split("\n").join("\n            ")}`);
  if (info.values.length > 0) {
    lines.push("  values");
    for (const [value, text] of info.values)
      lines.push(
        `    ${value}`,
        ...wrapAnsi(text, width - 14, { hard: false })
          .split("\n")
          .map((l) => `      ${l}`),
      );
  }
  if (info.fields.length > 0) lines.push("  fields", ...fieldLines(info.fields, "    ", width));
  lines.push(`  docs      ${EXPLAIN_DOCS[info.kind]}#${anchor(info.path)}`, "");
  return lines.join("\n");
}

/** Whether the last field of a path is required in its object (in some branch). */
function isRequired(root: SchemaNode, path: readonly string[]): boolean {
  const parent = resolve(root, path.slice(0, -1));
  if ("failedAt" in parent) return false;
  const key = path[path.length - 1] ?? "";
  const declaring = parent.nodes.flatMap(({ node }) => objects(node)).filter((o) => ownProperty(o, key));
  return declaring.every((o) => o.required?.includes(key) === true);
}
