// `mdmsim compare` and `sweep --baseline` on the command line: the contract's document, the same bytes
// whatever --jobs is (in-process and through bin/mdmsim), formats, exit codes and bad input.
// The worker threads run dist/cli/sweepWorker.js (or dist/bin/ for the bin): `npm test` builds first.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT, at, expectBadInput, parseJson, runBin, runCli } from "../helpers/cli.js";

const BASELINE = join(REPO_ROOT, "scenarios/baseline.json");
const DATABASE = "site.servers.cm01.corp.contoso.com.roles.managementPoint.database";
const SMALL = ["compare", BASELINE, "--set", "devices.0.count=60", "--runs", "4"];

describe("mdmsim compare", () => {
  it("prints the contract's document: sides, seeds, configuration differences, metrics, expectations", async () => {
    const out = await runCli([...SMALL, "--with", `${DATABASE}=site`, "--format", "json", "--jobs", "1"]);
    expect(out.stderr).toBe("");
    expect(out.code).toBe(0);
    const doc = parseJson(out.stdout);
    expect(Object.keys(doc)).toEqual([
      "format",
      "a",
      "b",
      "runs",
      "seeds",
      "configurationDifferences",
      "metrics",
      "expectations",
    ]);
    expect(doc.a).toEqual({ scenario: "baseline", file: BASELINE, with: {} });
    expect(doc.b).toEqual({ scenario: "baseline", file: BASELINE, with: { [DATABASE]: "site" } });
    expect(doc.seeds).toEqual([1, 2, 3, 4]);
    expect(doc.configurationDifferences).toEqual([{ path: DATABASE, a: "replica1", b: "site" }]);
    const mean = at(doc, "metrics.timeToFirstSuccessSeconds\\.mean") as Record<string, unknown> | undefined;
    const metric = (doc.metrics as Record<string, Record<string, unknown>>)["timeToFirstSuccessSeconds.mean"];
    expect(mean ?? metric).toMatchObject({
      b: { mean: 0, ci95: [0, 0] },
      relative: -1,
      verdict: "better",
      method: "student-t",
    });
    expect((doc.metrics as Record<string, { method: string }>)["timeToFirstSuccessSeconds.p90"]?.method).toBe(
      "bootstrap-percentile",
    );
  });

  it("names a change of poll profile by the profiles' names, in the document and the table", async () => {
    const args = [...SMALL, "--runs", "2", "--with", "devices.hq-windows.polling=intune-estimate"];
    const json = await runCli([...args, "--format", "json", "--jobs", "1"]);
    expect(json.code).toBe(0);
    expect(parseJson(json.stdout).configurationDifferences).toEqual([
      { path: "devices.hq-windows.polling", a: "configmgr-assumed", b: "intune-estimate" },
    ]);
    const table = await runCli([...args, "--jobs", "1"]);
    expect(table.stdout).toMatch(/│ devices\.hq-windows\.polling │ configmgr-assumed │ intune-estimate │/);
  });

  it("gives the same bytes with --jobs 1 and --jobs 3, in every format", async () => {
    for (const format of ["json", "table", "csv", "markdown"]) {
      const args = [...SMALL, "--with", "devices.hq-windows.polling.0.every=2m", "--format", format];
      const one = await runCli([...args, "--jobs", "1"]);
      const three = await runCli([...args, "--jobs", "3"]);
      expect(three.stdout).toBe(one.stdout);
      expect(three.code).toBe(one.code);
    }
  });

  it("exits 1 with --fail-on-worse on a worse verdict, 0 without; 1 when an --expect fails on B", async () => {
    // Without the scenario's own expectations (a 10-minute replica breaks "failed polls at most 2").
    const worse = [
      ...SMALL,
      "--set",
      "expectations=[]",
      "--with",
      "site.replicas.replica1.syncInterval=10m",
      "--jobs",
      "1",
    ];
    const plain = await runCli(worse);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toMatch(/timeToFirstSuccessSeconds\.mean .* worse/);
    expect((await runCli([...worse, "--fail-on-worse"])).code).toBe(1);
    const expectation = await runCli([...worse, "--expect", "timeToFirstSuccessSeconds.mean <= 1m"]);
    expect(expectation.code).toBe(1);
    expect(expectation.stdout).toContain("Failed expectations on B");
  });

  it("compares two files, and says which is which", async () => {
    const other = join(REPO_ROOT, "scenarios/dmp-on-site-database.json");
    const out = await runCli([
      "compare",
      BASELINE,
      other,
      "--runs",
      "2",
      "--format",
      "markdown",
      "--jobs",
      "1",
    ]);
    expect(out.stdout).toContain(`B = dmp-on-site-database (${other})`);
    expect(out.stdout).toContain("### Configuration difference");
  });

  it("refuses bad input with one line and exit 2", async () => {
    expectBadInput(await runCli([...SMALL, "--with", "site.nothing=1"]), "--with site.nothing=1", "nothing");
    expectBadInput(await runCli([...SMALL, "--with", "novalue"]), "--with novalue", "PATH=VALUE");
    expectBadInput(await runCli([...SMALL, "--format", "html"]), "--format");
    expectBadInput(await runCli([...SMALL, "--runs", "0"]), "--runs");
    expectBadInput(await runCli([...SMALL, "--metric", "no.such.path", "--jobs", "1"]), "no.such.path");
    // Run limits name the side: B's file with its changes, or A's file.
    expectBadInput(
      await runCli([...SMALL, "--with", "devices.0.count=2000000000"]),
      `${BASELINE}, --with devices.0.count=2000000000: devices:`,
      "the limit is",
    );
    expectBadInput(await runCli([...SMALL, "--set", "devices.0.count=2000000000"]), `${BASELINE}: devices:`);
  });

  it("runs through bin/mdmsim with worker threads, the same bytes as in-process", async () => {
    const args = [...SMALL, "--with", `${DATABASE}=site`, "--format", "json"];
    const bin = runBin([...args, "--jobs", "2"]);
    expect(bin.stderr).toBe("");
    expect(bin.code).toBe(0);
    expect(bin.stdout).toBe((await runCli([...args, "--jobs", "1"])).stdout);
  });
});

