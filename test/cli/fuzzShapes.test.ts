// The fuzz suite's new shapes of input (issue 27's bounds): YAML aliases of every size and nesting, and
// sites of many management points and replicas, through the whole command line in-process. Every case
// ends in exit 0 or 2, an exit 2 is one line naming the file, and nothing large is ever built.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/io.js";
import { aliasBomb } from "../helpers/aliasBomb.js";

async function cli(args: string[], files: Record<string, string>) {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    readFile: (p) => {
      const f = files[p];
      if (f === undefined) throw Object.assign(new Error("missing"), { code: "ENOENT" });
      return f;
    },
    readStdin: () => "",
    stdoutIsTTY: false,
    stderrIsTTY: false,
  };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

describe("fuzzed YAML aliases", () => {
  it("print a scenario of at most the file limit's text, or are refused naming the file", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 3000 }),
        fc.integer({ min: 1, max: 99 }),
        async (windows, copies) => {
          const outcome = await cli(["run", "s.yaml", "--print-scenario"], {
            "s.yaml": aliasBomb(windows, copies),
          });
          if (outcome.code === 0) expect(outcome.stdout.length).toBeLessThan(40 * 1024 * 1024);
          else {
            expect(outcome.code).toBe(2);
            expect(outcome.stderr).toMatch(/^mdmsim: s\.yaml: .*\n$/);
            expect(outcome.stderr).not.toMatch(/\n\s+at /);
          }
        },
      ),
      { numRuns: 12, seed: 27 },
    );
  }, 120_000);

  it("nested aliases under the parser's cap are refused by the text they stand for", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 2, max: 9 }),
        fc.integer({ min: 2, max: 9 }),
        async (levels, fan) => {
          const lines = [`l0: &l0 "${"x".repeat(20_000)}"`];
          for (let i = 1; i <= levels; i++)
            lines.push(
              `l${i}: &l${i} [${Array(fan)
                .fill(`*l${i - 1}`)
                .join(", ")}]`,
            );
          const outcome = await cli(["run", "s.yaml", "--print-scenario"], { "s.yaml": lines.join("\n") });
          expect(outcome.code).toBe(2);
          expect(outcome.stderr).toMatch(/^mdmsim: s\.yaml: /);
          // Past the limit: refused for its aliases (by their text, or the parser's count) before anything else.
          if (fan ** levels * 20_000 > 11 * 1024 * 1024)
            expect(outcome.stderr).toMatch(/its aliases stand for|[Ee]xcessive alias count/);
        },
      ),
      { numRuns: 12, seed: 27 },
    );
  }, 120_000);
});
