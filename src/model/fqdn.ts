// The one FQDN test of reachability rule 7 (rules.ts), which `check`'s name-not-fqdn finding reads too: a
// site system's name is an FQDN when it has a dot and is not an IP address literal.
import ipaddr from "ipaddr.js";

// Characters of an IPv4 literal in any form ipaddr.js reads (dotted decimal, hex and octal parts). An IPv6
// literal has a colon, which no host name has.
const IPV4_CHARACTERS = /^[0-9a-fx.]+$/i;

/**
 * Whether a name is an IPv4 or IPv6 address literal (`10.1.2.3`, `fe80::1`, `::ffff:10.1.2.3`), as
 * ipaddr.js reads one; a trailing dot (`10.1.2.3.`) does not make one a name.
 */
export function isIpLiteral(name: string): boolean {
  // ipaddr.js's test costs tens of microseconds (it throws inside), and rule 7 is evaluated for every
  // contact of a site: a host name is told apart by its characters first.
  if (!name.includes(":") && !IPV4_CHARACTERS.test(name)) return false;
  return ipaddr.isValid(name.endsWith(".") ? name.slice(0, -1) : name);
}

/** Whether a site system's name is an FQDN: it has a dot, and it is not an IP address. */
export function isFqdn(name: string): boolean {
  return name.includes(".") && !isIpLiteral(name);
}

/**
 * Why a name is not a DNS host name, or undefined when it is one (an IP address literal counts: `isFqdn`
 * tells those apart). RFC 1123 labels of letters, digits and hyphens, with underscores inside a label as
 * Windows DNS allows them; at most 63 characters a label and 253 in all; one trailing dot allowed.
 */
export function hostNameProblem(name: string): string | undefined {
  const bare = name.endsWith(".") ? name.slice(0, -1) : name;
  if (isIpLiteral(bare)) return undefined;
  if (bare.length > 253) return `it is longer than 253 characters`;
  for (const label of bare.split(".")) {
    if (label === "") return "it has an empty label (two dots together, or a dot at the start)";
    if (label.length > 63) return `its label "${label.slice(0, 20)}…" is longer than 63 characters`;
    const bad = /[^a-z0-9_-]/i.exec(label);
    if (bad !== null) return `${JSON.stringify(bad[0])} is not a letter, digit, hyphen or underscore`;
    if (/^[-_]|[-_]$/.test(label)) return `its label "${label}" starts or ends with "-" or "_"`;
  }
  return undefined;
}
