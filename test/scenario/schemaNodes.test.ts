// The schema walked by field name: a declared field only, never a member every object inherits.
import { describe, expect, it } from "vitest";
import { scenarioJsonSchema } from "../../src/scenario/jsonSchema.js";
import { childNodes, nodesAtDataPath, type SchemaNode } from "../../src/scenario/schemaNodes.js";

const root = scenarioJsonSchema() as SchemaNode;

describe("schema nodes", () => {
  it.each(["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"])(
    "finds no field named %s",
    (key) => {
      expect(childNodes([root], key)).toEqual([]);
      expect(childNodes(childNodes([root], "site"), key)).toEqual([]);
      expect(nodesAtDataPath(root, [key], { [key]: 1 })).toEqual([]);
    },
  );

  it("finds a declared field", () => {
    expect(childNodes([root], "site")).toHaveLength(1);
    expect(nodesAtDataPath(root, ["duration"], { duration: "3h" }).length).toBeGreaterThan(0);
  });
});
