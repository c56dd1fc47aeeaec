// `mdmsim schema`: the scenario JSON Schema, for editors.
import { scenarioJsonSchema } from "../../scenario/jsonSchema.js";
import { defineCommand } from "../command.js";

/** The `schema` command. */
export const schemaCommand = defineCommand<Record<string, never>>({
  name: "schema",
  examples: [["mdmsim schema > mdmsim.schema.json", "the JSON Schema, for an editor's completion"]],
  describe: "print the scenario JSON Schema",
  options: {},
  run: (_args, { io }) => {
    io.stdout(JSON.stringify(scenarioJsonSchema(), null, 2) + "\n");
    return 0;
  },
});
