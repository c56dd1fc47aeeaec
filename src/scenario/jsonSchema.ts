// The JSON Schema of scenario files, generated from the zod schema (the input side: what a file may say).
import * as z from "zod";
import { ScenarioSchema } from "./schema.js";

/** The scenario JSON Schema (draft 2020-12). */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioSchema, { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  uniformPatternOptional(schema);
  return {
    ...schema,
    title: "mdmsim scenario",
    description:
      "A Configuration Manager on-premises MDM site and its device groups (../shared/spec/scenario.md).",
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
