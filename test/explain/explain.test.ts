import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { allPaths, declaration, explain } from "../../src/explain/explain.js";
import { RESULT_SCHEMA } from "../../src/explain/resultSchema.js";
import { REASONS } from "../../src/model/reasons.js";
import { loadScenario } from "../../src/scenario/load.js";
import { POLL_PROFILE_NAMES, POLL_PROFILES } from "../../src/scenario/pollProfiles.js";
import { simulate } from "../../src/simulate.js";
import type { StationKind } from "../../src/model/load/stationTally.js";
import { buildRunResult } from "../../src/results/runResult.js";
import { handTally, runWithLoad } from "../helpers/loadTallies.js";

function usageError(work: () => unknown): UsageError {
  try {
    work();
  } catch (error) {
    if (error instanceof UsageError) return error;
    throw error;
  }
  throw new Error("expected a UsageError");
}

/** Every leaf path of plain data, array levels left out (`groups.devices.total`). */
function leafPaths(value: unknown, prefix: string[] = [], out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) leafPaths(item, prefix, out);
  else if (value !== null && typeof value === "object") {
    const entries = Object.entries(value);
    if (entries.length === 0) out.add(prefix.join("."));
    for (const [key, child] of entries) leafPaths(child, [...prefix, key], out);
  } else out.add(prefix.join("."));
  return out;
}

