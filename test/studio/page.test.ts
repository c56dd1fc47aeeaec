// The studio page as text: one script, allowed by its hash and nothing else; the scenario embedded; a
// labelled control per override path; the same bytes for the same inputs.
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { writtenForm } from "../../src/scenario/load.js";
import { applyOverrides } from "../../src/scenario/overrides.js";
import { scenarioControls } from "../../src/studio/controls.js";
import { HEADLINES, studioHeadlines } from "../../src/studio/metrics.js";
import { buildStudioPage, downloadName, scriptSafeJson } from "../../src/studio/page.js";
import type { Scenario } from "../../src/scenario/schema.js";
import { isStructural } from "../../src/studio/structure.js";
import { loadScenario } from "../../src/scenario/load.js";
import { bundled, clientScenario } from "../report/helpers.js";

/** Text of an attribute as escapeHtml wrote it. */
const unescape = (text: string | undefined) =>
  (text ?? "")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The baseline with `count` more management points, each reading one of `count` replicas. */
function manyMps(count: number): Scenario {
  const base = writtenForm(bundled("baseline")) as {
    site: {
      servers: { name: string; roles: { managementPoint: object } }[];
      boundaryGroups: { servers: string[] }[];
    };
  };
  const server = base.site.servers[0]!;
  const names = Array.from({ length: count }, (_, i) => `mp${i}.corp.contoso.com`);
  return loadScenario({
    ...base,
    site: {
      ...base.site,
      replicas: Array.from({ length: count }, (_, i) => ({ name: `replica${i}`, syncInterval: "1h" })),
      servers: [
        {
          ...server,
          roles: { ...server.roles, managementPoint: { ...server.roles.managementPoint, database: "site" } },
        },
        ...names.map((name, i) => ({
          name,
          roles: { managementPoint: { ...server.roles.managementPoint, database: `replica${i}` } },
        })),
      ],
      boundaryGroups: [{ ...base.site.boundaryGroups[0], servers: [server.name, ...names] }],
    },
  });
}

const input = {
  scenario: bundled("two-dmps"),
  appScript: "console.log(mdmsimWorkerSource.length);",
  workerScript: 'postMessage("</script><!-- \u2028");',
  command: "mdmsim studio scenarios/two-dmps.json",
};

const scriptOf = (html: string) => /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? "";
const cspOf = (html: string) =>
  /http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html)?.[1] ?? "";

