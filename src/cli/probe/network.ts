// The probe's network adapter: one HTTPS GET per target with undici, recording the name lookup, the TCP
// connection, the verified TLS session and the answer. Judging what was seen is the core's job
// (src/probe/result.ts); this file only observes.
//
// Guarantees, each enforced here and nowhere else:
// - TLS is always verified: `rejectUnauthorized: true` is fixed, trust is Node's root store plus `--ca`,
//   SNI and the name check use the scenario's host name (also when `--resolve` supplies the address);
// - only the scenario's hosts are connected to (the connector refuses any other), and redirects are not
//   followed (undici 7 follows none unless a redirect interceptor is composed; none is);
// - time is bounded: the connect phase (lookup, TCP, TLS), the wait for headers and each pause in the
//   body are bounded by the timeout, the whole probe by PHASES_PER_PROBE timeouts;
// - concurrency is bounded, and each probe has its own connection (its own Agent, closed afterwards),
//   so every probe measures its own TCP and TLS set-up.
import dns from "node:dns";
import process from "node:process";
import { isIP, type LookupFunction } from "node:net";
import { performance } from "node:perf_hooks";
import tls, { type PeerCertificate, type SecureContext } from "node:tls";
import { Agent, errors, type buildConnector } from "undici";
import { mapWithConcurrency } from "../../probe/concurrency.js";
import type { ObservedCertificate, ObservedError, ProbeObservation } from "../../probe/observation.js";
import type { ResolveEntry } from "../../probe/resolve.js";
import { weakKeyDetail } from "../../probe/reasons.js";
import { MPLIST_MAX_BYTES } from "../../probe/result.js";
import type { ProbeTarget } from "../../probe/targets.js";
import { PHASES_PER_PROBE } from "../../probe/timeout.js";

