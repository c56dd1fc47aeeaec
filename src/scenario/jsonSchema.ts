// The JSON Schema of scenario files, generated from the zod schema (the input side: what a file may say).
import * as z from "zod";
import { ScenarioSchema } from "./schema.js";

/** The scenario JSON Schema (draft 2020-12). */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ScenarioSchema, { io: "input", unrepresentable: "any" }) as Record<
    string,
    unknown
  >;
  return {
    ...schema,
    title: "mdmsim scenario",
    description:
      "A Configuration Manager on-premises MDM site and its device groups (../shared/spec/scenario.md).",
  };
}
