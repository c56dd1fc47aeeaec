// An import never writes a scenario another command refuses: its text is within the loader's size, and the
// planner's limits (devices, memory, the reach matrix) hold; else exit 2 and nothing written.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/errors.js";
import { importSite } from "../../src/import/importSite.js";
import { LOAD_LIMITS } from "../../src/scenario/load.js";
import { expectBadInput, runBin, runCli } from "../helpers/cli.js";
import { exportFile, readExport } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "mdmsim-imported-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** The lab site with `count` boundaries of long names, all in its one boundary group. */
function manyLongBoundaries(count: number, nameLength: number): Record<string, unknown> {
  const data = readExport("lab-site");
  const group = (data.boundaryGroups as { GroupID: number }[])[0]?.GroupID ?? 0;
  data.boundaries = Array.from({ length: count }, (_, i) => ({
    BoundaryID: i + 1,
    BoundaryType: 3,
    Value: "192.168.10.1-192.168.10.254",
    DisplayName: `b${i}-${"x".repeat(nameLength)}`,
  }));
  data.boundaryGroupMembers = Array.from({ length: count }, (_, i) => ({
    GroupID: group,
    BoundaryID: i + 1,
  }));
  return data;
}

describe("import: what the other commands would refuse", () => {
  // Issue 27: 18 million devices were written; `run` then refused the file.
  it("refuses more devices than a run may have, before writing --out", async () => {
    const out = join(dir, "big.json");
    expectBadInput(
      await runCli([
        "import",
        exportFile("lab-site"),
        "--devices",
        "9000000",
        "--macs",
        "9000000",
        "--out",
        out,
      ]),
      "lab-site.export.json: the imported scenario would be refused: devices: 18000000 devices in all; the limit is 10000000",
    );
    expect(existsSync(out)).toBe(false);
  });

  it("refuses a scenario larger than a scenario file may be, from an export within the limit", () => {
    const data = manyLongBoundaries(4_000, 1_500);
    expect(JSON.stringify(data).length).toBeLessThan(LOAD_LIMITS.maxBytes);
    expect(() => importSite(data)).toThrow(ScenarioError);
    expect(() => importSite(data)).toThrow(
      /the imported scenario would be 1\d\.\d MiB, and a scenario file may hold 10 MiB/,
    );
  });

  it("gives the text it checked, the one the command writes", async () => {
    const result = importSite(readExport("lab-site"));
    expect(result.text).toBe(`${JSON.stringify(result.scenario, null, 2)}\n`);
    expect((await runCli(["import", exportFile("lab-site")])).stdout).toBe(result.text);
  });

  it("refuses it through bin/mdmsim with exit 2, writing nothing", () => {
    const out = join(dir, "big-bin.json");
    const outcome = runBin(["import", exportFile("lab-site"), "--devices", "10000001", "--out", out]);
    expectBadInput(outcome, "the imported scenario would be refused: devices: 10000001 devices in all");
    expect(existsSync(out)).toBe(false);
  });
});
