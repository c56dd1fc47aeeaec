// `mdmsim studio`: in-process and through bin/mdmsim, the same bytes; --set and --seed as the starting point;
// bad input exit 2. Needs the browser scripts of `npm run build` (dist/bin/studio-*.js).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { expectBadInput, runBin, runCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "mdmsim-studio-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const scenarioOf = (html: string): Record<string, unknown> =>
  JSON.parse(/id="mdmsim-scenario">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "") as Record<string, unknown>;

describe("mdmsim studio", () => {
  it("writes the page of the bundled baseline, the same bytes in-process and from bin/mdmsim", async () => {
    const a = join(dir, "a.html");
    const b = join(dir, "b.html");
    const inProcess = await runCli(["studio", "--out", a]);
    expect(inProcess).toEqual({
      code: 0,
      stdout: `mdmsim studio: ${a} (baseline from scenarios/baseline.json (bundled), seed 1, 22 controls)\n`,
      stderr: "",
    });
    const bin = runBin(["studio", "--out", b]);
    expect(bin.code, bin.stderr).toBe(0);
    // Compared as a whole, without printing a megabyte on failure.
    expect(readFileSync(b, "utf8") === readFileSync(a, "utf8")).toBe(true);
    expect(readFileSync(a, "utf8")).toContain("Made by <code>mdmsim studio</code>.");
  });

  it("starts from --set and --seed: the embedded scenario and the controls carry them", async () => {
    const out = join(dir, "edited.html");
    const outcome = await runCli([
      "studio",
      "scenarios/replica-outage.json",
      "--set",
      "devices.0.count=250",
      "--seed",
      "42",
      "--out",
      out,
    ]);
    expect(outcome.code, outcome.stderr).toBe(0);
    const html = readFileSync(out, "utf8");
    const scenario = scenarioOf(html);
    expect(scenario.seed).toBe(42);
    expect((scenario.devices as { count: number }[])[0]?.count).toBe(250);
    expect(html).toMatch(/data-path="seed" data-original="42"/);
    expect(html).toContain(
      "Made by <code>mdmsim studio scenarios/replica-outage.json --seed 42 --set devices.0.count=250</code>.",
    );
  });

  it("refuses bad input with exit 2 and one line", async () => {
    expectBadInput(await runCli(["studio"]), "out");
    expectBadInput(
      await runCli(["studio", "--set", "devices.0.count=zero", "--out", join(dir, "x.html")]),
      "devices.0.count=zero",
    );
    expectBadInput(await runCli(["studio", "--out", join(dir, "no", "such", "dir.html")]), "--out");
    // Never over the scenario it reads.
    const own = join(dir, "own.json");
    writeFileSync(own, readFileSync("scenarios/baseline.json", "utf8"));
    expectBadInput(await runCli(["studio", own, "--out", own]), "input");
    expect(readFileSync(own, "utf8")).toBe(readFileSync("scenarios/baseline.json", "utf8"));
  });
});
