// The report's stylesheet: readable on a light page, a dark page (prefers-color-scheme) and paper.
import { NOWRAP_CELLS } from "./tableFit.js";
import { chartColorCss } from "./theme.js";

/** The whole stylesheet of a report (inlined in its <style>). */
export function reportCss(): string {
  return `
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1d2328;--muted:#5b6670;--line:#d5dbe0;--panel:#f4f6f8;
--ok:#1e7a3c;--ok-bg:#e3f4e8;--bad:#b42318;--bad-bg:#fde8e6;--warn:#8a5a00;--warn-bg:#fff3d6;--info:#1f5f99;--info-bg:#e4eef8}
@media (prefers-color-scheme: dark){:root{--bg:#15191d;--fg:#e3e8ec;--muted:#9aa6b0;--line:#343c44;--panel:#1e242a;
--ok:#6fd08c;--ok-bg:#173322;--bad:#ff8a80;--bad-bg:#3a1d1b;--warn:#f2c447;--warn-bg:#352b12;--info:#8cc2f2;--info-bg:#182a3c}}
@media print{:root{color-scheme:light;--bg:#ffffff;--fg:#000000;--muted:#444444;--line:#bbbbbb;--panel:#f4f4f4;
--ok:#1e7a3c;--ok-bg:#ffffff;--bad:#b42318;--bad-bg:#ffffff;--warn:#8a5a00;--warn-bg:#ffffff;--info:#1f5f99;--info-bg:#ffffff}}
*{box-sizing:border-box}
html{background:var(--bg);color:var(--fg)}
body{margin:0 auto;max-width:980px;padding:24px 28px 48px;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
h1{font-size:1.7em;margin:0 0 4px;line-height:1.25}
h2{font-size:1.25em;margin:36px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line)}
h3{font-size:1.02em;margin:20px 0 6px}
p{margin:6px 0}
code{font:0.92em/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;overflow-wrap:anywhere}
.muted,figcaption{color:var(--muted)}
.lede{max-width:75ch}
header .meta{color:var(--muted);font-size:0.92em}
nav{margin:14px 0 0;font-size:0.92em}
nav a{color:inherit;margin-right:14px;text-decoration:none;border-bottom:1px dotted var(--muted)}
.cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));gap:10px;margin:12px 0}
.card{background:var(--panel);border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.card .value{font-size:1.45em;font-weight:600;font-variant-numeric:tabular-nums}
.card .label{color:var(--muted);font-size:0.85em}
.verdict{display:inline-block;padding:2px 10px;border-radius:999px;font-weight:600;font-size:0.9em}
.verdict.pass{color:var(--ok);background:var(--ok-bg);border:1px solid var(--ok)}
.verdict.fail{color:var(--bad);background:var(--bad-bg);border:1px solid var(--bad)}
table{border-collapse:collapse;margin:8px 0 4px;font-size:0.9em;font-variant-numeric:tabular-nums}
th,td{border:1px solid var(--line);padding:4px 8px;text-align:left;vertical-align:top}
th{background:var(--panel);font-weight:600}
th code{overflow-wrap:normal}
td.num{text-align:right}
${NOWRAP_CELLS.map((c) => `td.${c}`).join(",")}{white-space:nowrap}
td code{overflow-wrap:normal}
.scroll{overflow-x:auto;max-width:100%}
.scroll[class*=" fit-"]{container:table-box/inline-size}
.tag{display:inline-block;padding:0 6px;border-radius:4px;font-size:0.85em;font-weight:600;white-space:nowrap}
.tag.pass,.tag.ok{color:var(--ok);background:var(--ok-bg)}
.tag.fail,.tag.error,.tag.refused{color:var(--bad);background:var(--bad-bg)}
.tag.warning{color:var(--warn);background:var(--warn-bg)}
.tag.info{color:var(--info);background:var(--info-bg)}
td.reach-ok{color:var(--ok)}
td.reach-refused{color:var(--bad);background:var(--bad-bg)}
.fix{margin-top:4px}
code.id{font-weight:600;white-space:nowrap}
.source{color:var(--muted);font-size:0.85em}
figure{margin:16px 0 24px;break-inside:avoid;page-break-inside:avoid}
figure.chart svg{display:block;max-width:100%;height:auto;color:var(--fg)}
.chart-grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(430px,1fr));gap:0 24px}
figcaption{font-size:0.88em;margin-top:4px;max-width:85ch}
footer{margin-top:40px;color:var(--muted);font-size:0.85em;border-top:1px solid var(--line);padding-top:8px}
@media print{body{max-width:none;padding:0;font-size:11pt}nav{display:none}h2{break-after:avoid;page-break-after:avoid}
section{break-inside:auto}.scroll{overflow:visible}table,.cards{break-inside:avoid;page-break-inside:avoid}a{color:inherit;text-decoration:none}
.card{border-color:#999}}
${chartColorCss("figure.chart")}
`.trim();
}