/** How probes reach the network. */
export interface ProbeNetworkOptions {
  /** Bound of each phase, in milliseconds. */
  readonly timeoutMs: number;
  /** PEM certificates trusted besides Node's root store (`--ca`). */
  readonly extraCa: readonly string[];
  /** `--resolve` entries by lower-case host name. */
  readonly resolve: ReadonlyMap<string, ResolveEntry>;
  /** The only host names that may be connected to (lower case). */
  readonly allowedHosts: ReadonlySet<string>;
  /** Probes in flight at once (default 4). */
  readonly concurrency?: number;
  /** Called after each probe settles. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Probes in flight at once unless told otherwise: enough to overlap slow servers, gentle on a site. */
export const DEFAULT_PROBE_CONCURRENCY = 4;

const HTTPS_PORT = 443;

/** Mutable notes one probe takes while it runs. */
interface Notes {
  address: string | null;
  port: number | null;
  tcpConnectMs: number | null;
  tlsHandshakeMs: number | null;
  tlsProtocol: string | null;
  certificate: ObservedCertificate | null;
  presentedCertificate: ObservedCertificate | null;
}

function firstName(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}

function isoDate(text: string | undefined): string | null {
  if (text === undefined) return null;
  const time = new Date(text);
  return Number.isNaN(time.getTime()) ? text : time.toISOString();
}

/** A distinguished name as `O=Contoso, C=US`; null when empty. */
function distinguishedName(name: PeerCertificate["subject"] | undefined): string | null {
  if (name === undefined) return null;
  const parts = Object.entries(name).flatMap(([key, value]) =>
    value === undefined ? [] : [`${key}=${Array.isArray(value) ? value.join("+") : value}`],
  );
  return parts.length > 0 ? parts.join(", ") : null;
}

function describeCertificate(c: PeerCertificate): ObservedCertificate {
  // Node's typings promise objects; a session without a peer certificate gives an empty object.
  const subject = c.subject as PeerCertificate["subject"] | undefined;
  const issuer = c.issuer as PeerCertificate["issuer"] | undefined;
  return {
    subject: firstName(subject?.CN) ?? distinguishedName(subject),
    issuer: firstName(issuer?.CN) ?? distinguishedName(issuer),
    subjectAltNames: c.subjectaltname ?? null,
    notBefore: isoDate(c.valid_from),
    notAfter: isoDate(c.valid_to),
  };
}

function observedError(error: unknown): ObservedError {
  if (!(error instanceof Error)) return { code: null, name: "Error", message: String(error) };
  let code: unknown = (error as { code?: unknown }).code;
  // Happy Eyeballs (several addresses) fails with an AggregateError; its first error says why.
  if (code === undefined && error instanceof AggregateError) {
    const first: unknown = error.errors[0];
    if (first instanceof Error) code = (first as { code?: unknown }).code;
  }
  const text = typeof code === "string" ? code : null;
  return {
    code: text,
    name: error.name,
    message: error.message !== "" ? error.message : (text ?? error.name),
  };
}

/** A `lookup` for net.connect: the `--resolve` entry when there is one, else the system resolver. */
function makeLookup(entry: ResolveEntry | undefined, notes: Notes): LookupFunction {
  return (hostname, options, callback) => {
    if (entry !== undefined) {
      notes.address = entry.address;
      // Answer on the next tick, as a real lookup does: a synchronous answer lets net connect (and fail, for
      // an unroutable address) inside tls.connect, before TLS has its handle and before any error listener.
      process.nextTick(() => {
        if (options.all === true) callback(null, [{ address: entry.address, family: entry.family }]);
        else callback(null, entry.address, entry.family);
      });
      return;
    }
    dns.lookup(hostname, options, (error, address, family) => {
      if (error === null) notes.address = Array.isArray(address) ? (address[0]?.address ?? null) : address;
      callback(error, address, family);
    });
  };
}

/**
 * The connector of one probe's Agent: TLS to the allowed host only, verified against `trust`, on the
 * `--resolve` port when given, bounded by the timeout; notes the TCP and TLS milestones.
 */
function makeConnector(
  options: ProbeNetworkOptions,
  trust: SecureContext,
  notes: Notes,
  elapsed: () => number,
): buildConnector.connector {
  return (connectOptions, callback) => {
    const host = connectOptions.hostname.toLowerCase();
    if (!options.allowedHosts.has(host)) {
      // Cannot happen with the scenario's own URLs and no redirects; a guard, not a feature.
      callback(new Error(`refusing to connect to ${host}: not a server of the scenario`), null);
      return;
    }
    const entry = options.resolve.get(host);
    notes.port = entry?.port ?? HTTPS_PORT;
    let socket: tls.TLSSocket;
    try {
      socket = tls.connect({
        host,
        port: notes.port,
        // SNI carries names only (RFC 6066); the name check still runs against an IP literal.
        ...(isIP(host) === 0 ? { servername: host } : {}),
        secureContext: trust,
        // Fixed: there is no way to turn verification off.
        rejectUnauthorized: true,
        lookup: makeLookup(entry, notes),
        ALPNProtocols: ["http/1.1"],
      });
    } catch (error) {
      // Whatever tls.connect throws is this probe's failure, never the process's.
      callback(error instanceof Error ? error : new Error(String(error)), null);
      return;
    }
    // undici's callback is called once: with the verified socket, or with the first error.
    let settled = false;
    const settle = (error: Error | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error !== null) callback(error, null);
      else callback(null, socket);
    };
    // Socket events are asynchronous, so `timer` is set before `settle` can run.
    const timer = setTimeout(() => {
      const error = new errors.ConnectTimeoutError(
        `connect timeout after ${options.timeoutMs} ms (name lookup, TCP and TLS)`,
      );
      settle(error);
      socket.destroy(error);
    }, options.timeoutMs);
    // Node checks the chain and the name in its own "secure" listener and destroys a rejected socket before
    // any other event: a listener placed before it records what the server presented, accepted or not.
    socket.prependOnceListener("secure", () => {
      notes.presentedCertificate = describeCertificate(socket.getPeerCertificate());
    });
    socket.setNoDelay(true);
    socket.once("connect", () => {
      notes.tcpConnectMs = elapsed();
      notes.address = socket.remoteAddress ?? notes.address;
    });
    socket.once("secureConnect", () => {
      notes.tlsHandshakeMs = elapsed();
      notes.tlsProtocol = socket.getProtocol();
      const peer = socket.getPeerCertificate();
      notes.certificate = describeCertificate(peer);
      // Node (OpenSSL security level 1) accepts RSA-1024; the probe does not.
      const weak = weakKeyDetail({ rsa: typeof peer.modulus === "string", bits: peer.bits });
      if (weak !== undefined) {
        const error = Object.assign(new Error(weak), { code: "EE_KEY_TOO_SMALL" });
        settle(error);
        socket.destroy(error);
        return;
      }
      settle(null);
    });
    socket.on("error", (error: Error) => {
      settle(error);
    });
  };
}

