// `--resolve NAME=IP[:PORT]`: a name → address (and port) override that stands in for DNS, as curl's
// option does, so a lab or a test can point the scenario's real FQDNs at the machines that serve them.
import ipaddr from "ipaddr.js";
import { UsageError } from "../errors.js";

/** One `--resolve` entry. */
export interface ResolveEntry {
  /** The host name, lower case. */
  readonly name: string;
  /** An IPv4 or IPv6 address (IPv6 without brackets). */
  readonly address: string;
  readonly family: 4 | 6;
  /** The port to connect to instead of 443, when the entry gives one. */
  readonly port: number | undefined;
}

const SHAPE =
  'expected NAME=IP or NAME=IP:PORT (IPv6 as NAME=[::1]:PORT), like "cm01.corp.contoso.com=10.1.0.5"';

function parsePort(text: string, option: string): number {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 1 && port <= 65535))
    throw new UsageError(`${option}: expected a port 1-65535, got "${text}"`);
  return port;
}

function parseAddress(
  text: string,
  option: string,
): { address: string; family: 4 | 6; port: number | undefined } {
  // "[v6]" or "[v6]:port"
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(text);
  if (bracketed) {
    const address = bracketed[1] ?? "";
    if (!ipaddr.IPv6.isValid(address)) throw new UsageError(`${option}: "${address}" is not an IPv6 address`);
    return {
      address,
      family: 6,
      port: bracketed[2] === undefined ? undefined : parsePort(bracketed[2], option),
    };
  }
  // More than one colon and no brackets: a bare IPv6 address (it cannot carry a port).
  if (text.indexOf(":") !== text.lastIndexOf(":")) {
    if (!ipaddr.IPv6.isValid(text)) throw new UsageError(`${option}: "${text}" is not an IPv6 address`);
    return { address: text, family: 6, port: undefined };
  }
  const [address = "", portText] = text.split(":");
  // Dotted quads only: ipaddr.js would also take legacy forms such as "10.1" or octal.
  if (!ipaddr.IPv4.isValidFourPartDecimal(address))
    throw new UsageError(`${option}: "${address}" is not an IPv4 address; ${SHAPE}`);
  return { address, family: 4, port: portText === undefined ? undefined : parsePort(portText, option) };
}

/**
 * Parses `--resolve` values. Every name must be one of the hosts the scenario's probes contact (a
 * typo would otherwise silently fall back to real DNS); a name may be given once.
 * @param values - the option's values, `NAME=IP`, `NAME=IP:PORT`, `NAME=[IPv6]:PORT`
 * @param hosts - the probed host names (lower case)
 * @returns entries by lower-case name
 * @throws UsageError naming the option value and what was expected
 */
export function parseResolveOptions(
  values: readonly string[],
  hosts: ReadonlySet<string>,
): ReadonlyMap<string, ResolveEntry> {
  const entries = new Map<string, ResolveEntry>();
  for (const value of values) {
    const option = `--resolve ${value}`;
    const equals = value.indexOf("=");
    if (equals <= 0 || equals === value.length - 1) throw new UsageError(`${option}: ${SHAPE}`);
    const name = value.slice(0, equals).trim().toLowerCase();
    if (!hosts.has(name)) {
      const known = [...hosts].join(", ");
      throw new UsageError(
        `${option}: "${name}" is not a server of the scenario (probed servers: ${known === "" ? "none" : known})`,
      );
    }
    if (entries.has(name)) throw new UsageError(`${option}: "${name}" is given more than once`);
    entries.set(name, { name, ...parseAddress(value.slice(equals + 1).trim(), option) });
  }
  return entries;
}
