import { describe, expect, it } from "vitest";
import { loadScenario } from "../../src/scenario/load.js";
import { ConnectionsSchema, ScenarioSchema, showValue } from "../../src/scenario/schema.js";
import {
  baselineData,
  baselineWith,
  minimalData,
  pushAt,
  setAt,
  SPEC_EXAMPLE_TEXT,
  type Data,
} from "./helpers.js";

const SERVER = "cm01.corp.contoso.com";

/** A minimal scenario whose only server carries `roles` (and `extra` server fields). */
function withServer(roles: Data, extra: Data = {}): Data {
  const data = minimalData();
  setAt(data, ["site", "servers", 0], { name: SERVER, roles, ...extra });
  return data;
}

describe("ScenarioSchema", () => {
  it("accepts the bundled baseline scenario", () => {
    expect(ScenarioSchema.safeParse(baselineData()).success).toBe(true);
  });

  it("accepts the example of scenario.md, which shows every field", () => {
    expect(ScenarioSchema.safeParse(JSON.parse(SPEC_EXAMPLE_TEXT)).success).toBe(true);
  });

  it("gives the same scenario as loadScenario", () => {
    expect(ScenarioSchema.parse(baselineData())).toStrictEqual(loadScenario(baselineData()));
  });

  it("reports a cross-reference problem as an issue at its path", () => {
    const result = ScenarioSchema.safeParse(
      baselineWith(["site", "servers", 0, "roles", "managementPoint", "database"], "replica9"),
    );
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.path)).toEqual([
      ["site", "servers", 0, "roles", "managementPoint", "database"],
    ]);
  });

  it("parses without compiling code: zod's JIT is off for every object schema, the device group's too", () => {
    // zod compiles an object schema built while its JIT is on with \`new Function\` on its first parses. A
    // process parses a scenario once or a few hundred times, where compiling costs more than it saves.
    const compiled: string[] = [];
    const real = globalThis.Function;
    globalThis.Function = new Proxy(real, {
      construct(target, args: unknown[]) {
        compiled.push(String(args.at(-1)).slice(0, 60));
        return Reflect.construct(target, args) as object;
      },
    });
    try {
      for (let i = 0; i < 3; i++) ScenarioSchema.parse(baselineData());
      ScenarioSchema.parse(JSON.parse(SPEC_EXAMPLE_TEXT));
    } finally {
      globalThis.Function = real;
    }
    expect(compiled).toEqual([]);
  });

  it("does not modify its input", () => {
    const input = baselineData();
    const copy = structuredClone(input);
    ScenarioSchema.parse(input);
    expect(input).toStrictEqual(copy);
  });
});

