// `mdmsim import` on the command line: the golden scenario on stdout and notes on stderr, --out written
// whole and never over the export, bad input as one line with exit 2, and the real bin/mdmsim.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { expectBadInput, parseJson, runBin, runCli } from "../helpers/cli.js";
import { EXPORTS, exportFile, golden, goldenScenarioName } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "mdmsim-import-"));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe("mdmsim import", () => {
  for (const name of EXPORTS) {
    it(`${name}: the golden scenario on stdout, the notes on stderr, exit 0`, async () => {
      const outcome = await runCli(["import", exportFile(name)]);
      expect(outcome.code, outcome.stderr).toBe(0);
      golden(goldenScenarioName(name), outcome.stdout);
      golden(goldenScenarioName(name).replace(".scenario.json", ".stderr.txt"), outcome.stderr);
    });
  }

  it("the notes table names each path to fill in, and the summary what was left out", async () => {
    const { stderr } = await runCli(["import", exportFile("large-site")]);
    expect(stderr).toContain("left out: 7 rows of other sites, 2 servers without on-prem MDM roles");
    for (const text of [
      "site.servers.mp01.corp.contoso.com.roles.managementPoint.allowMobileDevicesAndMacs",
      "site.servers.dp02.corp.contoso.com.roles.distributionPoint.connections",
      "site.servers.ep01.corp.contoso.com.certificate",
      "site.replicas.sqlrep02.corp.contoso.com/CM_PS1.syncInterval",
      "to confirm",
      "not in the export",
      "placeholder",
    ])
      expect(stderr).toContain(text);
  });

  it("--out writes the scenario whole, check then reads it; the export is never overwritten", async () => {
    const out = join(dir, "site.json");
    const outcome = await runCli([
      "import",
      exportFile("lab-site"),
      "--out",
      out,
      "--devices",
      "50",
      "--name",
      "lab",
    ]);
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stdout).toBe("");
    expect(outcome.stderr).toContain(`next: mdmsim check ${out}`);
    const scenario = parseJson(readFileSync(out, "utf8"));
    expect(scenario.name).toBe("lab");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    const check = await runCli(["check", out, "--format", "json"]);
    expect(check.code).toBe(0);

    const copy = join(dir, "export.json");
    writeFileSync(copy, readFileSync(exportFile("lab-site")));
    const before = readFileSync(copy, "utf8");
    expectBadInput(await runCli(["import", copy, "--out", copy]), `--out ${copy}`, "input");
    expect(readFileSync(copy, "utf8")).toBe(before);
    expectBadInput(await runCli(["import", copy, "--out", join(dir, "missing", "x.json")]), "cannot write");
    expect(existsSync(join(dir, "missing"))).toBe(false);
  });

  it("refuses what is not an export with one line naming the file and the place", async () => {
    const files = {
      "broken.json": '{"format": "mdmsim-site-export/1", "siteRoles": [',
      "empty.json": "{}",
      "utf16.json": "\uFFFD\uFFFD{\u0000}\u0000",
      "roles.json": '{"format": "mdmsim-site-export/1", "siteCode": "PS1", "siteRoles": 3}',
    };
    expectBadInput(
      await runCli(["import", "broken.json"], { files }),
      "broken.json",
      "not valid JSON",
      "line 1",
    );
    expectBadInput(await runCli(["import", "empty.json"], { files }), "empty.json: siteRoles: missing");
    expectBadInput(await runCli(["import", "utf16.json"], { files }), "utf16.json", "UTF-16");
    expectBadInput(
      await runCli(["import", "roles.json"], { files }),
      "roles.json: siteRoles: expected an array",
    );
    expectBadInput(await runCli(["import", join(dir, "nothing.json")]), "nothing.json", "does not exist");
  });

  it("refuses bad options", async () => {
    const file = exportFile("lab-site");
    expectBadInput(await runCli(["import", file, "--devices", "-1"]), "--devices", "integer >= 0");
    expectBadInput(await runCli(["import", file, "--macs", "1.5"]), "--macs");
    expectBadInput(await runCli(["import", file, "--devices", "0"]), "--devices 0");
    expectBadInput(await runCli(["import", file, "--site", "TOOLONG"]), "--site", "3 letters");
    expectBadInput(await runCli(["import", file, "--name", ""]), "--name");
  });

  it("--clients adds placeholder ConfigMgr clients when the export counts none; the summary says which", async () => {
    const placeholder = await runCli(["import", exportFile("large-site"), "--clients", "200"]);
    expect(placeholder.code, placeholder.stderr).toBe(0);
    const scenario = parseJson(placeholder.stdout) as { devices: { name: string; count: number }[] };
    expect(scenario.devices.map((g) => [g.name, g.count])).toEqual([["configmgr-clients", 200]]);
    expect(placeholder.stderr).toContain(
      "clients: 200 ConfigMgr clients (--clients placeholders: the export counts none)",
    );
    expect(placeholder.stderr).toContain("devices.configmgr-clients.polling");

    const counted = await runCli(["import", exportFile("client-site"), "--clients", "5", "--devices", "0"]);
    expect(counted.code, counted.stderr).toBe(0);
    expect(counted.stderr).toContain("in 4 device groups (--clients not used)");
    expectBadInput(await runCli(["import", exportFile("large-site"), "--clients", "-1"]), "--clients");
  });

  it("the real bin/mdmsim imports the large site", () => {
    const outcome = runBin(["import", exportFile("large-site")]);
    expect(outcome.code, outcome.stderr).toBe(0);
    expect(outcome.stdout).toBe(
      readFileSync(new URL("./golden/large-site.scenario.json", import.meta.url), "utf8"),
    );
  });
});
