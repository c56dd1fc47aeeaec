// `mdmsim check` through the command line: what only the written scenario tells (duration-in-seconds), from
// the file and from --set.
import { describe, expect, it } from "vitest";
import { BASELINE_TEXT, parseJson, runCli } from "../helpers/cli.js";

const FILE = "/virtual/site.json";

interface JsonFinding {
  readonly id: string;
  readonly severity: string;
  readonly path: string;
  readonly message: string;
}

async function findings(args: readonly string[], text = BASELINE_TEXT): Promise<JsonFinding[]> {
  const out = await runCli(["check", FILE, "--format", "json", ...args], { files: { [FILE]: text } });
  expect(out.stderr).toBe("");
  return parseJson(out.stdout).findings as JsonFinding[];
}

const inSeconds = (list: readonly JsonFinding[]) => list.filter((f) => f.id === "duration-in-seconds");

describe("check: duration-in-seconds", () => {
  it("warns of an interval the file writes as a bare number under 60", async () => {
    const text = BASELINE_TEXT.replace('"syncInterval": "5m"', '"syncInterval": 5');
    const found = inSeconds(await findings([], text));
    expect(found).toMatchObject([{ severity: "warning", path: "site.replicas.replica1.syncInterval" }]);
    expect(found[0]?.message).toContain(
      'which means 5 seconds ("5s"); "5m" (5 minutes) is the likelier intent',
    );
  });

  it("warns of a --set value given as a bare number, not of one given with a unit", async () => {
    expect(inSeconds(await findings(["--set", "site.replicas.replica1.syncInterval=5"]))).toHaveLength(1);
    expect(inSeconds(await findings(["--set", "site.replicas.replica1.syncInterval=5s"]))).toEqual([]);
    expect(inSeconds(await findings([]))).toEqual([]);
  });
});
