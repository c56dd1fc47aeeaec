// The management point's MPLIST answer: `<MPList><MP Name="…" FQDN="…" SiteCode="…"><Version>…</Version>
// <Capabilities …/></MP>…</MPList>`. A small tolerant reader rather than an XML library: the document is
// tiny, only the MP elements' attributes matter, and nothing is ever expanded (no DTD, no entities beyond
// the predefined and numeric ones), so a hostile answer cannot make the probe do more than scan it once.

/** One `<MP>` entry of an MPLIST answer. */
export interface AdvertisedManagementPoint {
  /** The `Name` attribute (often the NetBIOS name or the FQDN in upper case). */
  readonly name: string | null;
  /** The `FQDN` attribute. */
  readonly fqdn: string | null;
  readonly siteCode: string | null;
  /** Text of the `<Version>` child (the build number, e.g. 9128). */
  readonly version: string | null;
}

/** Most `<MP>` entries an answer may list: a site has a few dozen; more is refused rather than read. */
export const MPLIST_MAX_ENTRIES = 1000;

/** The result of reading an MPLIST answer. */
export type MpListResult =
  | { readonly ok: true; readonly managementPoints: readonly AdvertisedManagementPoint[] }
  | { readonly ok: false; readonly error: string };

const ENTITIES: Readonly<Record<string, string>> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.startsWith("#")) {
      const code =
        body[1] === "x" || body[1] === "X" ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body] ?? whole;
  });
}

/** Finds the `>` that ends a tag starting at `start` (the `<`), skipping quoted attribute values. */
function tagEnd(text: string, start: number): number {
  let quote: string | null = null;
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (quote !== null) {
      if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === ">") return i;
  }
  return -1;
}

