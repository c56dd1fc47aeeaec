// `--json FILE` (run, sweep, compare) and `run --records FILE.csv`: the table on stdout, the document in the
// file (the bytes --format json prints), one CSV row per device; exit 4 when the file cannot be written.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RECORD_COLUMNS } from "../../src/report/recordsCsv.js";
import { expectBadInput, REPO_ROOT, runCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "mdmsim-document-file-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const SMALL = ["--set", "devices.hq-windows.count=50"];

describe("--json FILE", () => {
  it.each([
    ["run", ["run", "baseline", ...SMALL]],
    [
      "sweep",
      [
        "sweep",
        "baseline",
        ...SMALL,
        "--vary",
        "site.replicas.replica1.syncInterval=1m,5m",
        "--runs",
        "2",
        "--jobs",
        "1",
      ],
    ],
    [
      "compare",
      [
        "compare",
        "baseline",
        ...SMALL,
        "--with",
        "site.replicas.replica1.syncInterval=1m",
        "--runs",
        "2",
        "--jobs",
        "1",
      ],
    ],
  ])("%s: the table on stdout, the document --format json prints in the file", async (name, args) => {
    const file = join(dir, `${name}.json`);
    const table = await runCli([...args, "--json", file]);
    expect(table.code, table.stderr).toBe(0);
    expect(table.stdout).toContain(`mdmsim ${name}`);
    const json = await runCli([...args, "--format", "json"]);
    expect(readFileSync(file, "utf8")).toBe(json.stdout);
  });

  it("is exit 4 when the file cannot be written, and exit 2 over an input file, in a missing folder or with --shard", async () => {
    // /dev/full: every write fails with "no space left on device", as on a full disk.
    const unwritable = await runCli(["run", "baseline", ...SMALL, "--json", "/dev/full"]);
    expect(unwritable.code).toBe(4);
    expect(unwritable.stderr).toMatch(/^mdmsim: --json .*cannot write the file: .*ENOSPC/);
    expectBadInput(
      await runCli(["run", "baseline", ...SMALL, "--json", join(dir, "no-such-dir", "x.json")]),
      "--json",
      "cannot write the file",
      "does not exist",
    );
    const input = join(REPO_ROOT, "scenarios", "baseline.json");
    expectBadInput(await runCli(["run", input, "--json", input]), "--json", "input");
    expectBadInput(
      await runCli([
        "sweep",
        "baseline",
        "--vary",
        "devices.0.count=1,2",
        "--shard",
        "1/2",
        "--json",
        join(dir, "s.json"),
      ]),
      "--json: not with --shard",
    );
  });
});

describe("run --records FILE.csv", () => {
  it("writes one row per device with its group, platform, times and last reason; the JSON stays without them", async () => {
    const file = join(dir, "records.csv");
    const outcome = await runCli(["run", "baseline", ...SMALL, "--records", file, "--format", "json"]);
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stdout).not.toContain("perDevice");
    const lines = readFileSync(file, "utf8").trimEnd().split("\n");
    expect(lines[0]).toBe(RECORD_COLUMNS.join(","));
    expect(lines).toHaveLength(51);
    const first = (lines[1] ?? "").split(",");
    expect(first[0]).toBe("hq-windows-1");
    expect(first[1]).toBe("hq-windows");
    expect(first[2]).toBe("windows");
    expect(Number(first[7])).toBeGreaterThan(Number(first[3])); // first success after enrollment
    expect(first[7]).toMatch(/^\d+(\.\d{1,3})?$/); // to the millisecond
    expect(Number(first[8])).toBeGreaterThan(0); // baseline's DMP reads a replica: failed tries first
    expect(first[9]).toBe(""); // the last try succeeded
  });

  it("is exit 4 when the file cannot be written, and nothing is left behind", async () => {
    const outcome = await runCli(["run", "baseline", ...SMALL, "--records", "/dev/full"]);
    expect(outcome.code).toBe(4);
    expect(outcome.stderr).toMatch(/^mdmsim: --records .*cannot write the file: .*ENOSPC/);
    // In a folder that does not exist: refused before the run, and nothing made.
    const target = join(dir, "missing", "r.csv");
    expectBadInput(
      await runCli(["run", "baseline", ...SMALL, "--records", target]),
      "--records",
      "does not exist",
    );
    expect(existsSync(join(dir, "missing"))).toBe(false);
  });
});
