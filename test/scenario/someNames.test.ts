// The one "name the first few, count the rest" rule, in both of its wordings, and its four callers.
import { describe, expect, it } from "vitest";
import { groupList } from "../../src/checks/finding.js";
import { namesNothingText } from "../../src/scenario/path.js";
import { someNames } from "../../src/scenario/someNames.js";

const quote = (s: string) => `"${s}"`;
const names = (n: number) => Array.from({ length: n }, (_, i) => `n${i}`);

describe("someNames", () => {
  it("after a list of choices: all of a short list, else the first five and the count in all", () => {
    expect(someNames([], quote, "in all")).toBe("");
    expect(someNames(names(5), quote, "in all")).toBe('"n0", "n1", "n2", "n3", "n4"');
    expect(someNames(names(6), quote, "in all")).toBe('"n0", "n1", "n2", "n3", "n4", … (6 in all)');
  });

  it("in a sentence: a short list ends with `and`, a long one counts the rest", () => {
    expect(someNames([], quote, "more")).toBe("");
    expect(someNames(["a"], quote, "more")).toBe('"a"');
    expect(someNames(["a", "b", "c"], quote, "more")).toBe('"a", "b" and "c"');
    expect(someNames(names(7), quote, "more")).toBe('"n0", "n1", "n2", "n3", "n4" and 2 more');
    expect(someNames(names(4), quote, "more", 3)).toBe('"n0", "n1", "n2" and 1 more');
  });

  it("shows only the items it names (a list of 100,000 is not mapped)", () => {
    const shown: string[] = [];
    someNames(names(100_000), (s) => (shown.push(s), s), "in all");
    expect(shown).toEqual(names(5));
  });

  it("is the rule of a path that names nothing and of groupList", () => {
    const miss = { at: "devices", rest: "zz", labels: names(8) };
    expect(namesNothingText("devices.zz", miss, "the scenario")).toBe(
      '"devices.zz" names nothing in the scenario; "devices" has "n0", "n1", "n2", "n3", "n4", … (8 in all)',
    );
    expect(groupList(names(8))).toBe(`groups ${someNames(names(8), quote, "more")}`);
  });
});
