// The document of `mdmsim scenarios`: each bundled scenario's name and the first sentence of its description.
import { describe, expect, it } from "vitest";
import { firstSentence, scenarioList } from "../../src/results/scenarioList.js";

describe("firstSentence", () => {
  it("ends at a full stop followed by a space or the end, not inside a number", () => {
    expect(firstSentence("Mean 7.5 minutes. Then more.")).toBe("Mean 7.5 minutes.");
    expect(firstSentence("1,000 devices over an hour")).toBe("1,000 devices over an hour");
    expect(firstSentence("WRONG: it is down!\nMore")).toBe("WRONG: it is down!");
    expect(firstSentence("  spaced\n  out. ")).toBe("spaced out.");
  });
});

describe("scenarioList", () => {
  it("starts with its format and names each scenario's file", () => {
    const list = scenarioList([{ name: "baseline", description: "One site. More." }]);
    expect(Object.keys(list)[0]).toBe("format");
    expect(list.scenarios).toEqual([
      {
        name: "baseline",
        file: "scenarios/baseline.json",
        summary: "One site.",
        description: "One site. More.",
      },
    ]);
  });
});
