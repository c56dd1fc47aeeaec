// Lines that echo a path the user gave ("wrote PATH") show its control characters and terminal escapes
// as visible escapes, never obeyed by the terminal.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const dir = mkdtempSync(join(tmpdir(), "mdmsim-escapes-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

// Control characters other than the line breaks between messages, and the bidi override.
const RAW = /(?!\n)[\p{Cc}\u202e]/u;

describe("wrote PATH lines", () => {
  it("import --out: the path's escapes and bidi controls are shown, not obeyed", async () => {
    const name = "s\x1b]0;pwned\x07\x1b[2J\u202e.json";
    const out = join(dir, name);
    const outcome = await runCli(["import", "test/import/fixtures/lab-site.export.json", "--out", out]);
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(readdirSync(dir)).toEqual([name]);
    const wrote = outcome.stderr.split("\n").find((l) => l.startsWith("mdmsim import: wrote "));
    expect(wrote).toBe(
      `mdmsim import: wrote ${dir}/s\\e]0;pwned\\a\\e[2J\\u202e.json; next: mdmsim check ${dir}/s\\e]0;pwned\\a\\e[2J\\u202e.json`,
    );
    expect(outcome.stderr).not.toMatch(RAW);
  });

  it("a refused --out names the path with its escapes shown", async () => {
    const outcome = await runCli(["report", "scenarios/baseline.json", "--out", `${dir}\x1b[31m/x/r.html`]);
    expect(outcome.code).toBe(2);
    expect(outcome.stderr).toContain("\\e[31m");
    expect(outcome.stderr).not.toMatch(RAW);
  });
});
