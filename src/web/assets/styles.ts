/** The pages' one stylesheet, served by the Worker as /assets/app.css (no CDN). Mobile first; wider screens at 48rem. */
export const APP_CSS = `
:root {
  --ink: #1b1f24; --muted: #56606b; --line: #d0d7de; --paper: #ffffff; --wash: #f5f7f9;
  --brand: #0b4f8a; --brand-ink: #ffffff; --focus: #f5a623;
  --allow: #1e7b34; --allow-wash: #e6f4ea; --review: #9a6700; --review-wash: #fff4d6;
  --reject: #b3261e; --reject-wash: #fdecea;
  font-family: system-ui, -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  line-height: 1.6; color: var(--ink); background: var(--wash);
}
* { box-sizing: border-box; }
body { margin: 0; font-size: 1rem; }
a { color: var(--brand); }
a:hover { text-decoration-thickness: 2px; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; }
.skip { position: absolute; left: -999px; top: 0; background: var(--paper); padding: .5rem 1rem; z-index: 10; }
.skip:focus { left: .5rem; top: .5rem; }
.site-header { background: var(--brand); color: var(--brand-ink); padding: .5rem 1rem; }
.site-header a { color: var(--brand-ink); }
.site-header .brand { font-weight: 700; text-decoration: none; font-size: 1.1rem; }
.site-header .who { font-size: .9rem; display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; margin-top: .25rem; }
.site-header .who form { display: inline; margin: 0; }
.site-header .who button { background: transparent; color: var(--brand-ink); border: 1px solid var(--brand-ink); padding: .15rem .6rem; font-size: .85rem; }
.site-nav ul { list-style: none; display: flex; flex-wrap: wrap; gap: .25rem .9rem; margin: .4rem 0 0; padding: 0; }
.site-nav a { display: inline-block; padding: .2rem 0; }
.site-nav a[aria-current="page"] { font-weight: 700; text-decoration-thickness: 3px; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
.site-footer { max-width: 72rem; margin: 2rem auto 1rem; padding: 0 1rem; color: var(--muted); font-size: .85rem; }
h1 { font-size: 1.5rem; line-height: 1.3; margin: .5rem 0 1rem; }
h2 { font-size: 1.2rem; margin: 1.5rem 0 .6rem; }
h3 { font-size: 1.05rem; margin: 1rem 0 .4rem; }
.card { background: var(--paper); border: 1px solid var(--line); border-radius: 8px; padding: 1rem; margin: 0 0 1rem; }
.card > h2:first-child, .card > summary:first-child { margin-top: 0; }
.precheck-summary { margin: .3rem 0 0; font-weight: 600; }
.muted, .hint { color: var(--muted); font-size: .9rem; }
.hint { display: block; margin: .15rem 0 .35rem; }
label, legend { font-weight: 600; display: block; }
fieldset { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 1rem; padding: .6rem .8rem; }
legend { padding: 0 .3rem; }
.field { margin: 0 0 1rem; }
input[type=text], input[type=number], input[type=date], input[type=password], input[type=search], select, textarea, input[type=file] {
  display: block; width: 100%; font: inherit; padding: .5rem .6rem; border: 1px solid #8c959f; border-radius: 6px; background: var(--paper); color: var(--ink);
}
textarea { min-height: 7rem; resize: vertical; }
.choice { display: flex; gap: .5rem; align-items: flex-start; font-weight: 400; margin: .25rem 0; }
.choice input { margin-top: .35rem; width: 1.1rem; height: 1.1rem; flex: none; }
.choices { display: grid; grid-template-columns: repeat(auto-fill, minmax(10rem, 1fr)); gap: 0 1rem; }
[aria-invalid="true"] { border-color: var(--reject); box-shadow: 0 0 0 1px var(--reject); }
.field-error { color: var(--reject); font-weight: 600; margin: .2rem 0; }
.error-summary { border: 2px solid var(--reject); background: var(--reject-wash); border-radius: 6px; padding: .6rem 1rem; margin: 0 0 1rem; }
.error-summary h2 { margin: 0 0 .3rem; font-size: 1.05rem; color: var(--reject); }
.flash { border-left: 4px solid var(--allow); background: var(--allow-wash); padding: .6rem 1rem; margin: 0 0 1rem; border-radius: 4px; }
button, .button { font: inherit; cursor: pointer; border-radius: 6px; padding: .5rem 1rem; border: 1px solid var(--brand); background: var(--brand); color: var(--brand-ink); text-decoration: none; display: inline-block; }
button.secondary, .button.secondary { background: var(--paper); color: var(--brand); }
button.danger { background: var(--reject); border-color: var(--reject); }
button.small { padding: .2rem .6rem; font-size: .85rem; }
.actions { display: flex; flex-wrap: wrap; gap: .6rem; align-items: center; margin: 1rem 0; }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: 999px; font-size: .85rem; font-weight: 600; border: 1px solid currentColor; white-space: nowrap; }
.badge-allow { color: var(--allow); background: var(--allow-wash); }
.badge-needs-review { color: var(--review); background: var(--review-wash); }
.badge-reject { color: var(--reject); background: var(--reject-wash); }
.badge-status { color: var(--muted); background: var(--wash); }
.badge-overdue { color: var(--paper); background: var(--reject); border-color: var(--reject); }
.decision { font-size: 1.15rem; font-weight: 700; margin: .2rem 0 .6rem; }
.decision-allow { color: var(--allow); }
.decision-needs-review { color: var(--review); }
.decision-reject { color: var(--reject); }
.reasons { padding-left: 1.2rem; margin: .3rem 0; }
.reason { margin: 0 0 .8rem; padding-left: .3rem; }
.reason-message { margin: 0; font-weight: 600; }
.reason-reject .reason-message { color: var(--reject); }
.reason-needs-review .reason-message { color: var(--review); }
blockquote.clause { margin: .3rem 0; padding: .3rem .7rem; border-left: 4px solid var(--line); background: var(--wash); }
.clause-id { font-weight: 700; margin-right: .4rem; }
.fix { margin: .2rem 0; }
.warnings { margin: .3rem 0; padding-left: 1.2rem; color: var(--review); }
.evidence-copy { margin-top: .8rem; }
.evidence-field { margin: .3rem 0; white-space: pre-wrap; word-break: break-all; }
.evidence-field .field-name { display: block; font-weight: 600; color: var(--muted); font-size: .85rem; }
mark.ev { padding: 0 .1rem; border-radius: 3px; }
mark.ev-reject { background: #ffd7d3; outline: 1px solid var(--reject); }
mark.ev-needs-review { background: #ffe9a8; outline: 1px solid var(--review); }
mark.ev-allow { background: #cdebd5; outline: 1px solid var(--allow); }
mark.ev-warning { background: #eee3ff; outline: 1px dashed #6a3fc1; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; background: var(--paper); font-size: .95rem; }
th, td { text-align: left; vertical-align: top; padding: .45rem .5rem; border-bottom: 1px solid var(--line); }
th { background: var(--wash); }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tr.overdue td { background: var(--reject-wash); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; color: var(--muted); }
dl.facts dd { margin: 0; }
.text-block { white-space: pre-wrap; word-break: break-all; }
.layout-form { display: grid; gap: 1rem; }
.precheck { position: relative; }
.precheck[aria-busy="true"] .precheck-body { opacity: .6; }
details > summary { cursor: pointer; font-weight: 600; margin: .3rem 0; }
.chart { max-width: 100%; height: auto; display: block; margin: .5rem 0; }
.chart text { font-size: 13px; fill: var(--ink); }
.chart .axis { stroke: var(--line); }
.seg-allow { fill: var(--allow); }
.seg-needs-review { fill: #d29922; }
.seg-reject { fill: var(--reject); }
.seg-count { fill: var(--brand); }
.seg-warning { fill: #6a3fc1; }
.heat-0 { fill: #f0f3f6; } .heat-1 { fill: #cfe2f3; } .heat-2 { fill: #9fc5e8; } .heat-3 { fill: #6fa8dc; } .heat-4 { fill: #3d85c6; }
.chart text.on-dark { fill: #ffffff; }
.legend { display: flex; flex-wrap: wrap; gap: .8rem; font-size: .9rem; margin: .2rem 0; padding: 0; list-style: none; }
.legend .key { display: inline-block; width: .9rem; height: .9rem; border-radius: 2px; vertical-align: -2px; margin-right: .3rem; }
.key-allow { background: var(--allow); } .key-needs-review { background: #d29922; } .key-reject { background: var(--reject); }
.demo-accounts { display: grid; gap: .5rem; }
.demo-accounts button { width: 100%; text-align: left; }
.reply { white-space: pre-wrap; background: var(--wash); border: 1px dashed var(--line); padding: .6rem; border-radius: 6px; }
.list-plain { list-style: none; padding: 0; margin: 0; }
.list-plain li { border-bottom: 1px solid var(--line); padding: .5rem 0; }
@media (max-width: 47.99rem) {
  table.stack thead { position: absolute; left: -9999px; }
  table.stack, table.stack tbody, table.stack tr, table.stack td { display: block; width: 100%; }
  table.stack tr { border: 1px solid var(--line); border-radius: 6px; margin: 0 0 .6rem; background: var(--paper); }
  table.stack td { border: 0; padding: .25rem .6rem; text-align: left; }
  table.stack td[data-label]::before { content: attr(data-label) "："; font-weight: 600; color: var(--muted); }
  table.stack tr.overdue { border-color: var(--reject); }
}
@media (min-width: 48rem) {
  .site-header { display: flex; flex-wrap: wrap; align-items: center; justify-content: space-between; gap: .5rem 1.5rem; padding: .6rem 1.5rem; }
  .site-header .who { margin: 0; }
  .site-nav { flex-basis: 100%; }
  main { padding: 1.5rem; }
  .layout-form { grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); align-items: start; }
  .layout-form .precheck { position: sticky; top: 1rem; max-height: calc(100vh - 2rem); overflow-y: auto; }
  .demo-accounts { grid-template-columns: repeat(2, 1fr); }
  .precheck-summary { display: none; }
}
@media (prefers-reduced-motion: no-preference) { html { scroll-behavior: smooth; } }
@media print { .site-header, .site-nav, .actions, form { display: none; } }

/* The hidden attribute wins over display rules above (textarea, button…). */
[hidden] { display: none !important; }
`;
