// The PowerShell export script, checked statically (no PowerShell on the test machines): it is what
// `mdmsim export-script` prints, it only reads, it is strict, and it writes every key the import reads.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { EXPORT_FORMAT } from "../../src/import/importSite.js";
import { runBin, runCli } from "../helpers/cli.js";

const FILE = fileURLToPath(new URL("../../scripts/Export-MdmSite.ps1", import.meta.url));
const script = readFileSync(FILE, "utf8");
// The code without comment-based help and line comments, for checks that must not match prose.
const code = script.replace(/<#[\s\S]*?#>/g, "").replace(/^\s*#.*$/gm, "");
const help = /<#([\s\S]*?)#>/.exec(script)?.[1] ?? "";

// Verbs of the cmdlets and functions the script may call: reading, converting, output, locations.
const READ_ONLY_VERBS = new Set([
  "ConvertTo",
  "ForEach",
  "Get",
  "Import",
  "Join",
  "Pop",
  "Push",
  "Select",
  "Split",
  "Where",
  "Write",
]);

describe("scripts/Export-MdmSite.ps1", () => {
  it("is what mdmsim export-script prints, in-process and through bin/mdmsim", async () => {
    const outcome = await runCli(["export-script"]);
    expect(outcome.code).toBe(0);
    expect(outcome.stdout).toBe(script);
    expect(outcome.stderr).toBe("");
    expect(runBin(["export-script"]).stdout).toBe(script);
  });

  it("calls no command with a state-changing verb (no Set-, New-, Remove-, Add-, Invoke- …)", () => {
    // Set-StrictMode is the one Set- command: it changes only how this script runs. The SQL is checked below.
    const commands = code.replace(/@'[\s\S]*?'@/g, "").replace("Set-StrictMode -Version Latest", "");
    const verbs = new Set([...commands.matchAll(/\b([A-Z][a-zA-Z]+)-[A-Z][A-Za-z]+\b/g)].map((m) => m[1]));
    expect([...verbs].filter((v) => v !== undefined && !READ_ONLY_VERBS.has(v))).toEqual([]);
    expect(verbs.has("Get")).toBe(true);
    // The only thing written: the export file.
    expect(code.match(/Write[A-Za-z]*\(/g)).toEqual(["WriteAllText("]);
    // SQL: one SELECT, nothing that changes data or runs procedures.
    const sql = /@'([\s\S]*?)'@/.exec(code)?.[1] ?? "";
    expect(sql).toMatch(/^\s*SELECT /);
    expect(sql).not.toMatch(
      /\b(INSERT|UPDATE|DELETE|MERGE|EXEC|EXECUTE|DROP|ALTER|CREATE|TRUNCATE|GRANT)\b/i,
    );
  });

  it("runs strict: StrictMode Latest, errors stop, CmdletBinding and validated parameters", () => {
    expect(code).toMatch(/^Set-StrictMode -Version Latest$/m);
    expect(code).toMatch(/^\$ErrorActionPreference = 'Stop'$/m);
    expect(code).toMatch(/^\[CmdletBinding\(\)\]\s*\nparam\(/m);
    expect(code).toContain("[ValidatePattern('^[A-Za-z0-9]{3}$')]");
  });

  it("documents every parameter in its comment-based help", () => {
    for (const section of [".SYNOPSIS", ".DESCRIPTION", ".EXAMPLE", ".NOTES"])
      expect(help).toContain(section);
    const block = /\bparam\(([\s\S]*?)\n\)/.exec(code)?.[1] ?? "";
    const parameters = [...block.matchAll(/\[(?:string|switch|int)\]\s*\$([A-Za-z]+)/g)].map((m) => m[1]);
    expect(parameters).toEqual([
      "SiteCode",
      "OutFile",
      "SkipReplicaSchedules",
      "SkipClientCounts",
      "SqlTimeoutSeconds",
    ]);
    for (const name of parameters) expect(help).toContain(`.PARAMETER ${name}`);
  });

  it("writes the format mdmsim reads and every key of it", () => {
    expect(code).toContain(`$ExportFormat = '${EXPORT_FORMAT}'`);
    expect(code).toContain("ConvertTo-Json -InputObject ([pscustomobject]$export) -Depth 6");
    for (const key of [
      "siteType",
      "siteRoles",
      "boundaries",
      "boundaryGroups",
      "boundaryGroupMembers",
      "boundaryGroupSiteSystems",
      "replicaSchedules",
      "defaultBoundaryGroup",
      "clientCounts",
    ])
      expect(code, key).toContain(`$export['${key}'] =`);
    expect(code).toContain("[ordered]@{ format = $ExportFormat; siteCode = $SiteCode }");
    for (const cmdlet of [
      "Get-CMSite ",
      "Get-CMSiteRole -AllSite",
      "Get-CMBoundary ",
      "Get-CMBoundaryGroup",
      "Get-CMBoundaryGroupSiteSystem",
      "SMS_BoundaryGroupMembers",
      "freq_subday_interval",
      "FROM SMS_R_System WHERE Client = 1 AND Active = 1 AND Obsolete = 0",
    ])
      expect(code).toContain(cmdlet);
    // Every field of an SMS_SCI_SysResUse row the mapping reads.
    for (const field of [
      "RoleName",
      "SiteCode",
      "NetworkOSPath",
      "NALPath",
      "SslState",
      "Type",
      "Props",
      "PropertyName",
      "Value1",
      "Value2",
    ])
      expect(code).toContain(`${field} `);
  });

  it("counts each group's active clients as import reads them, every new query wrapped so a failure leaves its key out", () => {
    // The rows import reads: { boundaryGroup, groupId, activeClients }, and a row without a group.
    for (const field of ["boundaryGroup = ", "groupId       = ", "activeClients = "])
      expect(code).toContain(field);
    expect(code).toContain("[pscustomobject]@{ boundaryGroup = $null; activeClients = $outside }");
    // The SMS_R_System fields the matching reads, each by Get-FieldValue (StrictMode: a missing one is $null).
    for (const field of ["IPAddresses", "IPSubnets", "ADSiteName", "SMSAssignedSites"])
      expect(code).toContain(`Get-FieldValue $client '${field}'`);
    // The client query runs inside a try whose catch only warns, and -SkipClientCounts skips it.
    const block = code.slice(code.indexOf("if ($SkipClientCounts)"), code.indexOf("Pop-Location"));
    expect(block).toMatch(/try \{\s*\n\s*\$clients = @\(Get-ProviderObject /);
    expect(block).toMatch(/catch \{\s*\n\s*Write-NotReadWarning -What "The active clients/);
    // The site's default boundary group, by its documented name.
    expect(code).toContain("(('Default', 'Site', 'Boundary', 'Group') -join '-') + \"<$SiteCode>\"");
  });

  it("runs on Windows PowerShell 5.1: ASCII only, no operators added in PowerShell 7", () => {
    // Windows PowerShell 5.1 reads a file without a byte order mark in the ANSI code page.
    const codes = Array.from({ length: script.length }, (_, i) => script.charCodeAt(i));
    expect(codes.filter((c) => !(c === 9 || c === 10 || c === 13 || (c >= 32 && c <= 126)))).toEqual([]);
    for (const operator of ["??", "?.", "&&", "||", "-Parallel", "ForEach-Object -Parallel", "$PSStyle"])
      expect(code, operator).not.toContain(operator);
    expect(code).toContain("[System.Text.UTF8Encoding]::new($false)");
  });
});
