// A server's name is a DNS name, which ignores case: the key two spellings are the same server under, for
// the loader's references, `--set` paths and the studio's new names alike.

/** The key two server names are the same under. */
export const serverKey = (name: string): string => name.toLowerCase();

/**
 * Where the server a reference names is in the site's list: `CM01.corp.contoso.com` names
 * `cm01.corp.contoso.com`. An exact match wins, else the first declared under the key; undefined when none
 * matches. Built once for a list: a search per reference made thousands of boundary group members (and of
 * pinned groups) quadratic.
 */
export function declaredServerIndex(declared: readonly string[]): (name: string) => number | undefined {
  const exact = new Map<string, number>();
  const byKey = new Map<string, number>();
  declared.forEach((n, i) => {
    if (!exact.has(n)) exact.set(n, i);
    if (!byKey.has(serverKey(n))) byKey.set(serverKey(n), i);
  });
  return (name) => exact.get(name) ?? byKey.get(serverKey(name));
}

/** The name of the server a reference names, as the site declares it (`declaredServerIndex`). */
export function declaredServerNames(declared: readonly string[]): (name: string) => string | undefined {
  const indexOf = declaredServerIndex(declared);
  return (name) => {
    const i = indexOf(name);
    return i === undefined ? undefined : declared[i];
  };
}
