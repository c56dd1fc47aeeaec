// `mdmsim report` on the command line (in-process and through the bundled bin/mdmsim), and `run`'s terminal
// chart. bin/mdmsim runs dist/bin/: `npm test` builds first (running vitest alone? `npm run build`).
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { REPO_ROOT, runBin, runCli, expectBadInput } from "../helpers/cli.js";
import { pageStructure } from "./helpers.js";

const BASELINE = join(REPO_ROOT, "scenarios/baseline.json");
const SMALL = ["--set", "devices.0.count=100"];

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mdmsim-report-"));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("mdmsim report in-process", () => {
  it("writes the report, prints one line, exits 0 when every expectation held", async () => {
    const out = join(dir, "baseline.html");
    const outcome = await runCli(["report", BASELINE, ...SMALL, "--out", out]);
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stderr).toBe("");
    expect(outcome.stdout).toBe(`mdmsim report: ${out} (baseline, seed 1, 3 charts)\n`);
    const page = pageStructure(readFileSync(out, "utf8"));
    expect(page.svgs).toBe(3);
    expect(readFileSync(out, "utf8")).toContain(
      `Made by <code>mdmsim report ${BASELINE} --set devices.0.count=100</code>`,
    );
  });

  it("exits 1 when an expectation fails, prints it, and still writes the file", async () => {
    const out = join(dir, "failing.html");
    const outcome = await runCli([
      "report",
      BASELINE,
      ...SMALL,
      "--expect",
      "timeToFirstSuccessSeconds.p99 <= 5m",
      "--out",
      out,
    ]);
    expect(outcome.code, outcome.stderr).toBe(1);
    expect(outcome.stdout).toContain("│ FAIL │ timeToFirstSuccessSeconds.p99 <= 5m │ 360    │");
    expect(readFileSync(out, "utf8")).toContain('<span class="verdict fail">');
    const quiet = await runCli([
      "report",
      BASELINE,
      ...SMALL,
      "--expect",
      "devices.total == 1",
      "--quiet",
      "--out",
      out,
    ]);
    expect(quiet.code).toBe(1);
    expect(quiet.stdout.startsWith("Expectations")).toBe(true);
  });

  it("gives the same bytes for the same inputs, wherever the file is written, and follows --seed", async () => {
    const a = join(dir, "a.html");
    const b = join(dir, "b.html");
    const c = join(dir, "c.html");
    await runCli(["report", BASELINE, ...SMALL, "--out", a]);
    await runCli(["report", BASELINE, ...SMALL, "--out", b, "--quiet"]);
    await runCli(["report", BASELINE, ...SMALL, "--out", c, "--seed", "2"]);
    expect(readFileSync(b, "utf8")).toBe(readFileSync(a, "utf8"));
    expect(readFileSync(c, "utf8")).not.toBe(readFileSync(a, "utf8"));
    expect(readFileSync(c, "utf8")).toContain("Seed 2 ·");
  });

  it("with --vary, writes a sweep report (the same bytes with one worker or several)", async () => {
    const one = join(dir, "sweep-1.html");
    const two = join(dir, "sweep-2.html");
    const args = [
      "report",
      BASELINE,
      ...SMALL,
      "--vary",
      "site.replicas.replica1.syncInterval=2m,10m",
      "--runs",
      "2",
    ];
    const first = await runCli([...args, "--jobs", "1", "--out", one]);
    expect(first.code, first.stderr).toBe(1); // the baseline's failedAttemptsBeforeSuccess.max <= 2 fails at 10m
    expect(first.stdout.split("\n")[0]).toMatch(
      new RegExp(
        `^mdmsim report: ${one.replace(/[.]/g, "\\.")} \\(baseline, 2 variants × 2 runs, \\d+ charts\\)$`,
      ),
    );
    expect(first.stdout).toContain("Failed expectations");
    const second = await runCli([...args, "--jobs", "2", "--out", two]);
    expect(second.code).toBe(1);
    expect(readFileSync(two, "utf8")).toBe(readFileSync(one, "utf8"));
    expect(pageStructure(readFileSync(one, "utf8")).title).toBe("mdmsim sweep report: baseline");
  });

  it("exits 2 on bad input, naming the option or the file, and writes nothing", async () => {
    const out = join(dir, "never.html");
    expectBadInput(await runCli(["report", BASELINE]), "--out: missing");
    expectBadInput(await runCli(["report", join(dir, "missing.json"), "--out", out]), "it does not exist");
    expectBadInput(
      await runCli(["report", BASELINE, "--out", out, "--runs", "3"]),
      "--runs: only with --vary",
    );
    expectBadInput(
      await runCli(["report", BASELINE, "--out", out, "--metric", "events", "--jobs", "2"]),
      "--metric, --jobs: only with --vary",
    );
    expectBadInput(await runCli(["report", BASELINE, "--out", out, "--expect", "nonsense"]), "expectation");
    expectBadInput(
      await runCli(["report", BASELINE, "--out", out, "--vary", "devices.0.count=1..0:1"]),
      "--vary",
    );
    expectBadInput(
      await runCli(["report", BASELINE, "--out", out, "--format", "json"]),
      "report: unknown option --format",
    );
    expect(existsSync(out)).toBe(false);
    expectBadInput(
      await runCli(["report", BASELINE, ...SMALL, "--out", join(dir, "no-such-dir", "x.html")]),
      "--out",
      "cannot write the file",
    );
  });
});

describe("bin/mdmsim report (the bundle)", () => {
  it("writes the same report as the in-process command, loading the chart bundles on demand", async () => {
    const viaBin = join(dir, "bin.html");
    const inProcess = join(dir, "in-process.html");
    const outcome = runBin(["report", BASELINE, ...SMALL, "--out", viaBin]);
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stderr).toBe("");
    await runCli(["report", BASELINE, ...SMALL, "--out", inProcess]);
    expect(readFileSync(viaBin, "utf8")).toBe(readFileSync(inProcess, "utf8"));
  });

  it("keeps vega, vega-lite and undici out of the main bundle: `run` never loads them", () => {
    const bin = join(REPO_ROOT, "dist/bin");
    const files = readdirSync(bin).filter((f) => /\.c?js$/.test(f));
    const holding = (text: string) => files.filter((f) => readFileSync(join(bin, f), "utf8").includes(text));
    // A message only vega-lite has, one only vega has, and one only undici has.
    for (const marker of [
      "Invalid specification",
      "Unrecognized signal name",
      "RequestContentLengthMismatchError",
    ]) {
      const chunks = holding(marker);
      expect(chunks.length, marker).toBeGreaterThan(0);
      expect(chunks, marker).not.toContain("mdmsim.cjs");
    }
  });
});

describe("run's failure chart", () => {
  it("is printed under the tables at a terminal", async () => {
    const outcome = await runCli(["run", ...SMALL], { stdoutIsTTY: true });
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toMatch(/\n\nFailed device management point tries per 3 minutes \(\d+ in all\)\n/);
    expect(outcome.stdout.trimEnd().endsWith("3h")).toBe(true);
  });

  it("is not printed to a pipe, with --quiet, or in json and csv", async () => {
    const piped = await runCli(["run", ...SMALL]);
    expect(piped.stdout).not.toContain("Failed device management point tries");
    for (const extra of [["--quiet"], ["--format", "json"], ["--format", "csv"]]) {
      const outcome = await runCli(["run", ...SMALL, ...extra], { stdoutIsTTY: true });
      expect(outcome.stdout).not.toContain("Failed device management point tries");
    }
  });
});
