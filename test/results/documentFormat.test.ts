// Every JSON document starts with its format (`mdmsim-<document>/<major>`), the value of the one table, and
// the library's typed results carry the same value as the command line's documents.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  checkScenario,
  loadScenario,
  reachability,
  runCompare,
  runSweep,
  simulate,
} from "../../src/index.js";
import { DOCUMENT_FORMATS } from "../../src/results/documentFormat.js";
import { exportFile } from "../import/helpers.js";
import { expectBadInput, parseJson, runBin, runCli } from "../helpers/cli.js";
import { LAB_SCENARIO } from "../helpers/labScenario.js";

const dir = mkdtempSync(join(tmpdir(), "mdmsim-format-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const SMALL = ["--set", "devices.hq-windows.count=20"];

/** The document's keys begin with `format`, whose value is the table's. */
function expectFormatFirst(text: string, format: string): Record<string, unknown> {
  const doc = parseJson(text);
  expect(Object.keys(doc)[0]).toBe("format");
  expect(doc.format).toBe(format);
  expect(text.startsWith(`{\n  "format": "${format}",`)).toBe(true);
  return doc;
}

describe("the format table", () => {
  it("names each document mdmsim-<document>/<major>, the documented ones among them", () => {
    for (const format of Object.values(DOCUMENT_FORMATS)) expect(format).toMatch(/^mdmsim-[a-z-]+\/\d+$/);
    expect(Object.values(DOCUMENT_FORMATS)).toEqual(
      expect.arrayContaining([
        "mdmsim-run/1",
        "mdmsim-check/1",
        "mdmsim-reach/1",
        "mdmsim-sweep/1",
        "mdmsim-compare/1",
        "mdmsim-probe/1",
        "mdmsim-import-notes/1",
      ]),
    );
    expect(new Set(Object.values(DOCUMENT_FORMATS)).size).toBe(Object.keys(DOCUMENT_FORMATS).length);
  });
});

describe("each command's JSON begins with its format", () => {
  it.each([
    [["run", ...SMALL], DOCUMENT_FORMATS.run],
    [["check", "untrusted-root"], DOCUMENT_FORMATS.check],
    [["reach", "baseline"], DOCUMENT_FORMATS.reach],
    [
      ["sweep", "baseline", ...SMALL, "--vary", "devices.hq-windows.count=10,20", "--runs", "2"],
      DOCUMENT_FORMATS.sweep,
    ],
    [["sweep", "baseline", "--vary", "devices.0.count=10,20", "--list"], DOCUMENT_FORMATS.sweepPlan],
    [
      ["compare", "baseline", ...SMALL, "--with", "devices.hq-windows.count=10", "--runs", "2"],
      DOCUMENT_FORMATS.compare,
    ],
    [["scenarios"], DOCUMENT_FORMATS.scenarios],
  ])("mdmsim %j --format json", async (args, format) => {
    const out = await runCli([...args, "--format", "json"]);
    expect(out.code, out.stderr).toBeLessThanOrEqual(1);
    expectFormatFirst(out.stdout, format);
  });

  it("probe", async () => {
    const file = join(dir, "lab.json");
    writeFileSync(file, LAB_SCENARIO);
    // Port 1 on the loopback refuses at once: a document about a server that is down.
    const args = ["probe", file, "--resolve", "cm01.lab.example.com=127.0.0.1:1", "--timeout", "2s"];
    const out = await runCli([...args, "--format", "json"]);
    expect(out.code, out.stderr).toBe(1);
    expectFormatFirst(out.stdout, DOCUMENT_FORMATS.probe);
  });

  it("import --notes writes the notes document", async () => {
    const notes = join(dir, "notes.json");
    const out = await runCli(["import", exportFile("lab-site"), "--notes", notes]);
    expect(out.code, out.stderr).toBe(0);
    const doc = expectFormatFirst(readFileSync(notes, "utf8"), DOCUMENT_FORMATS.importNotes);
    expect(Object.keys(doc)).toEqual(["format", "summary", "notes", "skipped"]);
    expect((doc.notes as unknown[]).length).toBeGreaterThan(0);
    expectBadInput(
      await runCli(["import", exportFile("lab-site"), "--notes", exportFile("lab-site")]),
      "--notes",
      "input files",
    );
  });

  it("shards and merge: the shard's format, and the merged document's", async () => {
    const sweep = ["sweep", "baseline", ...SMALL, "--vary", "devices.hq-windows.count=10,20", "--runs", "2"];
    const files = [1, 2].map((i) => join(dir, `shard-${i}.json`));
    for (const [i, file] of files.entries())
      expect((await runCli([...sweep, "--shard", `${i + 1}/2`, "--out", file])).code).toBe(0);
    expect(parseJson(readFileSync(files[0]!, "utf8")).format).toBe(DOCUMENT_FORMATS.sweepShard);
    const merged = await runCli(["merge", ...files, "--format", "json"]);
    expectFormatFirst(merged.stdout, DOCUMENT_FORMATS.sweep);
    expect(merged.stdout).toBe((await runCli([...sweep, "--format", "json"])).stdout);
  });

  it("through the installed program too", () => {
    const out = runBin(["run", ...SMALL, "--format", "json"]);
    expect(out.code, out.stderr).toBe(0);
    expectFormatFirst(out.stdout, DOCUMENT_FORMATS.run);
    expectFormatFirst(runBin(["check", "baseline", "--format", "json"]).stdout, DOCUMENT_FORMATS.check);
  });

  it("csv rows stay the numbers alone", async () => {
    const out = await runCli(["run", ...SMALL, "--format", "csv"]);
    expect(out.stdout.split("\n").slice(0, 2)).toEqual(["path,value", "scenario,baseline"]);
  });
});

describe("merge refuses a shard of another format", () => {
  it("exit 2, naming the file and both formats", async () => {
    const sweep = ["sweep", "baseline", ...SMALL, "--vary", "devices.hq-windows.count=10", "--runs", "1"];
    const good = join(dir, "one-1.json");
    const other = join(dir, "one-2.json");
    expect((await runCli([...sweep, "--shard", "1/2", "--out", good])).code).toBe(0);
    expect((await runCli([...sweep, "--shard", "2/2", "--out", other])).code).toBe(0);
    const shard = parseJson(readFileSync(other, "utf8"));
    writeFileSync(other, JSON.stringify({ ...shard, format: "mdmsim-sweep-shard/2" }));
    expectBadInput(
      await runCli(["merge", good, other]),
      other,
      '"mdmsim-sweep-shard/2"',
      '"mdmsim-sweep-shard/1"',
    );
    // The shards of earlier releases had no major number.
    writeFileSync(other, JSON.stringify({ ...shard, format: "mdmsim-sweep-shard", version: 1 }));
    expectBadInput(await runCli(["merge", good, other]), other, '"mdmsim-sweep-shard"');
    // A whole sweep's document is not a shard, and says what it is.
    const whole = join(dir, "whole.json");
    writeFileSync(whole, (await runCli([...sweep, "--format", "json"])).stdout);
    expectBadInput(await runCli(["merge", whole]), whole, "mdmsim-sweep/1", "not a sweep shard");
  });
});

describe("the library's typed results carry the same format", () => {
  it("simulate, reachability, runSweep and runCompare", () => {
    const side = { scenario: "baseline", file: "baseline.json", with: {} };
    const input = parseJson(readFileSync(new URL("../../scenarios/baseline.json", import.meta.url), "utf8"));
    const [group] = input.devices as Record<string, unknown>[];
    const scenario = loadScenario({ ...input, devices: [{ ...group, count: 10 }] });
    expect(simulate(scenario).format).toBe("mdmsim-run/1");
    expect(Object.keys(simulate(scenario))[0]).toBe("format");
    expect(reachability(scenario).format).toBe("mdmsim-reach/1");
    expect(runSweep(scenario, { vary: ["devices.0.count=5"], runs: 1 }).format).toBe("mdmsim-sweep/1");
    expect(runCompare(scenario, scenario, { a: side, b: side }, { runs: 2 }).format).toBe("mdmsim-compare/1");
    expect(Array.isArray(checkScenario(scenario))).toBe(true);
  });
});
