// `mdmsim studio [scenario] --out FILE.html`: the what-if page, the simulator running inside it. Thin: read
// the scenario (with --set and --seed as the starting point) and the built browser scripts, build the page
// (src/studio/), write it, print a line.
import { visible } from "../../report/terminal.js";
import { applyOverrides } from "../../scenario/overrides.js";
import { buildStudioPage } from "../../studio/page.js";
import { defineCommand } from "../command.js";
import type { CliIo } from "../io.js";
import { requiredText } from "../optionTable.js";
import { OPTIONAL_SCENARIO, SEED_AND_SET, type SeedAndSetArgs } from "../options.js";
import { checkOutputPath, writeOutputFile } from "../outputFile.js";
import { STUDIO_SCRIPTS } from "../packageFiles.js";
import { attributed, commandScenario, commandSeed, scenarioLabel } from "../scenarioFile.js";
import { typedCommand } from "../typedCommand.js";

interface StudioArgs extends SeedAndSetArgs {
  readonly scenario: string | undefined;
  readonly out: string;
}

// The command as a reader can type it again, for the page's footer (not --out: the same inputs give the
// same bytes wherever the file is written).
function commandLine(args: StudioArgs): string {
  const words = ["studio"];
  if (args.scenario !== undefined) words.push(args.scenario);
  if (args.seed !== undefined) words.push("--seed", String(args.seed));
  for (const v of args.set) words.push("--set", v);
  return typedCommand(words);
}

// The worker's script is about 1.1 MB (most of it vega and vega-lite); the bound only guards the read.
const SCRIPT_MAX_BYTES = 64 * 1024 * 1024;

/** The page's script and its worker's, as text (dist/bin/, made by `npm run build`). */
function studioScripts(io: CliIo): { appScript: string; workerScript: string } {
  const read = (file: string) => {
    try {
      return io.readFile(`${STUDIO_SCRIPTS}${file}`, SCRIPT_MAX_BYTES);
    } catch (error) {
      // An installation without its build: not the user's input, so a bug report (exit 3).
      throw new Error(`${STUDIO_SCRIPTS}${file} is missing (npm run build makes it): ${String(error)}`);
    }
  };
  return { appScript: read("studio-app.js"), workerScript: read("studio-worker.js") };
}

/** The `studio` command. */
export const studioCommand = defineCommand<StudioArgs>({
  name: "studio",
  examples: [["mdmsim studio baseline --out studio.html", "an interactive what-if page of the baseline"]],
  describe: "write an interactive what-if page: controls, numbers and charts, the simulator inside it",
  options: {
    scenario: OPTIONAL_SCENARIO,
    out: requiredText({ describe: "the HTML file to write" }),
    ...SEED_AND_SET,
  },
  run: async (args, { io, context }) => {
    const inputs = args.scenario !== undefined ? [args.scenario] : [];
    checkOutputPath(args.out, `--out ${args.out}`, inputs);
    const given = commandScenario(io, context, args.scenario, args.set);
    const seed = commandSeed(context, args.seed, given);
    // --seed becomes the scenario's own seed: the page's seed control and its downloads start from it.
    const scenario = seed === given.seed ? given : applyOverrides(given, [`seed=${seed}`]);
    const page = attributed(args.scenario, () =>
      buildStudioPage({ scenario, ...studioScripts(io), command: commandLine(args) }),
    );
    await writeOutputFile(
      args.out,
      page.html,
      `--out ${args.out}`,
      args.scenario !== undefined ? [args.scenario] : [],
    );
    io.stdout(
      `mdmsim studio: ${visible(args.out)} (${visible(scenario.name)} from ${visible(scenarioLabel(args.scenario))}, seed ${seed}, ${page.controls} controls)\n`,
    );
    return 0;
  },
});