describe("scenario defaults (scenario.md, Fields)", () => {
  describe("top level", () => {
    const scenario = loadScenario(minimalData());

    it('defaults description to ""', () => {
      expect(scenario.description).toBe("");
    });

    it("defaults seed to 1", () => {
      expect(scenario.seed).toBe(1);
    });

    it('defaults start to "2026-01-01T00:00:00Z"', () => {
      expect(scenario.start).toBe("2026-01-01T00:00:00Z");
    });

    it("defaults expectations to []", () => {
      expect(scenario.expectations).toEqual([]);
    });

    it("keeps name and duration as given (duration in seconds)", () => {
      expect(scenario.name).toBe("minimal");
      expect(scenario.duration).toBe(3600);
    });
  });

  describe("site", () => {
    const { site } = loadScenario(minimalData());

    it('defaults code to "PS1"', () => {
      expect(site.code).toBe("PS1");
    });

    it("defaults type to primary", () => {
      expect(site.type).toBe("primary");
    });

    it("defaults replicas, boundaries and boundaryGroups to []", () => {
      expect(site.replicas).toEqual([]);
      expect(site.boundaries).toEqual([]);
      expect(site.boundaryGroups).toEqual([]);
    });

    it("accepts a secondary site", () => {
      const data = minimalData();
      setAt(data, ["site", "type"], "secondary");
      expect(loadScenario(data).site.type).toBe("secondary");
    });

    it("accepts any three letters or digits as the code", () => {
      for (const code of ["PS1", "CAS", "a1B", "123"]) {
        const data = minimalData();
        setAt(data, ["site", "code"], code);
        expect(loadScenario(data).site.code).toBe(code);
      }
    });
  });

  describe("replica", () => {
    function replica(fields: Data) {
      const data = minimalData();
      setAt(data, ["site", "replicas"], [{ name: "replica1", ...fields }]);
      return loadScenario(data).site.replicas[0]!;
    }

    it('defaults syncInterval to "5m", applyDelay to "0s" and outages to []', () => {
      const r = replica({});
      expect(r.syncInterval).toBe(300);
      expect(r.applyDelay).toBe(0);
      expect(r.outages).toEqual([]);
    });

    it("leaves syncOffset absent when it is not given (it is drawn)", () => {
      expect(replica({}).syncOffset).toBeUndefined();
    });

    it("reads syncOffset, applyDelay and outages as durations", () => {
      const r = replica({
        syncInterval: "15m",
        syncOffset: "2m",
        applyDelay: "30s",
        outages: [{ from: "30m", to: "45m" }],
      });
      expect(r).toEqual({
        name: "replica1",
        syncInterval: 900,
        syncOffset: 120,
        applyDelay: 30,
        outages: [{ from: 1800, to: 2700 }],
        serverOutages: [],
        syncCost: 0,
      });
    });

    it("accepts syncOffset just below syncInterval, and 0", () => {
      expect(replica({ syncInterval: "5m", syncOffset: "4m59s" }).syncOffset).toBe(299);
      expect(replica({ syncOffset: 0 }).syncOffset).toBe(0);
    });
  });

  describe("server", () => {
    it("defaults outages to [] and leaves internetFqdn absent", () => {
      const server = loadScenario(minimalData()).site.servers[0]!;
      expect(server.outages).toEqual([]);
      expect(server.internetFqdn).toBeUndefined();
    });

    it("leaves an absent certificate absent (a certificate every device trusts)", () => {
      expect(loadScenario(minimalData()).site.servers[0]!.certificate).toBeUndefined();
    });

    it("keeps certificate null (no certificate bound)", () => {
      const data = withServer({ managementPoint: { https: true } }, { certificate: null });
      expect(loadScenario(data).site.servers[0]!.certificate).toBeNull();
    });

    it('defaults the certificate crl to "http"', () => {
      const data = withServer(
        { managementPoint: { https: true } },
        { certificate: { issuer: "Contoso Root CA" } },
      );
      expect(loadScenario(data).site.servers[0]!.certificate?.crl).toBe("http");
    });

    it("keeps an ldap crl", () => {
      const data = withServer(
        { managementPoint: { https: true } },
        { certificate: { issuer: "Contoso Root CA", crl: "ldap" } },
      );
      expect(loadScenario(data).site.servers[0]!.certificate?.crl).toBe("ldap");
    });

    it("defaults the certificate names to [name] when the server has no internetFqdn", () => {
      const data = withServer(
        { managementPoint: { https: true } },
        { certificate: { issuer: "Contoso Root CA" } },
      );
      expect(loadScenario(data).site.servers[0]!.certificate?.names).toEqual([SERVER]);
    });

    it("defaults the certificate names to [name, internetFqdn]", () => {
      const data = withServer(
        { managementPoint: { https: true } },
        { internetFqdn: "cm01.contoso.com", certificate: { issuer: "Contoso Root CA" } },
      );
      expect(loadScenario(data).site.servers[0]!.certificate?.names).toEqual([SERVER, "cm01.contoso.com"]);
    });

    it("keeps explicit certificate names and validity", () => {
      const certificate = {
        issuer: "Contoso Root CA",
        names: ["cm01.contoso.com"],
        notBefore: "2025-06-01T00:00:00Z",
        notAfter: "2027-06-01T00:00:00+02:00",
        crl: "http",
      };
      const data = withServer({ managementPoint: { https: true } }, { certificate });
      expect(loadScenario(data).site.servers[0]!.certificate).toEqual(certificate);
    });

    it("reads server outages as durations", () => {
      const data = withServer(
        { managementPoint: { https: true } },
        { outages: [{ from: "1h", to: "1h30m" }] },
      );
      expect(loadScenario(data).site.servers[0]!.outages).toEqual([{ from: 3600, to: 5400 }]);
    });
  });

  describe("roles", () => {
    function rolesOf(roles: Data) {
      return loadScenario(withServer(roles)).site.servers[0]!.roles;
    }

    it("defaults the enrollment point's https to true", () => {
      expect(rolesOf({ enrollmentPoint: {} }).enrollmentPoint).toEqual({ https: true });
    });

    it("defaults the enrollment proxy point's https to true and connections to intranet", () => {
      expect(rolesOf({ enrollmentProxyPoint: {} }).enrollmentProxyPoint).toEqual({
        https: true,
        connections: "intranet",
      });
    });

    it("defaults the distribution point's connections to intranet and allowMobileDevices to false", () => {
      expect(rolesOf({ distributionPoint: { https: true } }).distributionPoint).toEqual({
        https: true,
        connections: "intranet",
        allowMobileDevices: false,
      });
    });

    it('defaults the management point\'s connections to intranet, allowMobileDevicesAndMacs to false and database to "site"', () => {
      expect(rolesOf({ managementPoint: { https: false } }).managementPoint).toEqual({
        https: false,
        connections: "intranet",
        allowMobileDevicesAndMacs: false,
        database: "site",
      });
    });

    it("leaves roles that are not configured absent", () => {
      const roles = rolesOf({ managementPoint: { https: true } });
      expect(roles.enrollmentPoint).toBeUndefined();
      expect(roles.enrollmentProxyPoint).toBeUndefined();
      expect(roles.distributionPoint).toBeUndefined();
    });

    it("accepts every documented connections value on every role that has one", () => {
      for (const connections of ["intranet", "internet", "intranetAndInternet"] as const) {
        const roles = rolesOf({
          enrollmentProxyPoint: { connections },
          distributionPoint: { https: true, connections },
          managementPoint: { https: true, connections },
        });
        expect(roles.enrollmentProxyPoint?.connections).toBe(connections);
        expect(roles.distributionPoint?.connections).toBe(connections);
        expect(roles.managementPoint?.connections).toBe(connections);
      }
    });

    it("reads a management point's database as a replica name", () => {
      const data = withServer({ managementPoint: { https: true, database: "replica1" } });
      setAt(data, ["site", "replicas"], [{ name: "replica1" }]);
      expect(loadScenario(data).site.servers[0]!.roles.managementPoint?.database).toBe("replica1");
    });
  });

  describe("boundaries", () => {
    it("accepts every documented boundary type", () => {
      const data = minimalData();
      const boundaries = [
        { name: "range", type: "ipv4Range", value: "10.1.0.1-10.1.255.254" },
        { name: "cidr", type: "ipv4Range", value: "10.2.0.0/16" },
        { name: "subnet", type: "ipSubnet", value: "10.3.0.0" },
        { name: "ad", type: "adSite", value: "Default-First-Site-Name" },
        { name: "v6", type: "ipv6Prefix", value: "fe80::" },
        { name: "vpn", type: "vpn", value: "Contoso VPN" },
      ];
      setAt(data, ["site", "boundaries"], boundaries);
      setAt(
        data,
        ["site", "boundaryGroups"],
        [{ name: "All", boundaries: ["range", "ad"], servers: [SERVER] }],
      );
      const { site } = loadScenario(data);
      expect(site.boundaries).toEqual(boundaries);
      expect(site.boundaryGroups).toEqual([{ name: "All", boundaries: ["range", "ad"], servers: [SERVER] }]);
    });
  });

  describe("device group", () => {
    function group(fields: Data) {
      return loadScenario(minimalData({ name: "g", count: 1, ...fields })).devices[0]!;
    }

    it("defaults location to intranet", () => {
      expect(group({ platform: "macos" }).location).toBe("intranet");
    });

    it('defaults firstPollDelay and jitter to "0s" and content to false', () => {
      const g = group({ platform: "macos" });
      expect(g.firstPollDelay).toBe(0);
      expect(g.jitter).toBe(0);
      expect(g.content).toBe(false);
    });

    it("leaves trustedRoots, managementPoint and addresses absent when not given", () => {
      const g = group({ platform: "macos" });
      expect(g.trustedRoots).toBeUndefined();
      expect(g.managementPoint).toBeUndefined();
      expect(g.addresses).toBeUndefined();
    });

    it('defaults enrollment to { pattern: "uniform", from: "0s", to: "1h" } with delay "0s", retryAfter "10m", maxAttempts 3', () => {
      expect(group({ platform: "macos" }).enrollment).toEqual({
        pattern: "uniform",
        from: 0,
        to: 3600,
        delay: 0,
        retryAfter: 600,
        maxAttempts: 3,
      });
    });

    it("fills the enrollment fields that are not given", () => {
      expect(group({ platform: "macos", enrollment: { pattern: "uniform", to: "2h" } }).enrollment).toEqual({
        pattern: "uniform",
        from: 0,
        to: 7200,
        delay: 0,
        retryAfter: 600,
        maxAttempts: 3,
      });
    });

    it("reads the even pattern with its from and to", () => {
      expect(
        group({ platform: "macos", enrollment: { pattern: "even", from: "5m", to: "2h15m" } }).enrollment,
      ).toEqual({ pattern: "even", from: 300, to: 8100, delay: 0, retryAfter: 600, maxAttempts: 3 });
    });

    it("reads the burst pattern with its at", () => {
      expect(group({ platform: "macos", enrollment: { pattern: "burst", at: "10m" } }).enrollment).toEqual({
        pattern: "burst",
        at: 600,
        delay: 0,
        retryAfter: 600,
        maxAttempts: 3,
      });
    });

    it("reads the poisson pattern with its from and ratePerMinute", () => {
      expect(
        group({ platform: "macos", enrollment: { pattern: "poisson", from: "5m", ratePerMinute: 2.5 } })
          .enrollment,
      ).toEqual({
        pattern: "poisson",
        from: 300,
        ratePerMinute: 2.5,
        delay: 0,
        retryAfter: 600,
        maxAttempts: 3,
      });
    });

    it("reads delay, retryAfter and maxAttempts", () => {
      expect(
        group({
          platform: "macos",
          enrollment: { pattern: "burst", at: 0, delay: "1m", retryAfter: "30m", maxAttempts: 1 },
        }).enrollment,
      ).toEqual({ pattern: "burst", at: 0, delay: 60, retryAfter: 1800, maxAttempts: 1 });
    });

    it("keeps the given polling schedule in seconds", () => {
      expect(
        group({ platform: "macos", polling: [{ every: "1m", until: "10m" }, { every: "15m" }] }).polling,
      ).toEqual([{ every: 60, until: 600 }, { every: 900 }]);
    });

    it("keeps explicit connectionRetries", () => {
      expect(
        group({ platform: "macos", connectionRetries: { count: 2, initialBackoff: "30s", on: "any" } })
          .connectionRetries,
      ).toEqual({ count: 2, initialBackoff: 30, on: "any" });
    });

    it("reads content, trustedRoots and location as given", () => {
      const g = group({
        platform: "macos",
        content: true,
        trustedRoots: ["Contoso Root CA"],
        location: "internet",
      });
      expect(g.content).toBe(true);
      expect(g.trustedRoots).toEqual(["Contoso Root CA"]);
      expect(g.location).toBe("internet");
    });
  });

  describe("platform defaults", () => {
    const windows = loadScenario(
      minimalData({ name: "w", platform: "windows", count: 1, addresses: "10.1.2.1-10.1.5.254" }),
    ).devices[0]!;
    const macos = loadScenario(minimalData({ name: "m", platform: "macos", count: 1 })).devices[0]!;

    it('gives Windows groups the polling [{every:"3m", until:"15m"}, {every:"60m"}]', () => {
      expect(windows.polling).toEqual([{ every: 180, until: 900 }, { every: 3600 }]);
    });

    it("leaves no until on the last entry of the Windows groups' default (configmgr-assumed)", () => {
      expect(windows.polling[1]).not.toHaveProperty("until");
    });

    it('gives Windows groups the connectionRetries {count: 3, initialBackoff: "16s", on: "connection"}', () => {
      expect(windows.connectionRetries).toEqual({ count: 3, initialBackoff: 16, on: "connection" });
    });

    it('gives macOS groups the polling [{every:"60m"}]', () => {
      expect(macos.polling).toEqual([{ every: 3600 }]);
      expect(macos.polling[0]).not.toHaveProperty("until");
    });

    it("gives macOS groups connectionRetries with count 0", () => {
      expect(macos.connectionRetries.count).toBe(0);
    });

    it("fills the connectionRetries fields that are not given from the platform's default", () => {
      const g = loadScenario(
        minimalData({
          name: "w",
          platform: "windows",
          count: 1,
          addresses: "10.1.2.0/24",
          connectionRetries: { count: 5 },
        }),
      ).devices[0]!;
      expect(g.connectionRetries).toEqual({ count: 5, initialBackoff: 16, on: "connection" });
    });

    it("applies each group's own platform defaults in a mixed scenario", () => {
      const data = baselineData();
      pushAt(data, ["devices"], { name: "macs", platform: "macos", count: 10, location: "internet" });
      const [win, mac] = loadScenario(data).devices;
      expect(win!.polling).toEqual([{ every: 180, until: 900 }, { every: 3600 }]);
      expect(mac!.polling).toEqual([{ every: 3600 }]);
      expect(win!.connectionRetries.count).toBe(3);
      expect(mac!.connectionRetries.count).toBe(0);
    });

    it("uses an explicit polling schedule instead of the platform default", () => {
      const g = loadScenario(
        minimalData({
          name: "w",
          platform: "windows",
          count: 1,
          addresses: "10.1.2.0/24",
          polling: [{ every: "8h" }],
        }),
      ).devices[0]!;
      expect(g.polling).toEqual([{ every: 28_800 }]);
    });
  });
});

