// merge's input: shard files read as scenario files are (a byte order mark, UTF-16 named), and values a run
// of the variant cannot give refused with the file, the job and the value.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { mergeShards, parseShardText, type ShardFile } from "../../src/sweep/shard.js";
import type { SweepOptions } from "../../src/sweep/sweep.js";
import { expectBadInput, runBin, runCli } from "../helpers/cli.js";
import { shardFiles } from "../helpers/data.js";
import { singleServer } from "../helpers/scenarios.js";

const scenario = singleServer({
  duration: "2h",
  replica: { syncOffset: undefined },
  group: { count: 15, enrollment: { pattern: "uniform", from: "0s", to: "1h" } },
});
const options: SweepOptions = { vary: ["devices.0.count=5,15"], runs: 2 };
const files = shardFiles(scenario, options, 2);
const texts = files.map((f) => JSON.stringify(f.data));

const dir = mkdtempSync(join(tmpdir(), "mdmsim-shard-input-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

interface Job {
  index: number;
  metrics: (number | null)[];
}
/** The shards with one metric of one job replaced. */
function tampered(path: string, value: number, jobIndex = 0): ShardFile[] {
  const copy = files.map((f) => ({ name: f.name, data: structuredClone(f.data) }));
  const data = copy[0]?.data as { sweep: { metrics: string[] }; jobs: Job[] };
  const m = data.sweep.metrics.indexOf(path);
  expect(m).toBeGreaterThanOrEqual(0);
  const job = data.jobs.find((j) => j.index === jobIndex);
  if (job === undefined) throw new Error("no such job");
  job.metrics[m] = value;
  return copy;
}

describe("merge: a shard's encoding", () => {
  const utf8 = (buffer: Buffer) => buffer.toString("utf8");

  // Issue 27: a BOM made the shard "not valid JSON"; UTF-16 was reported as garbled JSON.
  it("reads a shard that starts with a byte order mark", () => {
    const withBom = files.map((f, i) => parseShardText(f.name, `\uFEFF${texts[i] ?? ""}`));
    expect(JSON.stringify(mergeShards(withBom))).toBe(JSON.stringify(mergeShards(files)));
  });

  it("names a UTF-16 shard's encoding, with or without its byte order mark", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(texts[0] ?? "", "utf16le")]);
    expect(() => parseShardText("s1.json", utf8(le))).toThrow(
      new UsageError("s1.json: the file is UTF-16: save it as UTF-8"),
    );
    expect(() => parseShardText("s1.json", utf8(Buffer.from(texts[0] ?? "", "utf16le")))).toThrow(
      "s1.json: the file is UTF-16: save it as UTF-8",
    );
  });

  it("merges shards with a byte order mark through bin/mdmsim, and names a UTF-16 one", () => {
    const paths = texts.map((text, i) => {
      const path = join(dir, `bom-${i + 1}.json`);
      writeFileSync(path, `\uFEFF${text}`);
      return path;
    });
    const merged = runBin(["merge", ...paths, "--format", "json"]);
    expect(merged.stderr).toBe("");
    expect(JSON.parse(merged.stdout)).toMatchObject({ format: "mdmsim-sweep/1" });
    const utf16 = join(dir, "utf16.json");
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(texts[0] ?? "", "utf16le")]));
    expect(runBin(["merge", utf16, paths[1] ?? ""])).toEqual({
      code: 2,
      stdout: "",
      stderr: `mdmsim: ${utf16}: the file is UTF-16: save it as UTF-8\n`,
    });
  });
});

describe("merge: values outside a variant's possible range", () => {
  // Issue 27: merge checked signs, integers and order, not the ranges the header carries.
  it("refuses more devices than the variant has, naming the file, the job and the value", () => {
    // Job 0 is variant 1's first run: 5 devices.
    expect(() => mergeShards(tampered("devices.connected", 6))).toThrow(
      "s1.json: not a complete sweep shard (jobs[0].metrics: impossible numbers: devices.connected (6) is above its highest possible value, 5, in job 0)",
    );
  });

  it("refuses a time beyond the run's duration", () => {
    expect(() => mergeShards(tampered("timeToFirstSuccessSeconds.max", 7201))).toThrow(
      "timeToFirstSuccessSeconds.max (7201) is above its highest possible value, 7200",
    );
  });

  it("refuses a range whose lowest end is above its highest", () => {
    const copy = files.map((f) => ({ name: f.name, data: structuredClone(f.data) }));
    const data = copy[0]?.data as { sweep: { variants: { bounds: [number, number][] }[] } };
    const bounds = data.sweep.variants[0]?.bounds[0];
    if (bounds === undefined) throw new Error("no bounds");
    bounds.reverse();
    bounds[0] = 10;
    bounds[1] = 1;
    expect(() => mergeShards(copy)).toThrow("sweep.variants[0].bounds: expected one [lowest, highest]");
  });

  it("refuses it at the command line with exit 2", async () => {
    const bad = tampered("devices.neverConnected", 16, 2);
    const virtual = Object.fromEntries(bad.map((f) => [`/virtual/${f.name}`, JSON.stringify(f.data)]));
    expectBadInput(
      await runCli(["merge", ...Object.keys(virtual)], { files: virtual }),
      "/virtual/s1.json: not a complete sweep shard",
      "in job 2",
      "devices.neverConnected (16)",
    );
  });
});
