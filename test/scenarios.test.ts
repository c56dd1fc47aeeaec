// Golden outputs: every bundled scenario's JSON result and table, byte for byte.
// Regenerate after an intended change with: UPDATE_GOLDEN=1 npx vitest run test/scenarios.test.ts
import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadScenario } from "../src/scenario/load.js";
import { runCli } from "./helpers/cli.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const goldenDir = `${root}test/golden/`;
const bundled = readdirSync(`${root}scenarios`)
  .filter((f) => f.endsWith(".json"))
  .sort();

function golden(name: string, actual: string): void {
  const file = `${goldenDir}${name}`;
  if (process.env.UPDATE_GOLDEN === "1" || !existsSync(file)) {
    if (process.env.CI === "true" && !existsSync(file)) throw new Error(`missing golden file ${name}`);
    mkdirSync(goldenDir, { recursive: true });
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, "utf8"));
}

describe("bundled scenarios", () => {
  it("are all here", () => {
    expect(bundled).toEqual(
      expect.arrayContaining([
        "baseline.json",
        "dmp-on-site-database.json",
        "replica-15-minutes.json",
        "replica-outage.json",
        "enrollment-burst.json",
        "two-dmps.json",
      ]),
    );
  });

  for (const file of bundled) {
    const name = file.replace(/\.json$/, "");
    describe(name, () => {
      it("says in its description what it shows", () => {
        const scenario = loadScenario(readFileSync(`${root}scenarios/${file}`, "utf8"));
        expect(scenario.description.length).toBeGreaterThan(60);
        expect(scenario.name).toBe(name);
      });

      it("matches its golden JSON result, and its expectations hold", async () => {
        const { code, stdout, stderr } = await runCli([
          "run",
          `${root}scenarios/${file}`,
          "--format",
          "json",
        ]);
        expect(stderr).toBe("");
        expect(code).toBe(0);
        golden(`${name}.json`, stdout);
      });

      it("matches its golden table", async () => {
        const { stdout } = await runCli(["run", `${root}scenarios/${file}`]);
        golden(`${name}.txt`, stdout);
      });
    });
  }
});
