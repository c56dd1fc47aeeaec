// The studio's edits in the URL fragment (`#site.replicas.replica1.syncInterval=10m&seed=7`), so that a
// copied link reopens the same what-if. Pure: both the page and the tests use it.

/** One edit: a `--set` path and its value text. */
export interface Edit {
  readonly path: string;
  readonly value: string;
}

// encodeURIComponent leaves letters, digits and -_.!~*'() alone: paths stay readable in the address bar.
/** The fragment (without `#`) of a list of edits, in their order. */
export function encodeEdits(edits: readonly Edit[]): string {
  return edits.map((e) => `${encodeURIComponent(e.path)}=${encodeURIComponent(e.value)}`).join("&");
}

function decode(text: string): string | undefined {
  try {
    return decodeURIComponent(text.replace(/\+/g, " "));
  } catch {
    return undefined;
  }
}

/**
 * The edits of a fragment (with or without its `#`). Parts that are not `PATH=VALUE` or not valid
 * percent-encoding are left out (a mangled link opens the file as it is, never an error); a path given twice
 * keeps its last value, in the place of its first.
 */
export function decodeEdits(fragment: string): Edit[] {
  const edits = new Map<string, string>();
  for (const part of fragment.replace(/^#/, "").split("&")) {
    const eq = part.indexOf("=");
    if (eq <= 0) continue;
    const path = decode(part.slice(0, eq));
    const value = decode(part.slice(eq + 1));
    if (path === undefined || value === undefined || path.trim() === "") continue;
    edits.set(path, value);
  }
  return [...edits].map(([path, value]) => ({ path, value }));
}

/** The `--set` option texts of edits (`PATH=VALUE`), as `mdmsim run` takes them. */
export function setOptions(edits: readonly Edit[]): string[] {
  return edits.map((e) => `${e.path}=${e.value}`);
}
