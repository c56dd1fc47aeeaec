// `mdmsim explain [PATH]` and `mdmsim explain --result PATH`: the reference at the terminal, read from the
// declarations that validate scenario files and describe the run document.
import { DEFAULT_WIDTH, explain } from "../../explain/explain.js";
import { defineCommand } from "../command.js";
import { optionalPositional, text } from "../optionTable.js";

interface ExplainArgs {
  readonly path: string | undefined;
  readonly result: string | undefined;
}

/** The `explain` command. */
export const explainCommand = defineCommand<ExplainArgs>({
  name: "explain",
  examples: [
    ["mdmsim explain site.replicas.syncInterval", "a scenario field: type, default, meaning"],
    ["mdmsim explain --result attempts.failedByReason", "a field of run --format json"],
  ],
  describe: "explain a scenario field (devices.enrollment.pattern) or, with --result, a field of run's JSON",
  options: {
    path: optionalPositional({
      describe:
        "a scenario path; array levels may be left out (site.replicas.syncInterval); none: the top level",
    }),
    result: text({
      describe: "explain this path of run --format json instead (attempts.failedByReason.server-down)",
    }),
  },
  run: (args, { io }) => {
    // A terminal's own width (a pipe: the width the docs use).
    const width = Math.min(io.stdoutLayout?.columns ?? DEFAULT_WIDTH, DEFAULT_WIDTH);
    io.stdout(
      args.result !== undefined
        ? explain("result", args.result === "" ? args.path : args.result, width)
        : explain("scenario", args.path, width),
    );
    return 0;
  },
});
