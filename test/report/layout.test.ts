// The table renderer: the same bytes as cli-table3 at unlimited width, never wider than the terminal,
// lists when even wrapping cannot fit, linear in the number of rows.
import Table from "cli-table3";
import { describe, expect, it } from "vitest";
import { fc, test } from "@fast-check/vitest";
import { GLUE, glued, paragraph, section, table, wrapLine, type Cell } from "../../src/report/layout.js";
import { displayWidth } from "../../src/report/terminal.js";

const widest = (text: string): number => Math.max(0, ...text.split("\n").map(displayWidth));

// Printable cells (what the renderers give after escaping): ASCII words, accents, CJK, marks.
const word = fc.constantFrom(
  "ok",
  "device-not-in-replica",
  "1385",
  "東京",
  "café",
  "✓",
  "–",
  "x".repeat(30),
  "",
);
const text = fc.array(word, { maxLength: 6 }).map((ws) => ws.join(" "));

function cliTable3(head: string[] | null, rows: string[][]): string {
  const t = new Table({ ...(head ? { head } : {}), style: { head: [], border: [], compact: true } });
  for (const row of rows) t.push(row);
  return t.toString();
}

describe("table", () => {
  test.prop(
    [
      fc
        .integer({ min: 1, max: 6 })
        .chain((n) =>
          fc.tuple(
            fc.option(fc.array(text, { minLength: n, maxLength: n }), { nil: null }),
            fc.array(fc.array(text, { minLength: n, maxLength: n }), { maxLength: 8 }),
          ),
        ),
    ],
    { numRuns: 300 },
  )("without a width, writes what cli-table3 writes (the golden files' bytes)", ([head, rows]) => {
    expect(table(head, rows)).toBe(cliTable3(head, rows));
  });

  it("at a width of 20 columns or more, no line is wider than the terminal, in every layout", () => {
    const layouts = new Map<string, number>();
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 12 })
          .chain((n) =>
            fc.tuple(
              fc.array(text, { minLength: n, maxLength: n }),
              fc.array(fc.array(text, { minLength: n, maxLength: n }), { minLength: 1, maxLength: 6 }),
            ),
          ),
        fc.integer({ min: 20, max: 160 }),
        fc.constantFrom<"wrap" | "list">("wrap", "list"),
        ([head, rows], columns, overflow) => {
          const out = table(head, rows, { columns, overflow });
          const kind = out === table(head, rows) ? "as is" : out.startsWith("┌") ? "wrapped" : "list";
          layouts.set(kind, (layouts.get(kind) ?? 0) + 1);
          expect(widest(out), out).toBeLessThanOrEqual(columns);
          // Nothing is lost: every word of every cell is still there (a long word perhaps broken).
          const flat = out.replace(/[│┌┐└┘├┤┬┴┼─\s]/g, "");
          for (const w of rows.flat().flatMap((cell) => cell.split(" ")))
            expect(flat).toContain(w.slice(0, 4));
        },
      ),
      { numRuns: 600 },
    );
    for (const kind of ["as is", "wrapped", "list"])
      expect(layouts.get(kind) ?? 0, JSON.stringify([...layouts])).toBeGreaterThan(20);
  });

  it("wraps the widest cells first and keeps narrow columns whole", () => {
    const rows = [["hq-windows", "1000 (enrolled 1000, enrollment failed 0, pending 0)"]];
    const out = table(null, rows, { columns: 40 });
    expect(out).toBe(
      [
        "┌────────────┬─────────────────────────┐",
        "│ hq-windows │ 1000 (enrolled 1000,    │",
        "│            │ enrollment failed 0,    │",
        "│            │ pending 0)              │",
        "└────────────┴─────────────────────────┘",
      ].join("\n"),
    );
  });

  it("lists the rows when the columns cannot fit even wrapped: name, then header: value", () => {
    const head = ["group", "server-one.example.com", "server-two.example.com", "server-three.example.com"];
    const rows = [["hq", "ok", "https-required", "ok"]];
    expect(table(head, rows, { columns: 40 })).toBe(
      [
        "hq",
        "  server-one.example.com: ok",
        "  server-two.example.com: https-required",
        "  server-three.example.com: ok",
      ].join("\n"),
    );
  });

  it("colours a cell's text, not its padding, and only with colour on", () => {
    const rows: Cell[][] = [[{ text: "FAIL", tone: "bad" }, "x"]];
    expect(table(null, rows, { color: true })).toContain("│ \u001b[31mFAIL\u001b[39m │ x │");
    expect(table(null, rows, { color: false })).toContain("│ FAIL │ x │");
  });

  it("escapes control characters in every cell and keeps deliberate lines", () => {
    const out = table([{ text: ["two", "lines"] }], [["a\u001b[2Jb"]]);
    expect(out).toContain("│ a\\e[2Jb │");
    expect(out).toContain("│ two     │\n│ lines   │");
    expect(out).not.toContain("\u001b");
  });

  it("renders 100,000 rows in linear time", () => {
    const rows = (n: number) =>
      Array.from({ length: n }, (_, i) => [String(i + 1), `${i % 1000}`, `${i % 97}m`]);
    const time = (n: number) => {
      const r = rows(n);
      const start = performance.now();
      table(["#", "devices.hq-windows.count", "syncInterval"], r, { columns: 80 });
      return performance.now() - start;
    };
    time(10_000); // warm up
    const big = time(100_000);
    expect(big).toBeLessThan(5_000);
    expect(big / Math.max(1, time(10_000))).toBeLessThan(40);
  });
});

