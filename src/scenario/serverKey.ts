// A server's name is a DNS name, which ignores case: the key two spellings are the same server under, for
// the loader's references, `--set` paths and the studio's new names alike.

/** The key two server names are the same under. */
export const serverKey = (name: string): string => name.toLowerCase();

/**
 * The server a reference names, as the site declares it: `CM01.corp.contoso.com` names
 * `cm01.corp.contoso.com`. An exact match wins, else the first declared under the key; undefined when none
 * matches. Built once for a list: a search per reference made thousands of boundary group members quadratic.
 */
export function declaredServerNames(declared: readonly string[]): (name: string) => string | undefined {
  const exact = new Set(declared);
  const byKey = new Map<string, string>();
  for (const n of declared) if (!byKey.has(serverKey(n))) byKey.set(serverKey(n), n);
  return (name) => (exact.has(name) ? name : byKey.get(serverKey(name)));
}
