// The studio page, built as a string: the scenario embedded, controls generated from it, the places the
// numbers and charts go, and the page's script (which starts the simulator in a worker from its own text).
// Pure: the same scenario, scripts and command give the same bytes (no clock, ids numbered in order).
import { sha256 } from "@noble/hashes/sha2.js";
import { documentHead, escapeHtml, htmlTable, pageFooter, raw } from "../report/html/document.js";
import { writtenForm } from "../scenario/load.js";
import type { Scenario } from "../scenario/schema.js";
import { scenarioControls, type Control, type ControlGroup } from "./controls.js";
import { HEADLINES, scenarioNumbers, studioHeadlines, type Headline, type NumberRow } from "./metrics.js";
import { PAIRED_RUNS } from "./paired.js";
import { checkStudioPage } from "./pageSize.js";
import { isStructural } from "./structure.js";
import { studioCss } from "./styles.js";
import { tableFitCss } from "../report/html/tableFit.js";

/** What a studio page is made of. */
export interface StudioPageInput {
  /** The starting point: the file with any `--set` and `--seed` of the command applied. */
  readonly scenario: Scenario;
  /** The page's script (the browser bundle of `src/studio/app.ts`). */
  readonly appScript: string;
  /** The worker's script (the browser bundle of `src/studio/worker.ts`: the simulator and the charts). */
  readonly workerScript: string;
  /** The command that made the page, for the footer. */
  readonly command: string;
}

/** A finished studio page. */
export interface StudioPage {
  readonly html: string;
  /** Controls generated. */
  readonly controls: number;
}

/** JSON that is safe inside a `<script>` element: `<` escaped, so no `</script` or `<!--` can occur. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** The CSP source of a script element's text: `'sha256-…'`. */
export function scriptHash(text: string): string {
  const digest = sha256(new TextEncoder().encode(text));
  return `'sha256-${btoa(String.fromCharCode(...digest))}'`;
}