function attributes(inside: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of inside.matchAll(/([^\s=/>"']+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) {
    // Attribute names are matched case-insensitively: the reader is tolerant of hand-written stand-ins.
    const key = (m[1] ?? "").toLowerCase();
    if (!out.has(key)) out.set(key, decodeEntities(m[2] ?? m[3] ?? ""));
  }
  return out;
}

function skip(text: string, from: number, terminator: string, what: string): number {
  const end = text.indexOf(terminator, from);
  if (end < 0) throw new Error(`unterminated ${what}`);
  return end + terminator.length;
}

/**
 * Reads an MPLIST answer. The root element must be `MPList`; its `MP` children are returned in document
 * order. Element and attribute names are matched case-insensitively; comments, processing instructions,
 * CDATA and a DOCTYPE are skipped; mismatched or unclosed elements make the document invalid.
 * @param text - the decoded answer (see `decodeBody`)
 */
export function parseMpList(text: string): MpListResult {
  try {
    return { ok: true, managementPoints: readMpList(text) };
  } catch (error) {
    return { ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

function readMpList(text: string): AdvertisedManagementPoint[] {
  const stack: string[] = [];
  const found: AdvertisedManagementPoint[] = [];
  let current: { attrs: Map<string, string>; version: string | null } | null = null;
  let versionText: string | null = null;
  let rootSeen = false;
  let i = 0;
  const flush = () => {
    if (current !== null) {
      if (found.length >= MPLIST_MAX_ENTRIES)
        throw new Error(`more than ${MPLIST_MAX_ENTRIES} management points listed`);
      const a = current.attrs;
      found.push({
        name: a.get("name") ?? null,
        fqdn: a.get("fqdn") ?? null,
        siteCode: a.get("sitecode") ?? null,
        version: current.version,
      });
      current = null;
    }
  };
  while (i < text.length) {
    const lt = text.indexOf("<", i);
    const chunk = text.slice(i, lt < 0 ? text.length : lt);
    if (versionText !== null) versionText += chunk;
    else if (stack.length === 0 && chunk.trim() !== "")
      throw new Error(rootSeen ? "text after the root element" : "not XML: text before the first element");
    if (lt < 0) break;
    if (text.startsWith("<!--", lt)) i = skip(text, lt + 4, "-->", "comment");
    else if (text.startsWith("<![CDATA[", lt)) {
      const end = skip(text, lt + 9, "]]>", "CDATA section");
      if (versionText !== null) versionText += text.slice(lt + 9, end - 3);
      i = end;
    } else if (text.startsWith("<?", lt)) i = skip(text, lt + 2, "?>", "processing instruction");
    else if (text.startsWith("<!", lt)) {
      // A DOCTYPE, possibly with an internal subset: skipped, never interpreted.
      const close = text.indexOf(">", lt);
      if (close < 0) throw new Error("unterminated DOCTYPE");
      // Looked for before the tag's end only, so many declarations cost one scan, not one each.
      const bracket = text.slice(lt, close).indexOf("[");
      i = bracket >= 0 ? skip(text, lt + bracket, "]>", "DOCTYPE") : close + 1;
    } else {
      const end = tagEnd(text, lt);
      if (end < 0) throw new Error("unterminated tag");
      const inside = text.slice(lt + 1, end);
      i = end + 1;
      if (inside.startsWith("/")) {
        const name = inside.slice(1).trim().toLowerCase();
        const open = stack.pop();
        if (open !== name)
          throw new Error(
            `</${inside.slice(1).trim()}> closes ${open === undefined ? "nothing" : `<${open}>`}`,
          );
        if (name === "version" && versionText !== null && current !== null && stack.length === 2) {
          current.version = decodeEntities(versionText).trim();
          versionText = null;
        }
        if (stack.length === 1 && name === "mp") flush();
        continue;
      }
      const selfClosing = inside.endsWith("/");
      const body = selfClosing ? inside.slice(0, -1) : inside;
      const nameMatch = /^[^\s/>]+/.exec(body);
      if (nameMatch === null) throw new Error("an element without a name");
      const name = nameMatch[0].toLowerCase();
      if (stack.length === 0) {
        if (rootSeen) throw new Error("more than one root element");
        rootSeen = true;
        if (name !== "mplist")
          throw new Error(`not an MPList document (the root element is <${nameMatch[0]}>)`);
      } else if (stack.length === 1 && name === "mp") {
        current = { attrs: attributes(body.slice(name.length)), version: null };
      } else if (stack.length === 2 && name === "version" && current !== null && !selfClosing) {
        versionText = "";
      }
      if (selfClosing) {
        if (stack.length === 1 && name === "mp") flush();
      } else stack.push(name);
    }
  }
  if (!rootSeen) throw new Error("not an MPList document (no element)");
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1] ?? ""}> is not closed`);
  return found;
}

/**
 * The FQDNs an MPLIST answer advertises: each MP's `FQDN`, or its `Name` when it has no `FQDN`, in
 * document order without repeats (compared case-insensitively).
 */
export function advertisedFqdns(managementPoints: readonly AdvertisedManagementPoint[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const mp of managementPoints) {
    const fqdn = mp.fqdn ?? mp.name;
    if (fqdn === null || fqdn === "" || seen.has(fqdn.toLowerCase())) continue;
    seen.add(fqdn.toLowerCase());
    out.push(fqdn);
  }
  return out;
}

/**
 * Decodes an answer's bytes: a byte order mark wins, then the `charset` of the content type, then UTF-8
 * (an unknown charset falls back to UTF-8 rather than failing the probe).
 */
export function decodeBody(bytes: Uint8Array, contentType: string | null): string {
  let label = "utf-8";
  if (bytes[0] === 0xff && bytes[1] === 0xfe) label = "utf-16le";
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) label = "utf-16be";
  else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) label = "utf-8";
  else {
    const charset = /charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? "")?.[1];
    if (charset !== undefined) label = charset.toLowerCase() === "utf-16" ? "utf-16le" : charset;
  }
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}
