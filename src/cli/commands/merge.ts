// `mdmsim merge FILES…`: the shards of a sweep (`sweep --shard I/N`) → the document one run would give.
import type { Argv, CommandModule } from "yargs";
import { UsageError } from "../../errors.js";
import { mergeShards, type ShardFile } from "../../sweep/shard.js";
import { sweepPassed } from "../../sweep/sweep.js";
import type { CliIo, RunContext } from "../io.js";
import { list } from "../options.js";
import { describeReadError } from "../scenarioFile.js";
import { printSweep } from "./sweep.js";

function readShard(io: CliIo, name: string): ShardFile {
  let text: string;
  try {
    text = io.readFile(name);
  } catch (error) {
    throw new UsageError(`${name}: ${describeReadError(error)}`);
  }
  try {
    return { name, data: JSON.parse(text) as unknown };
  } catch (error) {
    throw new UsageError(
      `${name}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/** The `merge` command; `done` receives the exit code (1 when an expectation failed in some run). */
export function mergeCommand(io: CliIo, context: RunContext, done: (code: number) => void): CommandModule {
  return {
    command: "merge <files..>",
    describe: "merge the shards of a sweep (sweep --shard I/N) into the result of the whole sweep",
    builder: (y: Argv) =>
      y
        .positional("files", { type: "string", array: true, describe: "shard files, in any order" })
        .option("format", {
          choices: ["table", "json", "csv"] as const,
          default: "table" as const,
          describe: "output format",
        })
        .option("quiet", { type: "boolean", default: false, describe: "print less: only failures" }),
    handler: (argv) => {
      const result = mergeShards(list(argv.files).map((name) => readShard(io, name)));
      context.scenario = result.scenario;
      printSweep(io, result, argv.format as "table" | "json" | "csv", argv.quiet === true);
      done(sweepPassed(result) ? 0 : 1);
    },
  };
}
