// Probe targets from a scenario, `--resolve`, `--timeout`, PEM blocks and bounded concurrency.
import { describe, expect, it } from "vitest";
import { UsageError } from "../../src/errors.js";
import { mapWithConcurrency } from "../../src/probe/concurrency.js";
import { pemCertificates } from "../../src/probe/pem.js";
import { planProbes } from "../../src/probe/plan.js";
import { parseResolveOptions } from "../../src/probe/resolve.js";
import { probeHosts, probeTargets } from "../../src/probe/targets.js";
import { parseProbeTimeout } from "../../src/probe/timeout.js";
import { loadScenario } from "../../src/scenario/load.js";
import type { ScenarioInput } from "../../src/scenario/schema.js";
import { singleServer } from "../helpers/scenarios.js";

/** A site of one enrollment point named `name`. */
function oneServer(name: string) {
  const input = {
    name: "one",
    duration: "1h",
    site: { servers: [{ name, roles: { enrollmentPoint: { https: true } } }] },
    devices: [{ name: "w", platform: "windows", count: 1, addresses: "10.0.0.0/24" }],
  } as ScenarioInput;
  return loadScenario(input);
}

describe("probeTargets", () => {
  it("gives each role its paths, in reach's column order", () => {
    const targets = probeTargets(singleServer({}));
    expect(targets.map((t) => [t.role, t.url, t.check])).toEqual([
      [
        "enrollmentProxyPoint",
        "https://cm01.corp.contoso.com/EnrollmentServer/Discovery.svc",
        "enrollmentDiscovery",
      ],
      ["enrollmentPoint", "https://cm01.corp.contoso.com/", "anyAnswer"],
      ["distributionPoint", "https://cm01.corp.contoso.com/", "anyAnswer"],
      ["managementPoint", "https://cm01.corp.contoso.com/SMS_MP/.sms_aut?MPLIST", "mplist"],
      ["managementPoint", "https://cm01.corp.contoso.com/SMS_MP/.sms_aut?MPCERT", "mpcert"],
    ]);
    expect(probeHosts(targets)).toEqual(new Set(["cm01.corp.contoso.com"]));
  });

  it("probes a short name as written (the model judges name-not-fqdn), and never a name that is not a host", () => {
    const short = probeTargets(oneServer("CM01"));
    expect(short[0]?.host).toBe("cm01");
    expect(short[0]?.url).toBe("https://cm01/");
    const odd = probeTargets(oneServer("cm01.corp.contoso.com:8443/x"));
    expect(odd.every((t) => t.host === null)).toBe(true);
    expect(probeHosts(odd).size).toBe(0);
  });
});

describe("parseResolveOptions", () => {
  const hosts = new Set(["cm01.corp.contoso.com", "cm02.corp.contoso.com"]);

  it("reads NAME=IP, NAME=IP:PORT, IPv6 with and without a port; names are case-insensitive", () => {
    const map = parseResolveOptions(
      ["CM01.corp.contoso.com=10.1.0.5", "cm02.corp.contoso.com=[::1]:8443"],
      hosts,
    );
    expect(map.get("cm01.corp.contoso.com")).toEqual({
      name: "cm01.corp.contoso.com",
      address: "10.1.0.5",
      family: 4,
      port: undefined,
    });
    expect(map.get("cm02.corp.contoso.com")).toEqual({
      name: "cm02.corp.contoso.com",
      address: "::1",
      family: 6,
      port: 8443,
    });
    expect(
      parseResolveOptions(["cm01.corp.contoso.com=fe80::1"], hosts).get("cm01.corp.contoso.com")?.family,
    ).toBe(6);
    expect(
      parseResolveOptions(["cm01.corp.contoso.com=127.0.0.1:1"], hosts).get("cm01.corp.contoso.com")?.port,
    ).toBe(1);
  });

  it.each([
    ["cm01.corp.contoso.com", "expected NAME=IP"],
    ["=10.0.0.1", "expected NAME=IP"],
    ["cm01.corp.contoso.com=", "expected NAME=IP"],
    ["cm01.corp.contoso.com=10.1", '"10.1" is not an IPv4 address'],
    ["cm01.corp.contoso.com=host.example", "is not an IPv4 address"],
    ["cm01.corp.contoso.com=10.0.0.1:0", "expected a port 1-65535"],
    ["cm01.corp.contoso.com=10.0.0.1:65536", "expected a port 1-65535"],
    ["cm01.corp.contoso.com=10.0.0.1:http", "expected a port 1-65535"],
    ["cm01.corp.contoso.com=[10.0.0.1]:443", "is not an IPv6 address"],
    ["other.example.com=10.0.0.1", '"other.example.com" is not a server of the scenario'],
  ])("rejects %j: %s", (value, message) => {
    expect(() => parseResolveOptions([value], hosts)).toThrow(UsageError);
    expect(() => parseResolveOptions([value], hosts)).toThrow(message);
  });

  it("rejects a name given twice and names the option", () => {
    expect(() =>
      parseResolveOptions(["cm01.corp.contoso.com=10.0.0.1", "cm01.corp.contoso.com=10.0.0.2"], hosts),
    ).toThrow('--resolve cm01.corp.contoso.com=10.0.0.2: "cm01.corp.contoso.com" is given more than once');
  });
});

