// --quiet shapes the table for a person; json and csv stay complete documents.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseJson, REPO_ROOT, runCli } from "../helpers/cli.js";

const BASELINE = "scenarios/baseline.json"; // one warning (replica-early-failures) and one info

describe("check --quiet", () => {
  it("keeps the warning and the true counts in the table, drops the info row", async () => {
    const quiet = await runCli(["check", BASELINE, "--quiet"]);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toContain("0 errors, 1 warning, 1 info");
    expect(quiet.stdout).toContain("replica-early-failures");
    expect(quiet.stdout).not.toContain("out-of-support");
    expect(quiet.stdout).not.toContain("0 errors, 0 warnings");
  });

  it("prints nothing when there is nothing but info", async () => {
    const quiet = await runCli(["check", "scenarios/dmp-on-site-database.json", "--quiet"]);
    expect(quiet).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("leaves json and csv complete, warnings included", async () => {
    for (const format of ["json", "csv"]) {
      const loud = await runCli(["check", BASELINE, "--format", format]);
      const quiet = await runCli(["check", BASELINE, "--format", format, "--quiet"]);
      expect(quiet.stdout, format).toBe(loud.stdout);
    }
    const findings = parseJson(
      (await runCli(["check", BASELINE, "--format", "json", "--quiet"])).stdout,
    ).findings;
    expect(findings).toEqual(expect.arrayContaining([expect.objectContaining({ severity: "warning" })]));
  });

  it("still exits 1 on an error, and shows it", async () => {
    const quiet = await runCli(["check", "scenarios/http-roles.json", "--quiet"]);
    expect(quiet.code).toBe(1);
    expect(quiet.stdout).toContain("https-required");
  });
});

describe("reach --quiet", () => {
  it("prints nothing when every cell is ok", async () => {
    const quiet = await runCli(["reach", BASELINE, "--quiet"]);
    expect(quiet).toEqual({ code: 0, stdout: "", stderr: "" });
  });

  it("shows only the failing groups and roles", async () => {
    const loud = await runCli(["reach", "scenarios/http-roles.json"]);
    const quiet = await runCli(["reach", "scenarios/http-roles.json", "--quiet"]);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).toContain("https-required");
    expect(quiet.stdout.length).toBeLessThan(loud.stdout.length);
    // every shown column holds a failure: no column of only "ok"
    const json = parseJson((await runCli(["reach", "scenarios/http-roles.json", "--format", "json"])).stdout);
    expect(json.cells).toEqual(expect.arrayContaining([expect.objectContaining({ result: "ok" })]));
  });

  it("leaves json and csv complete", async () => {
    for (const format of ["json", "csv"]) {
      const loud = await runCli(["reach", "scenarios/http-roles.json", "--format", format]);
      const quiet = await runCli(["reach", "scenarios/http-roles.json", "--format", format, "--quiet"]);
      expect(quiet.stdout, format).toBe(loud.stdout);
    }
  });
});

describe("run --print-scenario", () => {
  const bundled = readdirSync(`${REPO_ROOT}scenarios`).filter((f) => f.endsWith(".json"));

  it.each(bundled)("%s: prints a scenario file that runs to the same result", async (file) => {
    const printed = await runCli(["run", `scenarios/${file}`, "--print-scenario"]);
    expect(printed.code, printed.stderr).toBe(0);
    const scenario = parseJson(printed.stdout);
    const replicas = (scenario.site as { replicas: { syncOffset?: number }[] }).replicas;
    for (const r of replicas) expect(typeof r.syncOffset).toBe("number");
    const again = await runCli(["run", "printed.json", "--format", "json"], {
      files: { "printed.json": printed.stdout },
    });
    const original = await runCli(["run", `scenarios/${file}`, "--format", "json"]);
    expect(again.stdout).toBe(original.stdout);
  });

  it("applies --seed and --set, and the result of the printed file is that run's", async () => {
    const args = ["--seed", "99", "--set", "devices.0.count=50"];
    const printed = await runCli(["run", BASELINE, ...args, "--print-scenario"]);
    const scenario = parseJson(printed.stdout);
    expect(scenario.seed).toBe(99);
    const again = await runCli(["run", "p.json", "--format", "json"], {
      files: { "p.json": printed.stdout },
    });
    expect(again.stdout).toBe((await runCli(["run", BASELINE, ...args, "--format", "json"])).stdout);
  });

  it("fills in defaults the file left out", async () => {
    const printed = parseJson((await runCli(["run", BASELINE, "--print-scenario"])).stdout);
    const group = (printed.devices as Record<string, unknown>[])[0]!;
    expect(Object.keys(group)).toEqual(expect.arrayContaining(["jitter", "location", "platform"]));
  });
});
