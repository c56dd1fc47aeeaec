// A server's name is a DNS name, which ignores case: the key two spellings are the same server under, for
// the loader's references, `--set` paths and the studio's new names alike.

/** The key two server names are the same under. */
export const serverKey = (name: string): string => name.toLowerCase();