describe("mdmsim sweep --baseline", () => {
  const sweep = [
    "sweep",
    BASELINE,
    "--set",
    "devices.0.count=60",
    "--vary",
    "site.replicas.replica1.syncInterval=1m,5m",
    "--runs",
    "3",
    "--baseline",
    "2",
  ];

  it("adds each variant's paired difference to the baseline variant, the same bytes with any --jobs", async () => {
    const one = await runCli([...sweep, "--format", "json", "--jobs", "1"]);
    const two = await runCli([...sweep, "--format", "json", "--jobs", "2"]);
    expect(two.stdout).toBe(one.stdout);
    const doc = parseJson(one.stdout);
    expect(doc.baseline).toBe(2);
    const variants = doc.variants as { comparedToBaseline: Record<string, { verdict: string }> }[];
    expect(variants[0]?.comparedToBaseline["timeToFirstSuccessSeconds.mean"]?.verdict).toBe("better");
    expect(variants[1]?.comparedToBaseline["timeToFirstSuccessSeconds.mean"]?.verdict).toBe("same");
    expect((await runCli([...sweep, "--jobs", "1"])).stdout).toContain("Against variant 2");
  });

  it("refuses a variant that does not exist", async () => {
    expectBadInput(await runCli([...sweep.slice(0, -1), "3"]), "--baseline", "from 1 to 2");
  });
});

describe("compare's run limits", () => {
  it("--max-events bounds each side and both sides' runs together, and is checked", async () => {
    expectBadInput(await runCli([...SMALL, "--max-events", "0"]), "--max-events: expected a number >= 1");
    // One run of a side is estimated at about 2,800 events: each side fits 5,000, both sides' 8 runs do not.
    const one = await runCli([...SMALL, "--runs", "1", "--max-events", "100"]);
    expectBadInput(one, BASELINE);
    const together = await runCli([...SMALL, "--max-events", "5000"]);
    expectBadInput(
      together,
      "--runs: 2 variants × 4 runs: the sweep would process about",
      "variant 1, the scenario as given",
    );
    const raised = await runCli([...SMALL, "--max-events", "1e6", "--format", "json", "--jobs", "1"]);
    expect(raised.code, raised.stderr).toBe(0);
  });
});