// Nothing leaves the page: the only script is this page's own (by hash), the only worker one it makes from
// a Blob, no fetch, no font, no image but inline ones.
function csp(scriptSource: string): string {
  return [
    "default-src 'none'",
    `script-src ${scriptHash(scriptSource)}`,
    "worker-src blob:",
    "style-src 'unsafe-inline'",
    "img-src data:",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/**
 * A select offering more choices than this writes only its chosen one, and names a list the page holds once
 * (`#mdmsim-options`): every management point offers every replica and every group every management point,
 * so written out in each control the page would grow with their product. The page's script fills a select
 * from its list (app.ts).
 */
const SHARE_OPTIONS_ABOVE = 8;

/**
 * Choices of shared lists the page's script may copy into selects at once. Above, each such control is a
 * text field offering the page's one `<datalist>` instead: filled selects would hold every replica per
 * management point, and a select filled only when first used would refuse a value a script sets.
 */
const SELECT_OPTIONS_AT_MOST = 20_000;

/** The option lists the page holds once, numbered in order of first use (the same array, the same list). */
class SharedLists {
  private readonly ids = new Map<readonly string[], number>();
  private readonly lists: string[] = [];

  /** @param asDatalists - whether the lists are `<datalist>`s of text fields, else `<template>`s of selects */
  constructor(readonly asDatalists: boolean) {}

  idOf(options: readonly string[], labels: readonly string[] | undefined): number {
    let id = this.ids.get(options);
    if (id === undefined) {
      id = this.lists.length;
      this.ids.set(options, id);
      if (this.asDatalists) {
        const html = options.map((o, i) => datalistOptionHtml(o, labels?.[i] ?? o)).join("");
        this.lists.push(`<datalist id="mdmsim-options-${id}">${html}</datalist>`);
      } else {
        const html = options.map((o, i) => optionHtml(o, labels?.[i] ?? o, false)).join("");
        this.lists.push(`<template id="mdmsim-options-${id}">${html}</template>`);
      }
    }
    return id;
  }

  /** The lists: inert `<template>` elements the page's script clones into a select, or datalists. */
  html(): string {
    return this.lists.join("\n");
  }
}

/** The choices all shared-list controls together offer. */
function sharedChoices(groups: readonly ControlGroup[]): number {
  let count = 0;
  for (const group of groups)
    for (const control of group.controls)
      if (control.options !== undefined && control.options.length > SHARE_OPTIONS_ABOVE)
        count += control.options.length;
  return count;
}

function optionHtml(value: string, label: string, selected: boolean): string {
  return `<option value="${escapeHtml(value)}"${selected ? " selected" : ""}>${escapeHtml(label)}</option>`;
}

function datalistOptionHtml(value: string, label: string): string {
  return `<option value="${escapeHtml(value)}"${label !== value ? ` label="${escapeHtml(label)}"` : ""}></option>`;
}

const textInput = (control: Control, attrs: string) =>
  `<input type="text" ${attrs} value="${escapeHtml(control.value)}" spellcheck="false" autocomplete="off">`;

function selectHtml(
  control: Control,
  options: readonly string[],
  attrs: string,
  shared: SharedLists,
): string {
  const label = (i: number) => control.optionLabels?.[i] ?? options[i] ?? "";
  if (options.length <= SHARE_OPTIONS_ABOVE)
    return `<select ${attrs}>${options.map((o, i) => optionHtml(o, label(i), o === control.value)).join("")}</select>`;
  const id = shared.idOf(options, control.optionLabels);
  if (shared.asDatalists) return textInput(control, `${attrs} list="mdmsim-options-${id}"`);
  const chosen = options.indexOf(control.value);
  return `<select ${attrs} data-options="${id}">${optionHtml(control.value, chosen >= 0 ? label(chosen) : control.value, true)}</select>`;
}

function controlHtml(control: Control, id: string, shared: SharedLists): string {
  // A structural what-if's field is named apart: every `data-path` is a path `--set` takes.
  const named = isStructural(control) ? "data-what-if" : "data-path";
  const attrs = `id="${id}" name="${escapeHtml(control.path)}" ${named}="${escapeHtml(control.path)}" data-original="${escapeHtml(control.value)}" aria-describedby="${id}-hint ${id}-error"${control.resets !== undefined ? ` data-resets="${escapeHtml(control.resets)}"` : ""}`;
  const field = control.options
    ? selectHtml(control, control.options, attrs, shared)
    : textInput(control, attrs);
  return [
    `<div class="field">`,
    `<label for="${id}">${escapeHtml(control.label)}</label>`,
    field,
    `<small class="hint" id="${id}-hint"><code>${escapeHtml(control.path)}</code> · ${escapeHtml(control.hint)}</small>`,
    `<small class="error" id="${id}-error" role="alert"></small>`,
    `</div>`,
  ].join("");
}

function controlsHtml(groups: readonly ControlGroup[], shared: SharedLists): string {
  let n = 0;
  return groups
    .map((g) => {
      const fields = g.controls.map((c) => controlHtml(c, `control-${++n}`, shared)).join("\n");
      const note =
        g.replica !== undefined
          ? `<p class="note" data-replica-note="${escapeHtml(g.replica)}" aria-live="polite"></p>\n`
          : "";
      return `<fieldset><legend>${escapeHtml(g.title)}</legend>\n${note}${fields}\n</fieldset>`;
    })
    .join("\n");
}

function headlinesHtml(): string {
  const cards = HEADLINES.map(
    (h) =>
      `<div class="card"><div class="value" data-metric="${escapeHtml(h.path)}" data-value="">…</div><div class="label">${escapeHtml(h.label)}</div><div class="counts">${escapeHtml(h.counts)}</div></div>`,
  );
  return `<div class="cards live">\n${cards.join("\n")}\n</div>`;
}

/** A table of a scenario's own numbers: a row per management point or deployment, a live cell per number. */
function numberTable(
  title: string,
  first: string,
  columns: readonly string[],
  rows: readonly NumberRow[],
): string {
  if (rows.length === 0) return "";
  const cell = (h: Headline) => ({
    value: raw(`<span data-metric="${escapeHtml(h.path)}" data-value="">…</span>`),
    className: "num",
  });
  return `<h3>${escapeHtml(title)}</h3>\n${htmlTable(
    [first, ...columns],
    rows.map((row) => [row.name, ...row.numbers.map(cell)]),
  )}`;
}

/** The management points' fallbacks and the deployments' numbers, when the scenario has them. */
function scenarioNumbersHtml(scenario: Scenario): string {
  const own = scenarioNumbers(scenario);
  return [
    numberTable(
      "Clients falling back",
      "management point",
      ["fell back from it", "fell back to it", "returned to it"],
      own.fallbacks,
    ),
    numberTable(
      "Deployments",
      "deployment",
      ["received", "not received", "received after, mean", "p90"],
      own.deployments,
    ),
  ]
    .filter((s) => s !== "")
    .map((s) => `<div class="live">\n${s}\n</div>`)
    .join("\n");
}

function compareHtml(headlines: readonly Headline[]): string {
  const cell = (kind: string, path: string) =>
    `<td class="num" data-${kind}-metric="${escapeHtml(path)}">${kind === "file" || kind === "edited" || kind === "difference" ? "…" : "–"}</td>`;
  const rows = headlines.map(
    (h) =>
      `<tr><th scope="row">${escapeHtml(h.label)}<br><code>${escapeHtml(h.path)}</code></th>${["file", "edited", "difference", "paired", "relative", "verdict"].map((k) => cell(k, h.path)).join("")}</tr>`,
  );
  const runs = PAIRED_RUNS.map(
    (n) => `<option value="${n}"${n === 10 ? " selected" : ""}>${n} seeds</option>`,
  ).join("");
  return [
    `<p class="muted">Each number of this what-if beside the same number for the file, both run with the same seed (the same random draws for each device): the difference is the edits' effect on this run. The paired comparison runs both over several seeds, as <code>mdmsim compare</code> does, and gives the mean of the per-seed differences with its 95% interval, the change in percent and a verdict.</p>`,
    `<div class="actions"><label for="paired-runs">Paired over</label><select id="paired-runs">${runs}</select><button type="button" data-action="paired-compare">Paired comparison</button></div>`,
    `<div class="scroll live"><table class="compare"><thead><tr><th>number</th><th class="num">the file</th><th class="num">this what-if</th><th class="num">difference</th><th class="num">paired difference</th><th class="num">change</th><th>verdict</th></tr></thead><tbody>`,
    ...rows,
    `</tbody></table></div>`,
  ].join("\n");
}

/**
 * The file name "Download scenario" suggests: the scenario's name and `-whatif`, so that saving it never
 * overwrites the file it started from (`baseline.json` → `baseline-whatif.json`). Characters a file name
 * cannot hold on some system become `-`.
 */
export function downloadName(scenarioName: string): string {
  const safe = scenarioName.replace(/[\\/:*?"<>|\s]+/g, "-").replace(/^[-.]+|-+$/g, "");
  return `${safe === "" ? "scenario" : safe}-whatif.json`;
}

/** Builds the studio page of a scenario. */
export function buildStudioPage(input: StudioPageInput): StudioPage {
  const { scenario } = input;
  const data = scriptSafeJson(writtenForm(scenario) ?? scenario);
  // Priced before any control is made: the page past its limit is refused, not built.
  checkStudioPage(scenario, data.length, input.appScript.length + input.workerScript.length);
  const groups = scenarioControls(scenario);
  const shared = new SharedLists(sharedChoices(groups) > SELECT_OPTIONS_AT_MOST);
  const title = `mdmsim studio: ${scenario.name}`;
  // The worker's text travels as a JSON string inside the page's one script: covered by its hash, and no
  // sequence in it can end the script element.
  const script = `var mdmsimWorkerSource = ${scriptSafeJson(input.workerScript)};\n${input.appScript}`;
  if (/<\/script|<!--/i.test(input.appScript))
    throw new Error("the studio's page script contains </script or <!--, which would end its element");
  const devices = scenario.devices.reduce((sum, g) => sum + g.count, 0);
  // Built before the head: the head carries the table-fit rules of the tables the body holds.
  const body = `
<header>
<h1>${escapeHtml(title)}</h1>
${scenario.description !== "" ? `<p class="lede">${escapeHtml(scenario.description)}</p>` : ""}
<p class="meta">${devices} devices · seed ${scenario.seed} at the start. Change a value and the simulator, running in this page, recomputes the numbers and charts; nothing is sent anywhere. The address keeps your edits: copy it to share this what-if.</p>
</header>
<div class="statusbar">
<p class="status" role="status" aria-live="polite"><span class="dot" aria-hidden="true"></span><span id="status-text">Simulating…</span></p>
<p class="problem" id="problem" role="alert"></p>
</div>
<main class="studio">
<form class="controls" id="controls" aria-labelledby="controls-title" novalidate>
<h2 id="controls-title">What if…</h2>
<div class="actions">
<a data-action="download-scenario" href="#" download="${escapeHtml(downloadName(scenario.name))}">Download scenario</a>
<button type="button" data-action="reset">Undo all edits</button>
</div>
${controlsHtml(groups, shared)}
${shared.html()}
</form>
<div class="results">
<section id="numbers" aria-labelledby="numbers-title">
<h2 id="numbers-title">Headline numbers</h2>
${[headlinesHtml(), scenarioNumbersHtml(scenario)].filter((s) => s !== "").join("\n")}
</section>
<section id="charts" aria-labelledby="charts-title">
<h2 id="charts-title">Charts</h2>
<div id="figures" class="live"></div>
</section>
</div>
</main>
<section id="compare" aria-labelledby="compare-title">
<h2 id="compare-title">Compare with the file</h2>
${compareHtml(studioHeadlines(scenario))}
</section>
${pageFooter(input.command)}
<script>${script}</script>
`;
  return {
    controls: groups.reduce((sum, g) => sum + g.controls.length, 0),
    html: `${documentHead(title, csp(script), [studioCss(), tableFitCss(body)].filter((c) => c !== "").join("\n"))}
<script type="application/json" id="mdmsim-scenario">${data}</script>
</head>
<body data-state="running">${body}</body>
</html>
`,
  };
}
