// A scenario named on the command line: a file, or a bundled scenario by its bare name.
import { describe, expect, it } from "vitest";
import { bundledScenarioNames } from "../../src/cli/scenarioFile.js";
import { runBin, runCli } from "../helpers/cli.js";

describe("a bundled scenario by name", () => {
  it("runs as its file does, in-process and through bin/mdmsim", async () => {
    const byName = await runCli(["run", "two-dmps", "--format", "json"]);
    const byFile = await runCli(["run", "scenarios/two-dmps.json", "--format", "json"]);
    expect(byName.code).toBe(0);
    expect(byName.stdout).toBe(byFile.stdout);
    const bin = runBin(["check", "untrusted-root", "--format", "json"]);
    expect(bin.code).toBe(1);
    expect(bin.stdout).toBe(
      (await runCli(["check", "scenarios/untrusted-root.json", "--format", "json"])).stdout,
    );
  });

  it("lists every bundled scenario, and a file of that name comes first", async () => {
    expect(bundledScenarioNames()).toContain("baseline");
    expect(bundledScenarioNames()).toContain("clients-50k");
    // A file in the working folder named like a bundled scenario is read as the file it is (the bare name,
    // as a user types it: the virtual file stands where the bundled name would otherwise be looked up).
    const own = await runCli(["run", "baseline"], { files: { baseline: "{ not json" } });
    expect(own.code).toBe(2);
    expect(own.stderr).toMatch(/^mdmsim: baseline: /);
    expect(own.stderr).not.toContain("bundled");
  });

  it("names the nearest bundled scenario for a typo, and nothing for a path", async () => {
    const typo = await runCli(["run", "baselin"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toBe(
      'mdmsim: baselin: cannot read the file: it does not exist, and no bundled scenario has that name (did you mean "baseline"?)\n',
    );
    const path = await runCli(["run", "nosuch.json"]);
    expect(path.stderr).toBe("mdmsim: nosuch.json: cannot read the file: it does not exist\n");
  });

  it("names the bundled file in a message about its content", async () => {
    const bad = await runCli(["run", "baseline", "--set", "devices.0.count=0"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("baseline (bundled scenarios/baseline.json)");
  });
});
