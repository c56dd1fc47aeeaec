// Server names that are not host names, at import: a row whose NetworkOSPath names one is left out with the
// reason (the one host-name rule, model/fqdn.ts), a server named by its IP address is noted.
import { describe, expect, it } from "vitest";
import { importSite } from "../../src/import/importSite.js";
import { loadScenario } from "../../src/scenario/load.js";
import { runCli } from "../helpers/cli.js";
import { exportFile, readExport } from "./helpers.js";
import { readFileSync } from "node:fs";

/** The large site with one distribution point row's NetworkOSPath replaced. */
function withServerPath(path: string): { data: Record<string, unknown>; index: number } {
  const data = readExport("large-site");
  const rows = data.siteRoles as { RoleName: string; NetworkOSPath: string }[];
  const index = rows.findIndex(
    (r) =>
      r.RoleName === "SMS Distribution Point" &&
      r.NetworkOSPath.toLowerCase() === "\\\\dp02.corp.contoso.com",
  );
  const row = rows[index];
  if (row === undefined) throw new Error("no dp02 row");
  row.NetworkOSPath = path;
  return { data, index };
}

describe("import: server names that are not host names", () => {
  // Issue 27: each of these became a server of the scenario.
  it.each([
    ["dp02..corp.contoso.com", "it has an empty label"],
    [".dp02.corp.contoso.com", "it has an empty label"],
    ["dp02_.corp.contoso.com", 'its label "dp02_" starts or ends with "-" or "_"'],
    ["-dp02.corp.contoso.com", 'its label "-dp02" starts or ends with "-" or "_"'],
    ["dp02!.corp.contoso.com", '"!" is not a letter, digit, hyphen or underscore'],
    [`${"d".repeat(64)}.corp.contoso.com`, "is longer than 63 characters"],
    [`${"d.".repeat(130)}com`, "it is longer than 253 characters"],
  ])("leaves out a row naming %j, with the reason", (name, reason) => {
    const { data, index } = withServerPath(`\\\\${name}`);
    const result = importSite(data);
    const skipped = result.skipped.find((s) => s.where === `siteRoles[${index}]`);
    expect(skipped?.reason).toContain(`NetworkOSPath names ${JSON.stringify(name)}, not a host name: `);
    expect(skipped?.reason).toContain(reason);
    expect(result.scenario.site.servers.some((s) => s.name === name)).toBe(false);
    expect(() => loadScenario(result.scenario)).not.toThrow();
  });

  it("keeps host names with an underscore inside a label, or without a dot", () => {
    for (const name of ["dp_02.corp.contoso.com", "dp02"]) {
      const { data } = withServerPath(`\\\\${name}`);
      expect(importSite(data).scenario.site.servers.some((s) => s.name === name)).toBe(true);
    }
  });

  it("notes a server named by its IP address, to set its FQDN", async () => {
    const text = readFileSync(exportFile("lab-site"), "utf8").replaceAll(
      "cm01.lab.contoso.com",
      "192.168.10.5",
    );
    const result = importSite(JSON.parse(text) as unknown);
    expect(result.scenario.site.servers.map((s) => s.name)).toEqual(["192.168.10.5"]);
    expect(result.notes).toContainEqual({
      path: "site.servers.192.168.10.5.name",
      value: "192.168.10.5",
      kind: "to confirm",
      why: "the export names this server by its IP address: set its FQDN, which devices need (name-not-fqdn)",
    });
    const out = await runCli(["import", "-"], { stdin: text });
    expect(out.code).toBe(0);
    expect(out.stderr).toContain("site.servers.192.168.10.5.name");
  });
});