async function readCapped(
  body: AsyncIterable<Buffer> & { destroy: () => unknown },
  max: number,
): Promise<{ bytes: Uint8Array; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > max) {
      body.destroy();
      return { bytes: Buffer.concat(chunks).subarray(0, max), truncated: true };
    }
  }
  return { bytes: Buffer.concat(chunks), truncated: false };
}

/**
 * Probes one target (GET, no redirects). Never rejects: every failure is part of the observation.
 * @param trust - a secure context holding the whole trust list (see `trustContext`)
 */
export async function probeTarget(
  target: ProbeTarget,
  options: ProbeNetworkOptions,
  trust: SecureContext,
): Promise<ProbeObservation> {
  const start = performance.now();
  const elapsed = () => performance.now() - start;
  const notes: Notes = {
    address: null,
    port: null,
    tcpConnectMs: null,
    tlsHandshakeMs: null,
    tlsProtocol: null,
    certificate: null,
    presentedCertificate: null,
  };
  const observation = (
    rest: Pick<ProbeObservation, "status" | "contentType" | "body" | "bodyTruncated" | "latencyMs" | "error">,
  ): ProbeObservation => ({ ...notes, ...rest });
  if (target.host === null) {
    return observation({
      status: null,
      contentType: null,
      body: null,
      bodyTruncated: false,
      latencyMs: 0,
      error: {
        code: "ENOTFOUND",
        name: "Error",
        message: `"${target.server}" is not a host name; nothing was contacted`,
      },
    });
  }
  const agent = new Agent({
    connect: makeConnector(options, trust, notes, elapsed),
    headersTimeout: options.timeoutMs,
    bodyTimeout: options.timeoutMs,
    connections: 1,
    pipelining: 1,
  });
  let status: number | null = null;
  let contentType: string | null = null;
  let latencyMs = 0;
  try {
    const response = await agent.request({
      origin: `https://${target.host}`,
      path: target.path,
      method: "GET",
      headers: { "user-agent": "mdmsim-probe", accept: "*/*" },
      signal: AbortSignal.timeout(PHASES_PER_PROBE * options.timeoutMs),
    });
    latencyMs = elapsed();
    status = response.statusCode;
    const type = response.headers["content-type"];
    contentType = Array.isArray(type) ? (type[0] ?? null) : (type ?? null);
    if (target.check === "mplist") {
      const { bytes, truncated } = await readCapped(response.body, MPLIST_MAX_BYTES);
      return observation({
        status,
        contentType,
        body: bytes,
        bodyTruncated: truncated,
        latencyMs,
        error: null,
      });
    }
    // Only the status is judged here: drop the body instead of reading it. undici reports a destroyed
    // body as aborted; that is expected, so the error is absorbed rather than left uncaught.
    response.body.on("error", () => undefined);
    response.body.destroy();
    return observation({ status, contentType, body: null, bodyTruncated: false, latencyMs, error: null });
  } catch (error) {
    return observation({
      status,
      contentType,
      body: null,
      bodyTruncated: false,
      latencyMs: status === null ? elapsed() : latencyMs,
      error: observedError(error),
    });
  } finally {
    await agent.destroy().catch(() => undefined);
  }
}

/**
 * The trust of every probe: Node's root store (`tls.rootCertificates`) plus the `--ca` certificates.
 * Built once; a `ca` list replaces Node's default trust, so the root store is listed explicitly.
 */
export function trustContext(extraCa: readonly string[]): SecureContext {
  return tls.createSecureContext({ ca: [...tls.rootCertificates, ...extraCa] });
}

/**
 * Probes every target, a bounded number at a time; observations keep the targets' order.
 */
export async function probeTargetsLive(
  targets: readonly ProbeTarget[],
  options: ProbeNetworkOptions,
): Promise<ProbeObservation[]> {
  const trust = trustContext(options.extraCa);
  let done = 0;
  return mapWithConcurrency(targets, options.concurrency ?? DEFAULT_PROBE_CONCURRENCY, async (target) => {
    const result = await probeTarget(target, options, trust);
    done += 1;
    options.onProgress?.(done, targets.length);
    return result;
  });
}
