// YAML scenario text → data, with its aliases priced first. An alias is a reference in memory but a copy on
// every output (`run --print-scenario`, the studio page, each sweep variant), so a small file whose aliases
// nest can print hundreds of MiB: the text is measured as if every alias were written out, in one pass
// over the parsed nodes, and refused above the limit of a file before anything is validated or printed.
import { isAlias, isCollection, isPair, isScalar, parseDocument, type Node as YamlNode } from "yaml";
import { ScenarioError } from "../errors.js";

/** The largest text a YAML file may stand for once its aliases are written out: that of a file. */
export const MAX_EXPANDED_BYTES = 10 * 1024 * 1024;

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/**
 * Characters the document's text would have with every alias replaced by its anchor's text, and the alias
 * that stands for the most of it. Anchors come before their aliases in the text, so one walk in document
 * order knows each alias's size when it meets it (the last anchor of that name before it, as YAML says).
 */
export function expandedYamlSize(root: unknown): { bytes: number; largest: string; largestBytes: number } {
  const anchors = new Map<string, number>();
  let largest = "";
  let largestBytes = 0;
  const own = (node: YamlNode): number => {
    const range = node.range;
    return range ? Math.max(0, range[1] - range[0]) : 0;
  };
  // The recursion follows the text's nesting, already bounded (64 levels) before this runs.
  const size = (node: unknown): number => {
    if (isPair(node)) return size(node.key) + size(node.value);
    if (isAlias(node)) {
      // An alias inside its own anchor (a cycle) has no size yet: infinite when written out.
      const bytes = anchors.get(node.source) ?? Infinity;
      if (bytes > largestBytes) [largest, largestBytes] = [node.source, bytes];
      return bytes;
    }
    if (isScalar(node) || isCollection(node)) {
      let bytes = own(node);
      if (isCollection(node)) {
        // A collection's text holds its aliases' text: add what each stands for beyond its own.
        for (const item of node.items) bytes += size(item) - textOf(item);
      }
      if (node.anchor !== undefined) anchors.set(node.anchor, bytes);
      return bytes;
    }
    return 0;
  };
  // The text an item occupies in the file (a pair: its key's and its value's).
  const textOf = (node: unknown): number => {
    if (isPair(node)) return textOf(node.key) + textOf(node.value);
    if (isAlias(node) || isScalar(node) || isCollection(node)) return own(node);
    return 0;
  };
  return { bytes: size(root), largest, largestBytes };
}

/**
 * Parses YAML scenario text: repeated keys refused, at most 100 aliases, and the text its aliases stand for
 * at most `MAX_EXPANDED_BYTES`.
 * @throws ScenarioError naming the alias that expands most; the parser's own error (as `yaml.parse` throws)
 */
export function parseYamlText(text: string): unknown {
  const document = parseDocument(text, { uniqueKeys: true, logLevel: "error" });
  const [first] = document.errors;
  if (first !== undefined) throw first;
  // The parser's own cap first (at most 100 aliases, weighted by what they hold): the values it builds
  // share each anchor's, so this costs the file's size, not the aliases'.
  const data = document.toJS({ maxAliasCount: 100 }) as unknown;
  const expanded = expandedYamlSize(document.contents);
  if (expanded.bytes > MAX_EXPANDED_BYTES)
    throw new ScenarioError(
      `its aliases stand for ${Number.isFinite(expanded.bytes) ? `${mib(expanded.bytes)} of text` : "text without end"} once written out, and a file may hold ${mib(MAX_EXPANDED_BYTES)}; the largest is *${expanded.largest} (${Number.isFinite(expanded.largestBytes) ? mib(expanded.largestBytes) : "an alias inside its own anchor"}): write fewer aliases of it`,
    );
  return data;
}