describe("durations in scenarios", () => {
  it.each([
    ["250ms", 0.25],
    ["30s", 30],
    ["5m", 300],
    ["2h", 7200],
    ["1d", 86_400],
    ["2h15m", 8100],
  ])("reads %j as %d seconds", (text, seconds) => {
    expect(loadScenario(baselineWith(["duration"], text)).duration).toBe(seconds);
    expect(loadScenario(baselineWith(["devices", 0, "jitter"], text)).devices[0]!.jitter).toBe(seconds);
  });

  it("reads plain numbers as seconds", () => {
    expect(loadScenario(baselineWith(["duration"], 5400)).duration).toBe(5400);
    expect(loadScenario(baselineWith(["devices", 0, "firstPollDelay"], 0.5)).devices[0]!.firstPollDelay).toBe(
      0.5,
    );
    expect(
      loadScenario(baselineWith(["site", "replicas", 0, "syncInterval"], 60)).site.replicas[0]!.syncInterval,
    ).toBe(60);
  });

  it("reads every duration field of the spec's example in seconds", () => {
    const s = loadScenario(SPEC_EXAMPLE_TEXT);
    expect(s.duration).toBe(10_800);
    expect(s.site.replicas[0]).toEqual({
      name: "replica1",
      syncInterval: 300,
      syncOffset: 120,
      applyDelay: 0,
      outages: [{ from: 1800, to: 2700 }],
      serverOutages: [],
      syncCost: 0,
    });
    expect(s.site.database).toEqual({ outages: [] });
    const g = s.devices[0]!;
    expect(g.enrollment).toEqual({
      pattern: "uniform",
      from: 0,
      to: 3600,
      delay: 0,
      retryAfter: 600,
      maxAttempts: 3,
    });
    expect(g.polling).toEqual([{ every: 180, until: 900 }, { every: 3600 }]);
    expect(g.firstPollDelay).toBe(0);
    expect(g.jitter).toBe(0);
    expect(g.connectionRetries).toEqual({ count: 3, initialBackoff: 16, on: "connection" });
  });
});

