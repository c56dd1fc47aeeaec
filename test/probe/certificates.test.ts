// The certificate a handshake presented, as a scenario writes it, and the update of a written scenario.
import { describe, expect, it } from "vitest";
import { notYetValidAtStart, updateCertificates, writtenCertificate } from "../../src/probe/certificates.js";
import { loadScenario } from "../../src/scenario/load.js";
import type { ObservedCertificate, ProbeObservation } from "../../src/probe/observation.js";
import type { ProbeTarget } from "../../src/probe/targets.js";

const observed: ObservedCertificate = {
  subject: "mp01.contoso.com",
  issuer: "Contoso Issuing CA",
  subjectAltNames: "DNS:mp01.contoso.com, IP Address:10.1.0.5, DNS:mp01.corp.contoso.com",
  notBefore: "2026-01-01T00:00:00.000Z",
  notAfter: "2027-01-01T12:30:00.000Z",
};

function observation(presented: ObservedCertificate | null, code: string | null = null): ProbeObservation {
  return {
    address: "127.0.0.1",
    port: 443,
    tcpConnectMs: presented === null ? null : 1,
    tlsHandshakeMs: null,
    tlsProtocol: null,
    certificate: null,
    presentedCertificate: presented,
    status: null,
    contentType: null,
    body: null,
    bodyTruncated: false,
    latencyMs: 3,
    error: code === null ? null : { code, name: "Error", message: code },
  };
}

function target(server: string, path = "/"): ProbeTarget {
  return {
    server,
    role: "distributionPoint",
    path,
    url: `https://${server}${path}`,
    host: server,
    check: "anyAnswer",
  };
}

describe("writtenCertificate", () => {
  it("takes the DNS names of the subject alternative names, the issuer, and the validity without milliseconds", () => {
    expect(writtenCertificate(observed)).toEqual({
      issuer: "Contoso Issuing CA",
      names: ["mp01.contoso.com", "mp01.corp.contoso.com"],
      notBefore: "2026-01-01T00:00:00Z",
      notAfter: "2027-01-01T12:30:00Z",
    });
  });

  it("falls back to the subject CN without DNS names, keeps a whole-DN issuer, and a given crl", () => {
    const noSan = { ...observed, subjectAltNames: null, issuer: "O=Contoso, C=US" };
    expect(writtenCertificate(noSan, "ldap")).toMatchObject({
      issuer: "O=Contoso, C=US",
      names: ["mp01.contoso.com"],
      crl: "ldap",
    });
  });
});

describe("updateCertificates", () => {
  const scenario = {
    name: "s",
    site: {
      servers: [
        { name: "a.contoso.com", roles: {} },
        { name: "b.contoso.com", certificate: { issuer: "Kept CA" }, roles: {} },
        { name: "c", roles: {} },
      ],
    },
    devices: [{ name: "g", trustedRoots: ["Root"] }],
  };

  it("replaces a certificate from any probe of the server that saw one; keeps the others, saying why", () => {
    const targets = [target("a.contoso.com", "/x"), target("a.contoso.com"), target("b.contoso.com")];
    const update = updateCertificates(scenario, targets, [
      observation(null, "ECONNRESET"),
      observation(observed),
      observation(null, "ECONNREFUSED"),
    ]);
    expect(update.updated).toEqual(["a.contoso.com"]);
    expect(update.kept).toEqual([
      { server: "b.contoso.com", reason: "the TLS handshake did not complete (ECONNREFUSED)" },
      { server: "c", reason: "not probed" },
    ]);
    const servers = (update.scenario as typeof scenario).site.servers;
    expect(servers[0]).toMatchObject({ certificate: { issuer: "Contoso Issuing CA" } });
    expect(servers[1]).toEqual(scenario.site.servers[1]);
    expect((update.scenario as typeof scenario).devices).toEqual(scenario.devices);
    // The input is not changed.
    expect(scenario.site.servers[0]).toEqual({ name: "a.contoso.com", roles: {} });
  });
});

describe("notYetValidAtStart", () => {
  const DP = { distributionPoint: { https: true } };
  // The handshake's certificate is valid from 2026-01-01T00:00:00Z (`observed`).
  const site = (start: string) =>
    loadScenario({
      name: "s",
      start,
      duration: "1h",
      site: {
        servers: [
          { name: "mp01.contoso.com", certificate: writtenCertificate(observed), roles: DP },
          {
            name: "old.contoso.com",
            certificate: { issuer: "X", notBefore: "2026-06-01T00:00:00Z" },
            roles: DP,
          },
        ],
      },
      devices: [{ name: "g", platform: "macos", count: 1 }],
    });

  it("names an updated server whose certificate begins after the scenario's start, with both dates", () => {
    expect(notYetValidAtStart(site("2025-12-31T23:00:00Z"), ["mp01.contoso.com"])).toEqual([
      { server: "mp01.contoso.com", notBefore: "2026-01-01T00:00:00Z", start: "2025-12-31T23:00:00Z" },
    ]);
  });

  it("names none valid at the start (from exactly notBefore on), nor a server the probe did not update", () => {
    expect(notYetValidAtStart(site("2026-01-01T00:00:00Z"), ["mp01.contoso.com"])).toEqual([]);
    expect(notYetValidAtStart(site("2026-03-01T00:00:00Z"), ["mp01.contoso.com"])).toEqual([]);
    // old.contoso.com's certificate begins after start, but it came from the file, not from a probe.
    expect(notYetValidAtStart(site("2026-03-01T00:00:00Z"), [])).toEqual([]);
  });
});
