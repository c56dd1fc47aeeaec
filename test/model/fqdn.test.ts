// Rule 7's test: a site system's name is an FQDN when it has a dot and is not an IP address literal.
import { describe, expect, it } from "vitest";
import { hostNameProblem, isFqdn, isIpLiteral } from "../../src/model/fqdn.js";

describe("isFqdn", () => {
  it("takes a dotted host name, also with a trailing dot", () => {
    for (const name of [
      "cm01.corp.contoso.com",
      "a.b",
      "cm01.corp.contoso.com.",
      "10-1-2-3.corp.contoso.com",
    ])
      expect(isFqdn(name), name).toBe(true);
  });

  it("refuses a name without a dot", () => {
    for (const name of ["cm01", "localhost", ""]) expect(isFqdn(name), name).toBe(false);
  });

  it("refuses IPv4 and IPv6 address literals, dotted or not", () => {
    for (const name of ["10.1.2.3", "10.1.2.3.", "192.168.0.1", "fe80::1", "::ffff:10.1.2.3", "2001:db8::1"])
      expect(isFqdn(name), name).toBe(false);
  });
});

describe("isIpLiteral", () => {
  it("is true for addresses only", () => {
    expect(isIpLiteral("10.1.2.3")).toBe(true);
    expect(isIpLiteral("fe80::1")).toBe(true);
    expect(isIpLiteral("cm01.corp.contoso.com")).toBe(false);
    expect(isIpLiteral("1.2.3.4.5")).toBe(false);
    // Hex digits alone do not make an address; the legacy forms ipaddr.js reads do.
    expect(isIpLiteral("cafe.face")).toBe(false);
    expect(isIpLiteral("0x0a.1.2.3")).toBe(true);
    expect(isIpLiteral("::ffff:1.2.3.4%eth0")).toBe(true);
  });
});

describe("hostNameProblem", () => {
  it("takes host names: dotted or not, a trailing dot, underscores and hyphens inside labels, IP literals", () => {
    for (const name of [
      "cm01.corp.contoso.com",
      "cm01.corp.contoso.com.",
      "cm01",
      "sql_rep-02.corp.contoso.com",
      "10.1.2.3",
      "fe80::1",
      `${"a".repeat(63)}.com`,
    ])
      expect(hostNameProblem(name), name).toBeUndefined();
  });

  it("names what makes a name no host name", () => {
    expect(hostNameProblem("a..b")).toBe("it has an empty label (two dots together, or a dot at the start)");
    expect(hostNameProblem(".a.b")).toContain("empty label");
    expect(hostNameProblem("")).toContain("empty label");
    expect(hostNameProblem("cm 01.corp")).toBe('" " is not a letter, digit, hyphen or underscore');
    expect(hostNameProblem("_cm01.corp")).toBe('its label "_cm01" starts or ends with "-" or "_"');
    expect(hostNameProblem("cm01-.corp")).toBe('its label "cm01-" starts or ends with "-" or "_"');
    expect(hostNameProblem(`${"a".repeat(64)}.com`)).toContain("is longer than 63 characters");
    expect(hostNameProblem(`${"a.".repeat(127)}com`)).toBe("it is longer than 253 characters");
  });
});
