// The studio's stylesheet: the report's (light, dark, print, chart colours) plus the controls and the
// two-column layout, which folds into one column on narrow windows.
import { reportCss } from "../report/html/styles.js";

/** The whole stylesheet of the studio page. */
export function studioCss(): string {
  return `${reportCss()}
body{max-width:1320px}
.studio{display:grid;grid-template-columns:minmax(250px,320px) minmax(0,1fr);gap:28px;align-items:start}
@media (max-width:900px){.studio{grid-template-columns:minmax(0,1fr)}}
.controls .note{color:var(--muted);font-size:0.85em;margin:4px 0}
.controls .note:empty{display:none}
.problem .sentence{display:block}
.card .label{color:var(--fg)}
.card .value .aside{font-size:0.62em;font-weight:400;color:var(--muted);white-space:nowrap}
.card .counts{color:var(--muted);font-size:0.78em;margin-top:2px}
.controls h2,.results h2{margin-top:8px}
.controls fieldset{border:1px solid var(--line);border-radius:8px;margin:0 0 12px;padding:6px 12px 10px;min-width:0}
.controls legend{font-weight:600;padding:0 4px;overflow-wrap:anywhere}
.field{margin:8px 0}
.field label{display:block;font-size:0.9em}
.field input,.field select{width:100%;font:0.95em/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:4px 6px;
background:var(--bg);color:var(--fg);border:1px solid var(--line);border-radius:4px}
.field.edited input,.field.edited select{border-color:var(--info);box-shadow:inset 3px 0 0 var(--info)}
.field input[aria-invalid="true"]{border-color:var(--bad);box-shadow:inset 3px 0 0 var(--bad)}
.field input:disabled,.field select:disabled{opacity:0.5}
.hint{display:block;color:var(--muted);font-size:0.78em;overflow-wrap:anywhere}
.error{display:block;color:var(--bad);font-size:0.85em;overflow-wrap:anywhere}
.error:empty{display:none}
input:focus-visible,select:focus-visible,button:focus-visible,a:focus-visible{outline:2px solid var(--info);outline-offset:2px}
.actions{display:flex;flex-wrap:wrap;gap:10px;align-items:center;margin:4px 0 16px}
.actions button,.actions a{font:inherit;font-size:0.92em;padding:5px 12px;border-radius:6px;border:1px solid var(--line);
background:var(--panel);color:var(--fg);text-decoration:none;cursor:pointer}
.statusbar{position:sticky;top:0;z-index:1;background:var(--bg);padding:6px 0;margin:0 0 8px;border-bottom:1px solid var(--line)}
.status{min-height:1.5em;color:var(--muted);font-size:0.92em;margin:0}
.status .dot{display:inline-block;width:0.6em;height:0.6em;border-radius:50%;margin-right:6px;background:var(--ok)}
body[data-state="running"] .status .dot{background:var(--warn)}
body[data-state="error"] .status .dot{background:var(--bad)}
body[data-state="running"] .live,body[data-state="error"] .live{opacity:0.55;transition:opacity 0.15s}
.problem{background:var(--bad-bg);color:var(--bad);border-radius:6px;padding:8px 12px;margin:8px 0;overflow-wrap:anywhere}
.problem:empty{display:none}
table.compare td.num,table.compare th.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
table.compare th code{font-size:0.8em;font-weight:400;color:var(--muted)}
@media (max-width:760px){table.compare th code,table.compare th br{display:none}table.compare{font-size:0.82em}}
.actions select{font:inherit;font-size:0.92em;padding:4px 6px;border-radius:6px;border:1px solid var(--line);background:var(--bg);color:var(--fg)}
`;
}
