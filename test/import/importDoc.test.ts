// docs/import.md gives every key of the export file with its row shape, and the format value.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { EXPORT_FORMAT } from "../../src/import/importSite.js";
import { REPLICA_SCHEDULE_SHAPE } from "../../src/import/replicas.js";

const doc = readFileSync("docs/import.md", "utf8");
const section = doc.slice(
  doc.indexOf("### The export file, key by key"),
  doc.indexOf("### Counting the active clients"),
);
const row = (key: string) => section.split("\n").find((line) => line.startsWith(`| \`${key}\` |`));

describe("docs/import.md", () => {
  it("has a row for every key of the export, array keys with the properties of a row", () => {
    expect(section.length).toBeGreaterThan(100);
    const arrays = [
      "siteRoles",
      "boundaries",
      "boundaryGroups",
      "boundaryGroupMembers",
      "boundaryGroupSiteSystems",
    ];
    for (const key of [...arrays, "replicaSchedules", "clientCounts"])
      expect(row(key)).toMatch(/\| `\{ [^}]+\}`/);
    for (const key of ["format", "siteCode", "siteType", "defaultBoundaryGroup"])
      expect(row(key)).toBeDefined();
    expect(row("format")).toContain(`"${EXPORT_FORMAT}"`);
    expect(row("replicaSchedules")).toContain(`\`${REPLICA_SCHEDULE_SHAPE}\``);
    expect(section).toContain("is **malformed**");
  });
});
