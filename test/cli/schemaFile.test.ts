// scenario.schema.json, which every bundled scenario's `$schema` names, is what `mdmsim schema` prints
// (the build writes it; a clone has it committed, so editors find it before any build).
import { readFileSync, readdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { BUNDLED_SCENARIOS } from "../../src/cli/scenarioFile.js";
import { REPO_ROOT, parseJson, runCli } from "../helpers/cli.js";

const SCHEMA_FILE = resolve(REPO_ROOT, "scenario.schema.json");

describe("scenario.schema.json", () => {
  it("is what mdmsim schema prints (npm run build writes it)", async () => {
    const printed = await runCli(["schema"]);
    expect(printed.code).toBe(0);
    expect(readFileSync(SCHEMA_FILE, "utf8"), "stale: run npm run build").toBe(printed.stdout);
  });

  it.each(readdirSync(BUNDLED_SCENARIOS).filter((f) => f.endsWith(".json")))(
    "is the file %s names in $schema",
    (file) => {
      const scenario = parseJson(readFileSync(resolve(BUNDLED_SCENARIOS, file), "utf8"));
      expect(Object.keys(scenario)[0]).toBe("$schema");
      expect(typeof scenario.$schema).toBe("string");
      expect(resolve(dirname(resolve(BUNDLED_SCENARIOS, file)), String(scenario.$schema))).toBe(SCHEMA_FILE);
    },
  );

  it("ships in the package", () => {
    const manifest = parseJson(readFileSync(resolve(REPO_ROOT, "package.json"), "utf8"));
    expect(manifest.files).toEqual(expect.arrayContaining(["scenario.schema.json", "docs"]));
  });
});
