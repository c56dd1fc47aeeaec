// IPv4 ranges as inclusive [first, last] pairs of unsigned 32-bit integers.
import ipaddr from "ipaddr.js";

/** An inclusive IPv4 range; `first` and `last` are addresses as unsigned 32-bit integers. */
export interface Ipv4Range {
  readonly first: number;
  readonly last: number;
}

function toUint(text: string): number | undefined {
  const trimmed = text.trim();
  // ipaddr.js also accepts legacy forms such as "10.1" or octal; only dotted quads are addresses here.
  if (!ipaddr.IPv4.isValidFourPartDecimal(trimmed)) return undefined;
  const bytes = ipaddr.IPv4.parse(trimmed).toByteArray();
  return (((bytes[0] ?? 0) << 24) | ((bytes[1] ?? 0) << 16) | ((bytes[2] ?? 0) << 8) | (bytes[3] ?? 0)) >>> 0;
}

/**
 * Parses `"10.1.0.1-10.1.255.254"` (inclusive) or CIDR `"10.1.0.0/16"`.
 * @returns the range, or `undefined` when the text is neither form or the range is reversed
 */
export function parseIpv4Range(text: string): Ipv4Range | undefined {
  if (text.includes("/")) {
    if (!ipaddr.IPv4.isValidCIDR(text.trim())) return undefined;
    const [addressText, bitsText] = text.trim().split("/");
    const address = toUint(addressText ?? "");
    const bits = Number(bitsText);
    if (address === undefined || !Number.isInteger(bits)) return undefined;
    const size = 2 ** (32 - bits);
    const first = Math.floor(address / size) * size;
    return { first, last: first + size - 1 };
  }
  const dash = text.split("-");
  if (dash.length !== 2) return undefined;
  const first = toUint(dash[0] ?? "");
  const last = toUint(dash[1] ?? "");
  if (first === undefined || last === undefined || last < first) return undefined;
  return { first, last };
}

/** Formats an address given as an unsigned 32-bit integer in dotted-quad form. */
export function formatIpv4(address: number): string {
  return [address >>> 24, (address >>> 16) & 255, (address >>> 8) & 255, address & 255].join(".");
}

/** Number of addresses in a range. */
export function rangeSize(range: Ipv4Range): number {
  return range.last - range.first + 1;
}

/** Whether `address` lies in `range`. */
export function rangeContains(range: Ipv4Range, address: number): boolean {
  return address >= range.first && address <= range.last;
}
