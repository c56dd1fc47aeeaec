import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { parseJsonText } from "../../src/scenario/jsonText.js";

const reached = new Map<string, number>();
const count = (label: string) => reached.set(label, (reached.get(label) ?? 0) + 1);

// Keys and strings with quotes, colons and white space, so that quote-colons appear inside values too.
const text = fc.string({ unit: fc.constantFrom("a", "b", '"', ":", " ", "\\", "/", "\n"), maxLength: 6 });
const json = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small" }, text, fc.integer(), tie("object"), tie("array")),
  object: fc.dictionary(text, tie("value"), { maxKeys: 4 }),
  array: fc.array(tie("value"), { maxLength: 3 }),
})).object;

describe("parseJsonText", () => {
  afterAll(() => {
    console.log(
      "parseJsonText property: runs reaching each case\n" +
        [...reached].map(([label, n]) => `  ${label.padEnd(36)} ${String(n).padStart(5)}`).join("\n"),
    );
  });

  it("reads JSON as JSON.parse does, and refuses a key repeated in one object wherever it is", () => {
    fc.assert(
      fc.property(json, fc.nat(), fc.boolean(), (data, which, indent) => {
        const plain = JSON.stringify(data, null, indent ? 2 : undefined);
        expect(parseJsonText(plain)).toEqual(JSON.parse(plain));
        if (/"[ \t\r\n]*:/g.test(plain.replace(/"(?:[^"\\]|\\.)*"(?=\s*:)/g, "")))
          count("quote-colons inside values");
        // Repeat one object's first key inside that object: `{"k": …` becomes `{"k": 1, "k": …`.
        const openings = [...plain.matchAll(/\{\s*("(?:[^"\\]|\\.)*")\s*:/g)];
        const chosen = openings[which % Math.max(1, openings.length)];
        if (chosen === undefined) {
          count("no object with a key");
          return;
        }
        const at = chosen.index + 1;
        const repeated = `${plain.slice(0, at)}${chosen[1]}: 1, ${plain.slice(at)}`;
        expect(() => parseJsonText(repeated)).toThrow(/appears twice in one object/);
        count(openings.length > 1 ? "repeat in one of several objects" : "repeat in the only object");
      }),
      { numRuns: 500 },
    );
    for (const label of [
      "quote-colons inside values",
      "repeat in one of several objects",
      "repeat in the only object",
    ])
      expect(reached.get(label) ?? 0).toBeGreaterThan(10);
  });

  it("refuses a repeated key even when comments hold quote-colons", () => {
    const text = '{\n  // "a": 1\n  "a": 1,\n  /* "b": */ "a": 2\n}';
    expect(() => parseJsonText(text)).toThrow('the key "a" appears twice in one object');
    expect(parseJsonText('{ /* "x": */ "a": ":" }')).toEqual({ a: ":" });
  });
});

describe("trailing commas", () => {
  it("accepts a comma before a closing brace or bracket, with comments and white space between", () => {
    expect(parseJsonText('{ "a": [1, 2,], "b": { "c": "x", }, }')).toEqual({ a: [1, 2], b: { c: "x" } });
    expect(parseJsonText('{\n  "a": 1, // the last one\n  /* done */\n}')).toEqual({ a: 1 });
  });

  it("keeps commas inside strings and still refuses what JSON refuses", () => {
    expect(parseJsonText('{ "a": "x,]", "b": ",}", }')).toEqual({ a: "x,]", b: ",}" });
    expect(() => parseJsonText('{ "a": [1,, 2] }')).toThrow(
      /not valid JSON at line 1, column 11: ValueExpected/,
    );
    expect(() => parseJsonText("[,]")).toThrow(/not valid JSON/);
    expect(() => parseJsonText('{ "a": 1,, }')).toThrow(/not valid JSON/);
  });

  it("refuses a repeated key in text with trailing commas too", () => {
    expect(() => parseJsonText('{\n  "a": 1,\n  "a": 2,\n}')).toThrow(
      'not valid JSON at line 3, column 3: the key "a" appears twice in one object',
    );
  });
});
