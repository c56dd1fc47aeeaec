// A YAML scenario whose aliases stay under the parser's cap (100) but stand for far more text than the file:
// the baseline's first server with `windows` outages, then `copies` servers that alias its outage list.
import { BASELINE_TEXT } from "./cli.js";

export function aliasBomb(windows: number, copies: number): string {
  const baseline = JSON.parse(BASELINE_TEXT) as {
    site: { servers: Record<string, unknown>[]; boundaryGroups: Record<string, unknown>[] };
  } & Record<string, unknown>;
  const server = baseline.site.servers[0]!;
  const names = Array.from({ length: copies + 1 }, (_, i) => `cm${i}.corp.contoso.com`);
  const outages = Array.from(
    { length: windows },
    (_, i) => `      - { from: ${2 * i + 1}s, to: ${2 * i + 2}s }`,
  );
  // Written as YAML by hand: JSON for the fixed parts (YAML reads it), block lists where the alias goes.
  const lines = [
    ...Object.entries(baseline)
      .filter(([k]) => k !== "site")
      .map(([k, v]) => `${k}: ${JSON.stringify(v)}`),
    "site:",
    ...Object.entries(baseline.site)
      .filter(([k]) => k !== "servers" && k !== "boundaryGroups")
      .map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`),
    `  boundaryGroups: ${JSON.stringify([{ ...baseline.site.boundaryGroups[0], servers: names }])}`,
    "  servers:",
    ...names.flatMap((name, i) => {
      const fixed = Object.entries({ ...server, name }).map(([k, v]) => `      ${k}: ${JSON.stringify(v)}`);
      fixed[0] = `    - ${fixed[0]!.trimStart()}`;
      return i === 0 ? [...fixed, "      outages: &o", ...outages] : [...fixed, "      outages: *o"];
    }),
  ];
  return lines.join("\n") + "\n";
}
