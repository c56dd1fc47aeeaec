// A site system named by its IP address is not named by an FQDN: `check`, `reach` and `run` all apply rule 7
// (model/fqdn.ts) through the command line.
import { describe, expect, it } from "vitest";
import { BASELINE_TEXT, at, parseJson, runCli } from "../helpers/cli.js";

const FILE = "/virtual/ip-named.json";
/** The baseline with its one server named by an IPv4 address (its certificate names it so too). */
const files = { [FILE]: BASELINE_TEXT.replaceAll("cm01.corp.contoso.com", "10.1.2.3") };

describe("a site system named 10.1.2.3", () => {
  it("check: name-not-fqdn, an error (exit 1), at the server's name", async () => {
    const out = await runCli(["check", FILE, "--format", "json"], { files });
    expect(out.code, out.stderr).toBe(1);
    const findings = parseJson(out.stdout).findings as { id: string; severity: string; path: string }[];
    expect(findings.filter((f) => f.id === "name-not-fqdn")).toMatchObject([
      { severity: "error", path: "site.servers.10.1.2.3.name" },
    ]);
  });

  it("reach: every role the devices contact shows name-not-fqdn", async () => {
    const out = await runCli(["reach", FILE, "--format", "json"], { files });
    const cells = parseJson(out.stdout).cells as { role: string; result: string }[];
    expect(cells.filter((c) => c.role !== "enrollmentPoint").map((c) => c.result)).toEqual(
      Array(3).fill("name-not-fqdn"),
    );
  });

  it("run: every enrollment fails with name-not-fqdn", async () => {
    const out = await runCli(["run", FILE, "--format", "json"], { files });
    const result = parseJson(out.stdout);
    expect(at(result, "enrollmentFailedByReason")).toEqual({ "name-not-fqdn": 1000 });
  });
});
