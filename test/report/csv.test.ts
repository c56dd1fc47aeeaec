import { describe, expect, it } from "vitest";
import { csvText, quote, renderCsv } from "../../src/report/csv.js";
import { readMetric } from "../../src/results/expectations.js";
import { buildRunResult } from "../../src/results/runResult.js";
import { handTally, runWithLoad } from "../helpers/loadTallies.js";

describe("csvText", () => {
  it("quotes fields with a comma, a quote or a line break (RFC 4180) and ends every line", () => {
    expect(csvText([["a", "b,c"], ['say "hi"', "two\nlines"], []])).toBe(
      'a,"b,c"\n"say ""hi""","two\nlines"\n\n',
    );
    expect(quote("plain")).toBe("plain");
  });

  it("is the text of every CSV writer: renderCsv flattens a document to path,value rows", () => {
    expect(renderCsv({ a: { b: 1, c: "x,y" }, trace: [1] })).toBe('path,value\na.b,1\na.c,"x,y"\n');
  });
});

describe("renderCsv of a run with load", () => {
  const result = buildRunResult(
    runWithLoad([
      handTally("managementPoint", "cm01.corp.contoso.com", 8, 10800, { waits: [0, 2], responses: [1, 3] }),
      handTally("database", "site", 4, 10800),
    ]),
  );

  it("has a row per load number, named by server, each a path expectations read", () => {
    const rows = renderCsv(result)
      .trimEnd()
      .split("\n")
      .map((line) => line.split(","));
    const load = rows.filter(([path]) => path?.startsWith("load."));
    expect(load).toContainEqual(["load.managementPoints.cm01.corp.contoso.com.waitSeconds.p99", "2"]);
    expect(load).toContainEqual(["load.managementPoints.cm01.corp.contoso.com.workers", "8"]);
    // Nothing served at the site database: its statistics are empty cells.
    expect(load).toContainEqual(["load.databases.site.responseSeconds.mean", ""]);
    // 2 servers × (6 numbers, 5 + 5 statistics, 2 of the queue).
    expect(load).toHaveLength(2 * 18);
    for (const [path, value] of load) expect(String(readMetric(result, path ?? "") ?? ""), path).toBe(value);
  });
});
