// A shard is priced from its text before it is parsed: a 240 MB shard padded with empty arrays crashed
// merge under a 300 MB heap (JSON.parse built 80 million arrays before any field was checked).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { scanJsonText } from "../../src/scenario/jsonScan.js";
import { checkShardSize } from "../../src/sweep/shardSize.js";
import { runCli, REPO_ROOT } from "../helpers/cli.js";

describe("the size of a shard before it is parsed", () => {
  it("counts arrays, objects and values outside strings", () => {
    expect(scanJsonText('{"a":[1,2,[]],"b":"[[,,]]"}')).toMatchObject({ containers: 3, values: 6 });
    expect(() => {
      checkShardSize("s.json", scanJsonText("[]"));
    }).not.toThrow();
  });

  it("bin/mdmsim merge refuses a 240 MB padded shard under a 300 MB heap: exit 2, one line", async () => {
    const dir = mkdtempSync(join(tmpdir(), "mdmsim-shard-"));
    try {
      const shard = join(dir, "shard.json");
      const made = await runCli([
        "sweep",
        `${REPO_ROOT}scenarios/baseline.json`,
        "--vary",
        "devices.0.count=1,2",
        "--runs",
        "1",
        "--shard",
        "1/1",
        "--out",
        shard,
        "--quiet",
      ]);
      expect(made.code, made.stderr).toBe(0);
      const padded = join(dir, "padded.json");
      const data = JSON.parse(readFileSync(shard, "utf8")) as Record<string, unknown>;
      data.padding = "PAD";
      writeFileSync(padded, JSON.stringify(data).replace('"PAD"', `[${"[],".repeat(80_000_000)}[]]`));
      const child = spawnSync(
        process.execPath,
        ["--max-old-space-size=300", join(REPO_ROOT, "bin", "mdmsim"), "merge", padded],
        { cwd: REPO_ROOT, encoding: "utf8", timeout: 60_000 },
      );
      expect(child.status, child.stderr).toBe(2);
      expect(child.stderr).toMatch(
        /^mdmsim: .*padded\.json: not a sweep shard merge can read: 80000\d+ arrays/,
      );
      expect(child.stderr.trim().split("\n")).toHaveLength(1);
      // Padded with numbers instead (133 million of them, under the 256 MiB file limit): refused before
      // parsing too, where pricing a value at 16 bytes let it through to a 4 GB parse.
      writeFileSync(padded, JSON.stringify(data).replace('"PAD"', `[${"0,".repeat(133_000_000)}0]`));
      const numbers = spawnSync(
        process.execPath,
        ["--max-old-space-size=300", join(REPO_ROOT, "bin", "mdmsim"), "merge", padded],
        { cwd: REPO_ROOT, encoding: "utf8", timeout: 60_000 },
      );
      expect(numbers.status, numbers.stderr).toBe(2);
      expect(numbers.stderr).toMatch(/^mdmsim: .*padded\.json: not a sweep shard merge can read: /);
      expect(numbers.stderr.trim().split("\n")).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
