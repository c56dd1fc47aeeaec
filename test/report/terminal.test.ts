// The terminal module: control characters made visible, display widths, colour only when asked.
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { displayWidth, paint, splitByWidth, visible } from "../../src/report/terminal.js";

const HOSTILE = "\u001b]0;pwned\u0007\u001b[2J";

describe("visible", () => {
  it("writes escape sequences, bells and line controls as visible escapes", () => {
    expect(visible(HOSTILE)).toBe("\\e]0;pwned\\a\\e[2J");
    expect(visible("a\tb\nc\rd\be\vf\fg")).toBe("a\\tb\\nc\\rd\\be\\vf\\fg");
    expect(visible("del\x7f nul\x00 csi\u009b")).toBe("del\\x7f nul\\x00 csi\\x9b");
  });

  it("shows bidi controls, zero-width characters and separators as \\u escapes", () => {
    expect(visible("abc\u202edcba")).toBe("abc\\u202edcba");
    expect(visible("a\u200bb\u2066c\u2069\ufeff")).toBe("a\\u200bb\\u2066c\\u2069\\ufeff");
    expect(visible("x\u2028y\u2029z")).toBe("x\\u2028y\\u2029z");
    expect(visible("tag\u{e0041}")).toBe("tag\\u{e0041}");
  });

  it("leaves printable text alone: accents, CJK, emoji, box drawing, backslashes", () => {
    for (const text of ["hq-windows", "café", "東京-devices", "✓ ✗ ± –", "C:\\sites\\a.json", "😀"])
      expect(visible(text)).toBe(text);
  });

  test.prop([fc.string({ unit: "binary" })], { numRuns: 2000 })(
    "never lets a control, format or separator character through",
    (text) => {
      expect(visible(text)).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}]/u);
    },
  );
});

describe("displayWidth", () => {
  it("counts terminal columns, not UTF-16 units", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("東京")).toBe(4);
    expect(displayWidth("e\u0301")).toBe(1);
    expect(displayWidth("😀")).toBe(2);
    expect(displayWidth("✓ ± –")).toBe(5);
  });

  it("splits text into pieces no wider than asked", () => {
    expect(splitByWidth("abcdef", 4)).toEqual(["abcd", "ef"]);
    expect(splitByWidth("東京都", 3)).toEqual(["東", "京", "都"]);
    expect(splitByWidth("", 3)).toEqual([""]);
  });
});

describe("paint", () => {
  it("colours only when colour is on", () => {
    expect(paint("FAIL", "bad", {})).toBe("FAIL");
    expect(paint("FAIL", "bad", { color: false })).toBe("FAIL");
    expect(paint("FAIL", "bad", { color: true })).toBe("\u001b[31mFAIL\u001b[39m");
    expect(paint("", "bad", { color: true })).toBe("");
    expect(paint("plain", undefined, { color: true })).toBe("plain");
  });
});
