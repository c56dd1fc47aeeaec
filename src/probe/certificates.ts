// `probe --update-certificates`: the scenario as written, with each probed server's certificate replaced by
// the one its TLS handshake presented. Pure: the network adapter records the certificates.
import type { ObservedCertificate, ProbeObservation } from "./observation.js";
import type { ProbeTarget } from "./targets.js";
import { isRecord } from "../isRecord.js";
import { validityWindow } from "../model/rules.js";
import type { Scenario } from "../scenario/schema.js";

/** A scenario certificate as a file writes it. */
export interface WrittenCertificate {
  readonly issuer: string;
  readonly names: readonly string[];
  readonly notBefore?: string;
  readonly notAfter?: string;
  readonly crl?: "http" | "ldap";
}

/** A server whose certificate was not replaced, and why. */
export interface KeptCertificate {
  readonly server: string;
  readonly reason: string;
}

/** What `updateCertificates` gives. */
export interface CertificateUpdate {
  /** The scenario as written, certificates replaced. */
  readonly scenario: unknown;
  /** Servers whose certificate now comes from their handshake, in the scenario's order. */
  readonly updated: readonly string[];
  /** Servers that keep what the scenario said. */
  readonly kept: readonly KeptCertificate[];
}

/** An ISO instant without milliseconds when they are zero (as scenario files write them). */
function instant(text: string | null): string | undefined {
  return text === null ? undefined : text.replace(/\.000Z$/, "Z");
}

/**
 * The scenario certificate of what a handshake presented: issuer (CN, else the whole DN), names (the
 * subject alternative DNS names, else the subject CN) and validity; `crl` kept from the scenario's.
 */
export function writtenCertificate(observed: ObservedCertificate, crl?: "http" | "ldap"): WrittenCertificate {
  const dnsNames = (observed.subjectAltNames ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry.startsWith("DNS:"))
    .map((entry) => entry.slice(4));
  const names = dnsNames.length > 0 ? dnsNames : observed.subject !== null ? [observed.subject] : [];
  const notBefore = instant(observed.notBefore);
  const notAfter = instant(observed.notAfter);
  return {
    issuer: observed.issuer ?? "",
    names,
    ...(notBefore !== undefined ? { notBefore } : {}),
    ...(notAfter !== undefined ? { notAfter } : {}),
    ...(crl !== undefined ? { crl } : {}),
  };
}

/**
 * Replaces each probed server's certificate in `written` (the scenario as its file said it, after `--set`).
 * A server none of whose probes completed a handshake keeps its certificate; device groups' trustedRoots
 * are not touched.
 * @param observations - one per target, in the targets' order
 */
export function updateCertificates(
  written: unknown,
  targets: readonly ProbeTarget[],
  observations: readonly ProbeObservation[],
): CertificateUpdate {
  const scenario = structuredClone(written);
  const site = isRecord(scenario) ? scenario.site : undefined;
  const servers = isRecord(site) && Array.isArray(site.servers) ? (site.servers as unknown[]) : [];
  const updated: string[] = [];
  const kept: KeptCertificate[] = [];
  for (const server of servers) {
    if (!isRecord(server) || typeof server.name !== "string") continue;
    const name = server.name;
    const probes = targets.flatMap((t, i) => (t.server === name ? [observations[i]] : []));
    const presented = probes.find((o) => o?.presentedCertificate != null)?.presentedCertificate;
    if (presented == null) {
      const failure = probes.find((o) => o?.error != null)?.error;
      kept.push({
        server: name,
        reason:
          probes.length === 0
            ? "not probed"
            : `the TLS handshake did not complete${failure != null ? ` (${failure.code ?? failure.message})` : ""}`,
      });
      continue;
    }
    const previous = server.certificate;
    const crl =
      isRecord(previous) && (previous.crl === "http" || previous.crl === "ldap") ? previous.crl : undefined;
    server.certificate = writtenCertificate(presented, crl);
    updated.push(name);
  }
  return { scenario, updated, kept };
}

/** An updated server whose presented certificate is valid only from after the scenario's `start`. */
export interface NotYetValidCertificate {
  readonly server: string;
  readonly notBefore: string;
  readonly start: string;
}

/**
 * The servers of `updated` whose certificate, in the updated scenario as loaded, is not valid yet at its
 * `start` (rule 11's validity window): a certificate issued after the scenario's start, which `check` reports
 * as certificate-not-yet-valid and `run` fails every try before.
 */
export function notYetValidAtStart(scenario: Scenario, updated: readonly string[]): NotYetValidCertificate[] {
  const startMs = Date.parse(scenario.start);
  return scenario.site.servers.flatMap((server) => {
    const c = server.certificate;
    if (!updated.includes(server.name) || c == null || c.notBefore === undefined) return [];
    return validityWindow(c, startMs).from > 0
      ? [{ server: server.name, notBefore: c.notBefore, start: scenario.start }]
      : [];
  });
}
