// `mdmsim import`: where the export comes from (a file or `-`, standard input, as for scenarios).
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { BIN, REPO_ROOT, runCli } from "../helpers/cli.js";
import { exportFile } from "./helpers.js";

describe("mdmsim import -", () => {
  // Issue 27: `-` was read as a file named "-" (it does not exist).
  it("reads the export from standard input, the same scenario as from the file", async () => {
    const text = readFileSync(exportFile("lab-site"), "utf8");
    const fromFile = await runCli(["import", exportFile("lab-site")]);
    const fromStdin = await runCli(["import", "-"], { stdin: text });
    expect(fromStdin.code, fromStdin.stderr).toBe(0);
    expect(fromStdin.stdout).toBe(fromFile.stdout);
  });

  it("names standard input in a problem", async () => {
    const out = await runCli(["import", "-"], { stdin: "{ not json" });
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^mdmsim: \(standard input\): /);
  });

  it("reads standard input through bin/mdmsim", () => {
    const child = spawnSync(process.execPath, [BIN, "import", "-"], {
      cwd: REPO_ROOT,
      encoding: "utf8",
      input: readFileSync(exportFile("lab-site"), "utf8"),
    });
    expect(child.status, child.stderr).toBe(0);
    expect(JSON.parse(child.stdout)).toHaveProperty("site");
  });
});
