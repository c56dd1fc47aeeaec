// The one FQDN test of reachability rule 7 (rules.ts), which `check`'s name-not-fqdn finding reads too: a
// site system's name is an FQDN when it has a dot and is not an IP address literal.
import ipaddr from "ipaddr.js";

/**
 * Whether a name is an IPv4 or IPv6 address literal (`10.1.2.3`, `fe80::1`, `::ffff:10.1.2.3`), as
 * ipaddr.js reads one; a trailing dot (`10.1.2.3.`) does not make one a name.
 */
export function isIpLiteral(name: string): boolean {
  return ipaddr.isValid(name.endsWith(".") ? name.slice(0, -1) : name);
}

/** Whether a site system's name is an FQDN: it has a dot, and it is not an IP address. */
export function isFqdn(name: string): boolean {
  return name.includes(".") && !isIpLiteral(name);
}
