// `mdmsim schema`: the scenario JSON Schema, for editors.
import type { CommandModule } from "yargs";
import { scenarioJsonSchema } from "../../scenario/jsonSchema.js";
import type { CliIo } from "../io.js";

/** The `schema` command. */
export function schemaCommand(io: CliIo, done: (code: number) => void): CommandModule {
  return {
    command: "schema",
    describe: "print the scenario JSON Schema",
    handler: () => {
      io.stdout(JSON.stringify(scenarioJsonSchema(), null, 2) + "\n");
      done(0);
    },
  };
}
