import { describe, expect, it } from "vitest";
import { csvText, quote, renderCsv } from "../../src/report/csv.js";

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