describe("parseProbeTimeout and planProbes", () => {
  it("takes durations and seconds, in whole milliseconds", () => {
    expect(parseProbeTimeout("5s")).toBe(5000);
    expect(parseProbeTimeout("250ms")).toBe(250);
    expect(parseProbeTimeout("1m")).toBe(60_000);
    expect(parseProbeTimeout(2)).toBe(2000);
    expect(parseProbeTimeout("1.5")).toBe(1500);
  });

  it.each(["0s", "soon", "-1s", "11m"])("rejects %j as --timeout", (value) => {
    expect(() => parseProbeTimeout(value)).toThrow(/^--timeout: expected/);
  });

  it("checks every option before anything is contacted", () => {
    const scenario = singleServer({});
    expect(() => planProbes(scenario, [], "later")).toThrow(UsageError);
    expect(() => planProbes(scenario, ["x=1.2.3.4"], "5s")).toThrow(UsageError);
    const plan = planProbes(scenario, ["cm01.corp.contoso.com=127.0.0.1:8443"], "5s");
    expect(plan.timeoutMs).toBe(5000);
    expect(plan.targets).toHaveLength(5);
    expect(plan.resolve.get("cm01.corp.contoso.com")?.port).toBe(8443);
  });

  it("plans nothing for a scenario whose servers have no probe-able name", () => {
    const plan = planProbes(oneServer("not a host"), [], "1s");
    expect(plan.hosts.size).toBe(0);
    expect(plan.targets[0]?.host).toBeNull();
  });
});

describe("pemCertificates", () => {
  it("finds every certificate block and ignores keys and text", () => {
    const cert = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----";
    const text = `subject=CN=x\n${cert}\n-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n${cert}\r\n`;
    expect(pemCertificates(text)).toEqual([`${cert}\n`, `${cert}\n`]);
    expect(pemCertificates("nothing here")).toEqual([]);
  });
});

describe("mapWithConcurrency", () => {
  it("keeps at most `limit` calls in flight and the items' order", async () => {
    let inFlight = 0;
    let most = 0;
    const out = await mapWithConcurrency([5, 1, 4, 2, 3, 0, 1], 3, async (n, i) => {
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((r) => setTimeout(r, n));
      inFlight -= 1;
      return `${i}:${n}`;
    });
    expect(out).toEqual(["0:5", "1:1", "2:4", "3:2", "4:3", "5:0", "6:1"]);
    expect(most).toBeLessThanOrEqual(3);
  });

  it("rejects with the first failure and starts nothing after it", async () => {
    const started: number[] = [];
    await expect(
      mapWithConcurrency([0, 1, 2, 3, 4], 1, (n) => {
        started.push(n);
        return n === 1 ? Promise.reject(new Error("bad")) : Promise.resolve(n);
      }),
    ).rejects.toThrow("bad");
    expect(started).toEqual([0, 1]);
  });

  it("rejects a limit below 1", async () => {
    await expect(mapWithConcurrency([1], 0, (n) => Promise.resolve(n))).rejects.toThrow(RangeError);
  });
});