describe("explain on scenario paths", () => {
  const paths = allPaths(declaration("scenario")).map((p) => p.join("."));

  it("explains every path of the declaration with a type, a meaning and its documentation", () => {
    expect(paths.length).toBeGreaterThan(75);
    for (const path of paths) {
      const text = explain("scenario", path);
      expect(text.split("\n")[0]).toBe(path);
      expect(text).toMatch(/\n {2}type {6}\S/);
      expect(text).toMatch(/\n {2}meaning {3}\S/);
      expect(text).toMatch(/\n {2}default {3}\S/);
      expect(text).toContain(`docs      docs/scenario.md#`);
    }
  });

  it("shows a field's default, allowed values and meaning", () => {
    const text = explain("scenario", "site.servers.roles.managementPoint.connections");
    expect(text).toContain('default   "intranet"');
    expect(text).toContain('allowed   "intranet", "internet", "intranetAndInternet"');
    expect(text).toContain("Allow intranet-only connections");
    expect(explain("scenario", "devices.enrollment.pattern")).toContain('default   "uniform"');
    expect(explain("scenario", "devices.count")).toContain("default   none (required)");
  });

  it("lists each poll profile of devices.polling with its phases and source", () => {
    const text = explain("scenario", "devices.polling");
    expect(text).toContain("  type      string or array of objects, at least 1\n");
    expect(text).toContain('Absent: windows "configmgr-assumed", macos "configmgr-client"');
    const values = text.slice(text.indexOf("\n  values\n"), text.indexOf("\n  fields\n"));
    const blocks = values.split(/\n {4}(?=")/).slice(1);
    expect(blocks.map((b) => b.split("\n")[0])).toEqual(
      POLL_PROFILE_NAMES.map((name) => JSON.stringify(name)),
    );
    const phases = [
      "Polls every 3m until 15m, then every 1h. An assumption, not Windows' own default",
      "Polls every 3m until 15m, every 15m until 2h15m, then every 8h",
      "Polls every 15m until 2h30m, then every 1h",
      "Polls every 1h",
    ];
    blocks.forEach((block, i) => {
      const words = block.split("\n").slice(1).join(" ").replace(/\s+/g, " ");
      expect(words).toContain(phases[i]);
      expect(words).toContain(`Source: ${POLL_PROFILES[POLL_PROFILE_NAMES[i]!].source}`);
    });
    // The result's pollingProfile is declared with the same names.
    expect(explain("result", "groups.pollingProfile")).toContain(
      'allowed   "configmgr-assumed", "intune-estimate", "dmclient-default", "configmgr-client", null',
    );
  });

  it("explains the load model's fields: capacities, service times, syncCost, requestTimeout", () => {
    const serviceTime = explain("scenario", "site.servers.0.roles.managementPoint.capacity.serviceTime");
    expect(serviceTime.split("\n")[0]).toBe("site.servers.roles.managementPoint.capacity.serviceTime");
    expect(serviceTime).toContain("type      duration > 0 or { mean, distribution }");
    expect(serviceTime).toContain("default   none (required)");
    expect(serviceTime).toMatch(/\n {4}mean +duration > 0 +The mean time/);
    expect(serviceTime).toMatch(/\n {4}distribution +string +"constant" \(always the mean\)/);
    expect(serviceTime).toMatch(/\n {4}cv +number > 0 +The coefficient of variation/);
    expect(serviceTime).toContain(
      "docs      docs/scenario.md#siteserversrolesmanagementpointcapacityservicetime",
    );
    const timeout = explain("scenario", "devices.requestTimeout");
    expect(timeout).toContain('type      duration > 0\n  default   "60s"');
    expect(timeout).toContain("request-timeout");
    const syncCost = explain("scenario", "site.replicas.0.syncCost");
    expect(syncCost).toContain('type      duration\n  default   "0s"');
    expect(syncCost).toContain("site-database worker");
    const database = explain("scenario", "site.database.capacity");
    expect(database).toContain("default   none (optional)");
    expect(database).toMatch(/\n {4}workers +integer ≥ 1 /);
    expect(database).toMatch(/\n {4}queueLimit +integer ≥ 0 /);
    expect(explain("scenario", "site.replicas.replica1.capacity.workers")).toContain("type      integer ≥ 1");
    // The apply delay is a random time too.
    expect(explain("scenario", "site.replicas.applyDelay")).toContain(
      "type      duration or { mean, distribution }",
    );
  });

  it("takes an index or an element's name where array levels are written", () => {
    const plain = explain("scenario", "site.replicas.syncInterval");
    expect(explain("scenario", "site.replicas.0.syncInterval")).toBe(plain);
    expect(explain("scenario", "site.replicas.replica1.syncInterval")).toBe(plain);
  });

  it("lists the top-level fields without a path", () => {
    const text = explain("scenario", undefined);
    for (const field of ["name", "duration", "site", "devices", "expectations"]) {
      expect(text).toMatch(new RegExp(`\\n {2}${field} `));
    }
  });

  it("refuses a path that names nothing, with the nearest valid paths", () => {
    expect(usageError(() => explain("scenario", "site.replica.syncInterval")).message).toBe(
      'explain site.replica.syncInterval: "site.replica" names nothing in a scenario; did you mean site.replicas.syncInterval?',
    );
    expect(usageError(() => explain("scenario", "devcies")).message).toContain("did you mean devices");
    // An unknown first segment is the one named (it once quoted an empty path).
    expect(usageError(() => explain("scenario", "foo.bar")).message).toMatch(
      /^explain foo\.bar: "foo" names nothing in a scenario; did you mean /,
    );
    expect(usageError(() => explain("result", "foo")).message).toMatch(
      /^explain --result foo: "foo" names nothing in the result/,
    );
  });
});

describe("explain on result paths", () => {
  it("explains a count by reason with the reason's meaning", () => {
    const text = explain("result", "attempts.failedByReason.device-not-in-replica");
    expect(text).toContain("type      integer ≥ 0");
    expect(text).toContain("the DMP reads a replica that has not yet");
  });

  it("explains a load path with a server name in it, or with the name left out", () => {
    const named = explain("result", "load.managementPoints.cm01.corp.contoso.com.utilisation");
    expect(named.split("\n")[0]).toBe("load.managementPoints.utilisation");
    expect(named).toContain("Busy worker-seconds inside the run / (workers × the run's duration)");
    expect(named).toContain("docs/results.md#loadmanagementpointsutilisation");
    expect(explain("result", "load.databases.waitSeconds.p99")).toContain("The 99th percentile, seconds");
    const databases = explain("result", "load.databases");
    expect(databases).toContain("type      objects by name");
    expect(databases).toMatch(/\n {4}utilisation +number/);
    expect(usageError(() => explain("result", "load.databases.site.utilisaton")).message).toContain(
      "did you mean load.databases.utilisation",
    );
  });

  it("explains content.neverServed", () => {
    const text = explain("result", "content.neverServed");
    expect(text.split("\n")[0]).toBe("content.neverServed");
    expect(text).toContain("type      integer ≥ 0");
    expect(text).toContain("Devices that asked for content and never got it during the run");
    expect(text).toContain("docs/results.md#contentneverserved");
  });

  it("refuses a path that names nothing in the result", () => {
    expect(usageError(() => explain("result", "timeToFirstSucessSeconds.p99")).message).toContain(
      "did you mean timeToFirstSuccessSeconds.p99",
    );
  });

  it("declares every field the run document has, and nothing it never has", () => {
    const folder = new URL("../../scenarios/", import.meta.url);
    const produced = new Set<string>();
    for (const file of readdirSync(folder).filter((f) => f.endsWith(".json"))) {
      const scenario = loadScenario(readFileSync(new URL(file, folder), "utf8"));
      const device = `${scenario.devices[0]?.name ?? ""}-1`;
      const {
        load: bundledLoad,
        deployments,
        ...result
      } = simulate(scenario, { perDevice: true, trace: device });
      for (const path of leafPaths(result)) produced.add(path);
      // `deployments` is keyed by the deployment's name: that level is left out too.
      for (const entry of Object.values(deployments ?? {})) leafPaths(entry, ["deployments"], produced);
      // `load` is keyed by server name: its level is left out like a list's (as below).
      for (const [section, entries] of Object.entries(bundledLoad ?? {}) as [
        string,
        Record<string, unknown>,
      ][])
        for (const entry of Object.values(entries)) leafPaths(entry, ["load", section], produced);
    }
    // A run with a finite server of each kind brings every section of `load`, whose entries are keyed by
    // server name, a level left out like a list's.
    const kinds = [
      "managementPoint",
      "enrollmentProxyPoint",
      "enrollmentPoint",
      "distributionPoint",
      "database",
    ];
    const stations = kinds.map((kind, i) =>
      handTally(kind as StationKind, `server${i}.corp.contoso.com`, 2, 3600, { waits: [1], responses: [2] }),
    );
    const { load } = buildRunResult(runWithLoad(stations));
    expect(load).toBeDefined();
    for (const [section, entries] of Object.entries(load ?? {}) as [string, Record<string, unknown>][])
      for (const entry of Object.values(entries)) leafPaths(entry, ["load", section], produced);
    const declared = new Set(allPaths(RESULT_SCHEMA).map((p) => p.join(".")));
    // Maps by reason and the histogram hold data-dependent keys: their parent is what is declared.
    const undeclared = [...produced].filter(
      (p) => !declared.has(p) && !declared.has(p.split(".").slice(0, -1).join(".")),
    );
    expect(undeclared).toEqual([]);
    const leaves = [...declared].filter((p) => ![...declared].some((q) => q.startsWith(`${p}.`)));
    const reasonKey = new RegExp(`\\.(${REASONS.join("|")})$`);
    const unseen = leaves.filter(
      (p) => !reasonKey.test(p) && ![...produced].some((q) => q === p || q.startsWith(`${p}.`)),
    );
    expect(unseen).toEqual([]);
  });
});

describe("explain's field list", () => {
  it("keeps a long type apart from its meaning: the columns are as wide as their widest entry", () => {
    const text = explain("scenario", undefined);
    const line = text.split("\n").find((l) => l.trimStart().startsWith("devices ")) ?? "";
    expect(line).toMatch(/array of objects, at least 1 {2,}The device groups/);
    const other = text.split("\n").find((l) => l.trimStart().startsWith("seed ")) ?? "";
    expect(other.indexOf("The master seed")).toBe(line.indexOf("The device groups"));
  });

  it("fits a width it is given", () => {
    for (const width of [80, 120])
      for (const line of explain("scenario", undefined, width).split("\n"))
        expect(line.length, line).toBeLessThanOrEqual(width);
  });
});
