// The temporary file is created exclusively: even a symlink planted at its very name (here the name is
// made predictable on purpose) is never followed; the write fails and the link's target is untouched.
import {
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type * as Crypto from "node:crypto";
import { afterAll, describe, expect, it, vi } from "vitest";
import { writeOutputFile } from "../../src/cli/outputFile.js";

vi.mock("node:crypto", async (original) => ({
  ...(await original<typeof Crypto>()),
  randomBytes: (size: number) => Buffer.alloc(size, 0xab),
}));

const dir = mkdtempSync(join(tmpdir(), "mdmsim-exclusive-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("the temporary file is opened with O_EXCL", () => {
  it("fails on a symlink planted at its name rather than write through it", async () => {
    const victim = join(dir, "victim");
    writeFileSync(victim, "precious");
    const planted = join(dir, `.report.html.${"ab".repeat(8)}.tmp`);
    symlinkSync(victim, planted);
    await expect(
      writeOutputFile(join(dir, "report.html"), "the report", "--out report.html", []),
    ).rejects.toThrow(/--out report.html: cannot write the file: EEXIST/);
    expect(readFileSync(victim, "utf8")).toBe("precious");
    expect(lstatSync(planted).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual([".report.html.abababababababab.tmp", "victim"]);
  });
});
