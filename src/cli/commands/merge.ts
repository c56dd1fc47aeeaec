// `mdmsim merge FILES…`: the shards of a sweep (`sweep --shard I/N`) → the document one run would give.
import { UsageError } from "../../errors.js";
import { MAX_SHARD_BYTES, mergeShards, parseShardText, type ShardFile } from "../../sweep/shard.js";
import { sweepPassed } from "../../sweep/document.js";
import { defineCommand } from "../command.js";
import type { CliIo } from "../io.js";
import { flag, variadicPositional } from "../optionTable.js";
import { FORMAT, type Format } from "../options.js";
import { describeReadError } from "../scenarioFile.js";
import { printSweep } from "./sweep.js";

function readShard(io: CliIo, name: string): ShardFile {
  let text: string;
  try {
    text = io.readFile(name, MAX_SHARD_BYTES);
  } catch (error) {
    throw new UsageError(`${name}: ${describeReadError(error)}`);
  }
  return parseShardText(name, text);
}

interface MergeArgs {
  readonly files: string[];
  readonly format: Format;
  readonly quiet: boolean;
}

/** The `merge` command: exit 1 when an expectation failed in some run. */
export const mergeCommand = defineCommand<MergeArgs>({
  name: "merge",
  examples: [["mdmsim merge part-*.json", "the shards' sweep, as one run of it would print it"]],
  describe: "merge the shards of a sweep (sweep --shard I/N) into the result of the whole sweep",
  options: {
    files: variadicPositional({ describe: "shard files, in any order" }),
    format: FORMAT,
    quiet: flag({ describe: "print only the failed expectations" }),
  },
  run: async (args, { io, context }) => {
    const result = mergeShards(args.files.map((name) => readShard(io, name)));
    context.scenario = result.scenario;
    await printSweep(io, result, args.format, args.quiet);
    return sweepPassed(result) ? 0 : 1;
  },
});