describe("wrapLine", () => {
  it("breaks at spaces, and breaks a word only when it is wider than the line", () => {
    expect(wrapLine("aaa bbb ccc", 7)).toEqual(["aaa bbb", "ccc"]);
    expect(wrapLine("abcdefghij", 4)).toEqual(["abcd", "efgh", "ij"]);
    expect(wrapLine("first line then the rest", 10, 6)).toEqual(["first line", "then", "the", "rest"]);
  });

  it("breaks a path wider than the line after a dot, so no name is cut", () => {
    const path = "site.servers.cm02.corp.contoso.com.roles.managementPoint.allowMobileDevicesAndMacs";
    const lines = wrapLine(path, 80, 76);
    expect(lines).toEqual([
      "site.servers.cm02.corp.contoso.com.roles.managementPoint.",
      "allowMobileDevicesAndMacs",
    ]);
    expect(lines.join("")).toBe(path);
    // A name longer than the line on its own is still cut at the width.
    expect(wrapLine("a.bcdefgh", 4)).toEqual(["a.", "bcde", "fgh"]);
  });
});

describe("paragraph and section", () => {
  it("wrap to the terminal, escape, and make titles bold only with colour", () => {
    expect(paragraph("one two three", { columns: 8 })).toBe("one two\nthree");
    expect(paragraph("bell\u0007")).toBe("bell\\a");
    expect(section("Title", "body", { color: true })).toBe("\u001b[1mTitle\u001b[22m\nbody\n");
    expect(section("Title", "body")).toBe("Title\nbody\n");
  });
});

describe("words stay whole", () => {
  it("a wrapped table never breaks a word: a column as narrow as its longest word, else the list", () => {
    const head = ["group", "server"];
    const rows = [["mac-fleet", "macos-requires-internet-connections"]];
    for (const columns of [40, 50, 60]) {
      const out = table(head, rows, { columns });
      expect(out, out).toContain("macos-requires-internet-connections");
      expect(widest(out)).toBeLessThanOrEqual(columns);
    }
  });

  it("glued words stay on one line and print as spaces", () => {
    const out = table(["metric", "mean"], [["attempts failed in all the runs", glued("141.3 ± 14.6")]], {
      columns: 30,
    });
    expect(out).toContain("141.3 ± 14.6");
    expect(out).not.toContain(GLUE);
    expect(paragraph(`a b c ${glued("d e f")}`, { columns: 8 }).split("\n")).toContain("d e f");
  });
});
