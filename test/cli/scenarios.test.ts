// `mdmsim scenarios`: every bundled scenario on one line (its name and the first sentence of its
// description), never wider than the terminal and never cut inside a word; `--format json` with its format.
import { describe, expect, it } from "vitest";
import { bundledScenarioNames } from "../../src/cli/scenarioFile.js";
import { displayWidth } from "../../src/report/terminal.js";
import { parseJson, runBin, runCli } from "../helpers/cli.js";

const names = bundledScenarioNames();

describe("mdmsim scenarios", () => {
  it("prints one line per bundled scenario: its name, then its description's first sentence", async () => {
    const out = await runCli(["scenarios"]);
    expect(out.code, out.stderr).toBe(0);
    const lines = out.stdout.trimEnd().split("\n");
    expect(lines.map((l) => l.split(" ")[0])).toEqual(names);
    expect(names).toEqual(expect.arrayContaining(["baseline", "untrusted-root", "clients-50k"]));
    expect(lines[0]).toMatch(/^baseline +The documented topology: .* over an hour\.$/);
    expect(out.stdout).not.toContain("Shows the documented surprise");
  });

  it.each([80, 120])("fits a %i-column terminal, cutting at a space with an ellipsis", async (columns) => {
    const out = await runCli(["scenarios"], { stdoutIsTTY: true, stdoutLayout: { columns, color: false } });
    const lines = out.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(names.length);
    for (const line of lines) {
      expect(displayWidth(line), line).toBeLessThanOrEqual(columns);
      // Cut lines end with a whole word: the full line continues with a space or punctuation there.
      if (line.endsWith("…")) expect(line).toMatch(/[A-Za-z0-9")\]]…$/);
    }
    const whole = (await runCli(["scenarios"])).stdout.trimEnd().split("\n");
    lines.forEach((line, i) => {
      const kept = line.replace(/…$/, "");
      const full = whole[i] ?? "";
      expect(full.startsWith(kept)).toBe(true);
      if (kept !== full) expect(full.charAt(kept.length)).toMatch(/[\s,;:]/);
    });
    expect(lines.some((l) => l.endsWith("…"))).toBe(true);
  });

  it("--format json: the format first, then each scenario's name, file, summary and description", async () => {
    const out = await runCli(["scenarios", "--format", "json"]);
    const doc = parseJson(out.stdout);
    expect(Object.keys(doc)).toEqual(["format", "scenarios"]);
    expect(doc.format).toBe("mdmsim-scenarios/1");
    const list = doc.scenarios as { name: string; file: string; summary: string; description: string }[];
    expect(list.map((s) => s.name)).toEqual(names);
    for (const s of list) {
      expect(s.file).toBe(`scenarios/${s.name}.json`);
      expect(s.description.startsWith(s.summary)).toBe(true);
    }
  });

  it("runs through the installed program", () => {
    const out = runBin(["scenarios"]);
    expect(out.code, out.stderr).toBe(0);
    expect(out.stdout.split("\n")).toHaveLength(names.length + 1);
  });
});