describe("buildStudioPage", () => {
  it("allows only its own script, by hash, and workers from blobs: no request of any kind", () => {
    const { html } = buildStudioPage(input);
    const script = scriptOf(html);
    const hash = createHash("sha256").update(script, "utf8").digest("base64");
    expect(cspOf(html)).toBe(
      `default-src 'none'; script-src 'sha256-${hash}'; worker-src blob:; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`,
    );
    // One executed script; the scenario rides in a data block.
    expect(html.match(/<script[ >]/g)).toHaveLength(2);
    expect(html).toContain('<script type="application/json" id="mdmsim-scenario">');
    expect(html.match(/<\/script>/g)).toHaveLength(2);
    expect(html).not.toMatch(/\ssrc=|<link|@import|url\(http/);
  });

  it("carries the worker's text as a string the script element cannot end early on", () => {
    const script = scriptOf(buildStudioPage(input).html);
    expect(script).not.toMatch(/<\/script|<!--/i);
    const declared = /^var mdmsimWorkerSource = (.*);\n/.exec(script)?.[1] ?? "";
    expect(JSON.parse(declared)).toBe(input.workerScript);
    expect(script.endsWith(input.appScript)).toBe(true);
    expect(() => buildStudioPage({ ...input, appScript: 'x = "</script>"' })).toThrow(/<\/script/);
  });

  it("embeds the scenario as written (the starting point's edits included)", () => {
    const scenario = applyOverrides(input.scenario, ["seed=9", "devices.0.count=50"]);
    const { html } = buildStudioPage({ ...input, scenario });
    const data = /<script type="application\/json" id="mdmsim-scenario">([\s\S]*?)<\/script>/.exec(html)?.[1];
    expect(JSON.parse(data ?? "")).toEqual(writtenForm(scenario));
    expect(scriptSafeJson({ a: "</script>" })).toBe('{"a":"\\u003c/script>"}');
  });

  it("has a labelled, described control per override path and an element per headline number", () => {
    const { html, controls } = buildStudioPage(input);
    const expected = scenarioControls(input.scenario).flatMap((g) => g.controls);
    expect(controls).toBe(expected.length);
    const found = [
      ...html.matchAll(/<(input|select) [^>]*id="(control-\d+)"[^>]*(data-path|data-what-if)="([^"]+)"/g),
    ];
    expect(found.map((m) => m[4])).toEqual(expected.map((c) => c.path.replace(/"/g, "&quot;")));
    // A structural what-if's field is data-what-if: every data-path is a path --set takes.
    expect(found.map((m) => m[3])).toEqual(
      expected.map((c) => (isStructural(c) ? "data-what-if" : "data-path")),
    );
    for (const m of found) {
      expect(html).toContain(`<label for="${m[2]}">`);
      expect(html).toContain(`aria-describedby="${m[2]}-hint ${m[2]}-error"`);
    }
    const metrics = [...html.matchAll(/data-metric="([^"]+)" data-value=""/g)].map((m) => m[1]);
    expect(metrics).toEqual(HEADLINES.map((h) => h.path));
    expect(html).toContain('data-action="download-scenario"');
    expect(html).toContain('<body data-state="running">');
  });

  it.each(["two-dmps", "mixed-windows-macos", "baseline"])(
    "%s: every data-path field's value and choices are text --set takes at that path",
    (name) => {
      const scenario = bundled(name);
      const { html } = buildStudioPage({ ...input, scenario });
      const fields = [
        ...html.matchAll(/<(input|select) [^>]*data-path="([^"]+)" data-original="([^"]*)"[^>]*>/g),
      ].map((m) => {
        const end = m[1] === "select" ? html.indexOf("</select>", m.index) : m.index;
        return [m[0], m[1], m[2], m[3], html.slice(m.index, end)] as const;
      });
      expect(fields.length).toBeGreaterThan(10);
      for (const [, , path, original, options] of fields) {
        const values = [original, ...[...options.matchAll(/<option value="([^"]*)"/g)].map((m) => m[1])];
        for (const value of values)
          expect(
            () => applyOverrides(scenario, [`${unescape(path)}=${unescape(value)}`]),
            `${path}=${value}`,
          ).not.toThrow();
      }
    },
  );

  it("offers long shared lists as text fields with one datalist, short ones as selects the script fills", () => {
    const many = buildStudioPage({ ...input, scenario: manyMps(160) }).html;
    expect(many).not.toContain("<template");
    expect(many.match(/<datalist id="mdmsim-options-\d+">/g)).toHaveLength(2);
    expect(many.match(/<option value="replica159"/g)).toHaveLength(1);
    expect(many).toMatch(
      /<input type="text" [^>]*data-path="site\.servers\.mp7\.corp\.contoso\.com\.roles\.managementPoint\.database" data-original="replica7"[^>]* list="mdmsim-options-\d+" value="replica7"/,
    );
    const few = buildStudioPage({ ...input, scenario: manyMps(12) }).html;
    expect(few).not.toContain("<datalist");
    expect(few.match(/<template id="mdmsim-options-\d+">/g)).toHaveLength(2);
  });

  it("gives the same bytes for the same inputs", () => {
    expect(buildStudioPage(input).html).toBe(buildStudioPage(input).html);
  });

  it("shows a client site's fallbacks and deployments in tables of live numbers, and compares them all", () => {
    const scenario = clientScenario();
    const { html } = buildStudioPage({ ...input, scenario });
    const metrics = [...html.matchAll(/data-metric="([^"]+)" data-value=""/g)].map((m) => m[1]);
    expect(metrics).toEqual(studioHeadlines(scenario).map((h) => h.path));
    expect(html).toContain("<h3>Clients falling back</h3>");
    expect(html).toContain(
      '<tr><td>mp-a.corp.contoso.com</td><td class="num"><span data-metric="managementPoints.mp-a.corp.contoso.com.fallbacksFrom" data-value="">…</span></td>',
    );
    expect(html).toContain("<h3>Deployments</h3>");
    expect(html).toContain('<span data-metric="deployments.app.receivedAfterSeconds.p90" data-value="">');
    const compared = [...html.matchAll(/data-file-metric="([^"]+)"/g)].map((m) => m[1]);
    expect(compared).toEqual(studioHeadlines(scenario).map((h) => h.path));
    // An MDM site without deployments has neither table.
    expect(buildStudioPage(input).html).not.toContain("<h3>Clients falling back</h3>");
  });

  it("turns a table too wide for a narrow window into cards, as the report does", () => {
    // A long management point name makes the fallback table wider than a 700 px window's column.
    const long = "mp-a.a-rather-long-branch-office-subdomain.corp.contoso.com";
    const scenario = JSON.parse(
      JSON.stringify(clientScenario()).replaceAll("mp-a.corp.contoso.com", long),
    ) as Scenario;
    const { html } = buildStudioPage({ ...input, scenario });
    const fit = /class="scroll (fit-\d+)"/.exec(html)?.[1];
    expect(fit).toBeDefined();
    expect(html).toContain(`@container table-box (max-width:${fit!.slice(4)}px){.${fit} table{display:block`);
    // A page whose tables all fit carries no such rule.
    expect(buildStudioPage(input).html).not.toContain("@container table-box");
  });

  it("labels each card with what it counts, and saves the download under a name of its own", () => {
    const { html } = buildStudioPage(input);
    for (const h of HEADLINES)
      expect(html).toContain(
        `data-metric="${h.path}" data-value="">…</div><div class="label">${h.label}</div><div class="counts">${h.counts}</div>`,
      );
    expect(html).toContain('<a data-action="download-scenario" href="#" download="two-dmps-whatif.json">');
    expect(downloadName("baseline")).toBe("baseline-whatif.json");
    expect(downloadName("site A: west/east")).toBe("site-A-west-east-whatif.json");
    expect(downloadName("..")).toBe("scenario-whatif.json");
  });

  it("has a place under each replica's title to say whether a management point reads it", () => {
    const { html } = buildStudioPage({ ...input, scenario: bundled("baseline") });
    expect(html).toContain(
      '<fieldset><legend>Replica replica1</legend>\n<p class="note" data-replica-note="replica1" aria-live="polite"></p>',
    );
  });
});