describe("IPv4 ranges in scenarios", () => {
  it.each(["10.1.2.1-10.1.5.254", "10.1.2.0/24", "10.1.0.0/16", "10.1.2.7-10.1.2.7", "10.1.2.7/32"])(
    "accepts %j as a device group's addresses and keeps the text",
    (addresses) => {
      expect(loadScenario(baselineWith(["devices", 0, "addresses"], addresses)).devices[0]!.addresses).toBe(
        addresses,
      );
    },
  );

  it.each(["10.1.0.1-10.1.255.254", "10.1.0.0/16"])("accepts %j as an ipv4Range boundary", (value) => {
    expect(
      loadScenario(baselineWith(["site", "boundaries", 0, "value"], value)).site.boundaries[0]!.value,
    ).toBe(value);
  });

  it("does not check the value of boundaries that are not ipv4Range", () => {
    const data = baselineData();
    pushAt(data, ["site", "boundaries"], { name: "AD", type: "adSite", value: "not an address" });
    expect(loadScenario(data).site.boundaries[1]!.value).toBe("not an address");
  });
});

describe("ConnectionsSchema", () => {
  it("lists intranet, internet and intranetAndInternet", () => {
    expect(ConnectionsSchema.options).toEqual(["intranet", "internet", "intranetAndInternet"]);
  });
});

