import { parseDocument } from "yaml";
import { describe, expect, it } from "vitest";
import { ScenarioError } from "../../src/errors.js";
import { parseScenarioText } from "../../src/scenario/load.js";
import { expandedYamlSize, MAX_EXPANDED_BYTES, parseYamlText } from "../../src/scenario/yamlText.js";
import { aliasBomb } from "../helpers/aliasBomb.js";

const size = (text: string) => expandedYamlSize(parseDocument(text).contents).bytes;

describe("the text a YAML file's aliases stand for", () => {
  it("is the file's own text without aliases", () => {
    const text = "a: 1\nb: [x, y]\nc: { d: e }\n";
    expect(size(text)).toBeLessThanOrEqual(text.length);
    expect(size(text)).toBeGreaterThan(text.length - 4);
  });

  it("counts each alias as its anchor's text", () => {
    const anchor = "x".repeat(1000);
    const one = size(`a: &a ${anchor}\n`);
    const three = size(`a: &a ${anchor}\nb: *a\nc: *a\n`);
    expect(three - one).toBeGreaterThanOrEqual(2000);
    expect(three - one).toBeLessThan(2020);
  });

  it("multiplies through nested aliases in one pass", () => {
    const levels = ["l0: &l0 [" + "x".repeat(100) + "]"];
    for (let i = 1; i <= 9; i++)
      levels.push(
        `l${i}: &l${i} [${Array(10)
          .fill(`*l${i - 1}`)
          .join(", ")}]`,
      );
    expect(size(levels.join("\n"))).toBeGreaterThan(1e11);
  });

  it("refuses a file whose aliases stand for more than a file may hold, naming the largest", () => {
    expect(() => parseYamlText(aliasBomb(4000, 99))).toThrow(ScenarioError);
    expect(() => parseScenarioText(aliasBomb(4000, 99), "yaml")).toThrow(
      /its aliases stand for \d+\.\d MiB of text once written out, and a file may hold 10\.0 MiB; the largest is \*o/,
    );
  });

  it("refuses an alias inside its own anchor", () => {
    expect(() => parseYamlText("a: &a [1, *a]\n")).toThrow(/text without end/);
  });

  it("keeps files under the bound, with their aliases resolved", () => {
    const data = parseScenarioText(aliasBomb(3, 2), "yaml") as { site: { servers: { outages: unknown }[] } };
    expect(data.site.servers[2]?.outages).toEqual(data.site.servers[0]?.outages);
    expect(MAX_EXPANDED_BYTES).toBe(10 * 1024 * 1024);
  });

  it("still says what the parser says of a bad file", () => {
    expect(() => parseScenarioText("a: 1\na: 2\n", "yaml")).toThrow(
      /not valid YAML: Map keys must be unique/,
    );
  });
});
