// The JSON Schema of scenario files, generated from the zod schema (the input side: what a file may say).
import * as z from "zod";
import { LOADER_ONLY_RULES } from "./references.js";
import { ScenarioSchema } from "./schema.js";

/** What the loader checks and JSON Schema cannot say: cross-field rules and values it cannot compute. */
export const LOADER_ONLY_CHECKS: readonly string[] = [
  ...LOADER_ONLY_RULES,
  "an outage's and an enrollment window's `to` is after its `from`",
  "an instant's day exists in its month (no 30 February)",
];

let cached: Record<string, unknown> | undefined;

/** The scenario JSON Schema (draft 2020-12). A fresh copy each call. */
export function scenarioJsonSchema(): Record<string, unknown> {
  cached ??= build();
  return structuredClone(cached);
}

function build(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioSchema, { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  uniformPatternOptional(schema);
  return {
    ...schema,
    title: "mdmsim scenario",
    description:
      "A Configuration Manager on-premises MDM site and its device groups, as mdmsim simulates them " +
      "(docs/scenario.md). Besides what this schema says, mdmsim checks when it loads a file that " +
      `${LOADER_ONLY_CHECKS.join("; ")}.`,
  };
}

// The loader defaults a missing enrollment `pattern` to "uniform" (a preprocess step the JSON Schema cannot
// express), so the schema must not require it on the uniform variant.
function uniformPatternOptional(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) uniformPatternOptional(item);
    return;
  }
  if (node === null || typeof node !== "object") return;
  const record = node as { properties?: { pattern?: { const?: unknown } }; required?: unknown };
  if (record.properties?.pattern?.const === "uniform" && Array.isArray(record.required)) {
    record.required = record.required.filter((key) => key !== "pattern");
  }
  for (const value of Object.values(node)) uniformPatternOptional(value);
}