describe("showValue", () => {
  it("shows strings as JSON", () => {
    expect(showValue("soon")).toBe('"soon"');
    expect(showValue('say "hi"')).toBe('"say \\"hi\\""');
  });

  it("shortens strings longer than 60 characters to 57 and an ellipsis", () => {
    expect(showValue("x".repeat(60))).toBe(JSON.stringify("x".repeat(60)));
    expect(showValue("x".repeat(61))).toBe(JSON.stringify(`${"x".repeat(57)}...`));
  });

  it("shows numbers, booleans and null as they print", () => {
    expect(showValue(5)).toBe("5");
    expect(showValue(1.5)).toBe("1.5");
    expect(showValue(true)).toBe("true");
    expect(showValue(null)).toBe("null");
  });

  it("names arrays, objects and nothing", () => {
    expect(showValue([1])).toBe("an array");
    expect(showValue({ a: 1 })).toBe("an object");
    expect(showValue(undefined)).toBe("nothing");
  });
});

describe("databases that go down, and apply delays drawn per sync", () => {
  const base = {
    name: "s",
    duration: "1h",
    site: {
      servers: [{ name: "cm01.corp.contoso.com", roles: { enrollmentPoint: {} } }],
    },
    devices: [{ name: "m", platform: "macos", count: 1 }],
  };
  const withReplica = (replica: Record<string, unknown>) =>
    loadScenario({ ...base, site: { ...base.site, replicas: [{ name: "r", ...replica }] } });

  it("reads site.database.outages and a replica's serverOutages as durations", () => {
    const s = loadScenario({
      ...base,
      site: { ...base.site, database: { outages: [{ from: "5m", to: "10m" }] } },
    });
    expect(s.site.database.outages).toEqual([{ from: 300, to: 600 }]);
    expect(
      withReplica({ serverOutages: [{ from: "1m", to: "2m" }] }).site.replicas[0]?.serverOutages,
    ).toEqual([{ from: 60, to: 120 }]);
  });

  it("takes an apply delay as a distribution, its mean as a duration", () => {
    expect(
      withReplica({ applyDelay: { mean: "40s", distribution: "exponential" } }).site.replicas[0]?.applyDelay,
    ).toEqual({
      mean: 40,
      distribution: "exponential",
    });
    expect(
      withReplica({ applyDelay: { mean: "1m", distribution: "lognormal", cv: 0.5 } }).site.replicas[0]
        ?.applyDelay,
    ).toEqual({ mean: 60, distribution: "lognormal", cv: 0.5 });
  });

  it("refuses a distribution without its parameters, or with one it does not take", () => {
    expect(() => withReplica({ applyDelay: { mean: "1m", distribution: "lognormal" } })).toThrow(
      /applyDelay\.cv: missing \(a lognormal needs `cv`/,
    );
    expect(() => withReplica({ applyDelay: { mean: "1m", distribution: "exponential", cv: 2 } })).toThrow(
      /applyDelay\.cv: expected no `cv`/,
    );
    expect(() => withReplica({ applyDelay: { mean: "0s", distribution: "exponential" } })).toThrow(
      /applyDelay\.mean: expected a mean > 0/,
    );
    expect(() => withReplica({ applyDelay: { mean: "1m", distribution: "gamma" } })).toThrow(/applyDelay/);
    expect(() => withReplica({ applyDelay: { mean: "1m", distribution: "lognormal", cv: 1e160 } })).toThrow(
      /applyDelay\.cv: expected a number <= 100/,
    );
  });
});

describe("boundary group members", () => {
  it("are looked up by key once per member: 10,000 servers in one boundary group load in bounded time", () => {
    // A search of every server per member (includes, then find with a lowercase per server) was quadratic.
    const names = Array.from({ length: 10_000 }, (_, i) => `dp${i}.corp.contoso.com`);
    const input = {
      name: "crowded",
      duration: "1h",
      site: {
        servers: names.map((name) => ({ name, roles: { distributionPoint: { https: true } } })),
        boundaries: [{ name: "B", type: "ipv4Range", value: "10.0.0.0/16" }],
        boundaryGroups: [{ name: "G", boundaries: ["B"], servers: names.map((n) => n.toUpperCase()) }],
      },
      devices: [{ name: "d", platform: "windows", count: 1, addresses: "10.0.0.1/32" }],
    };
    const started = performance.now();
    const scenario = loadScenario(input);
    expect(performance.now() - started).toBeLessThan(3_000);
    expect(scenario.site.boundaryGroups[0]?.servers.at(-1)).toBe("dp9999.corp.contoso.com");
  });
});
