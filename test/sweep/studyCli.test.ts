// `sweep --study FILE` on the command line: the study's grid, its mistakes as one line with exit 2.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, expectBadInput, parseJson, runCli, tempFolder } from "../helpers/cli.js";

const BASELINE = join(REPO_ROOT, "scenarios/baseline.json");
const EXAMPLE = join(REPO_ROOT, "examples/baseline-study.yaml");
const SMALL = ["sweep", BASELINE, "--set", "devices.0.count=30", "--runs", "2", "--jobs", "1"];

describe("mdmsim sweep --study", () => {
  it("runs the example study: zipped replica settings × polling, one combination skipped", async () => {
    const out = await runCli([...SMALL, "--study", EXAMPLE, "--list", "--format", "json"]);
    expect(out.code).toBe(0);
    const variants = (parseJson(out.stdout).variants as { set: Record<string, unknown> }[]).map((v) => v.set);
    expect(variants).toHaveLength(5);
    expect(variants[0]).toEqual({
      "site.replicas.replica1.syncInterval": "5m",
      "site.replicas.replica1.applyDelay": "0s",
      "devices.hq-windows.polling.0.every": "2m",
    });
    expect(
      variants.some(
        (v) =>
          v["site.replicas.replica1.syncInterval"] === "15m" &&
          v["devices.hq-windows.polling.0.every"] === "2m",
      ),
    ).toBe(false);
  });

  it("reads JSON as well, adds --vary axes after the study's, and runs", async () => {
    const files = {
      "s.json": JSON.stringify({
        axes: [{ path: "site.replicas.replica1.syncInterval", values: ["1m", "5m"] }],
      }),
    };
    const out = await runCli(
      [...SMALL, "--study", "s.json", "--vary", "devices.0.count=10,20", "--format", "json"],
      { files },
    );
    expect(out.stderr).toBe("");
    const doc = parseJson(out.stdout);
    expect((doc.variants as unknown[]).length).toBe(4);
  });

  it("names the file and the place of a mistake, exit 2", async () => {
    const files = {
      "bad.yaml": "axes:\n  - path: site.replicas.replica1.syncInterval\n    valus: [1m]\n",
      "skip.yaml":
        "axes:\n  - path: site.replicas.replica1.syncInterval\n    values: [1m]\nskip:\n  - site.replicas.replica1.applyDelay: 0s\n",
      "broken.yaml": "axes: [\n",
      "value.yaml": "axes:\n  - path: site.replicas.replica1.syncInterval\n    values: [soon]\n",
    };
    expectBadInput(await runCli([...SMALL, "--study", "bad.yaml"], { files }), "bad.yaml: axes[0]");
    expectBadInput(
      await runCli([...SMALL, "--study", "skip.yaml"], { files }),
      "skip.yaml: skip[0]",
      "not a varied path",
    );
    expectBadInput(await runCli([...SMALL, "--study", "broken.yaml"], { files }), "broken.yaml");
    expectBadInput(
      await runCli([...SMALL, "--study", "value.yaml"], { files }),
      "value.yaml",
      "syncInterval=soon",
    );
    expectBadInput(
      await runCli([...SMALL, "--study", "missing.yaml"]),
      "--study missing.yaml",
      "does not exist",
    );
  });
});

describe("sweep --study with --shard --out", () => {
  it("never writes the shard over the study file", async () => {
    expectBadInput(
      await runCli([...SMALL, "--study", EXAMPLE, "--shard", "1/2", "--out", EXAMPLE]),
      `--out ${EXAMPLE}`,
      "input",
    );
  });
});

describe("report --study with --out", () => {
  const temp = tempFolder("mdmsim-report-study-");
  it("never writes the page over the study file", async () => {
    const text = readFileSync(EXAMPLE, "utf8");
    const study = temp.file("study.yaml", text);
    expectBadInput(
      await runCli(["report", BASELINE, "--set", "devices.0.count=30", "--study", study, "--out", study]),
      `--out ${study}`,
      "input",
    );
    expect(readFileSync(study, "utf8")).toBe(text);
  });
});
