/**
 * The review page's stylesheet (inline: the page is one self-contained file). Colours meet WCAG AA
 * contrast on white: text 4.5:1, marks 3:1. Marks are drawn outside the box they describe
 * (outline-offset), tooltips below or above it, section marks in a gutter beside the page: nothing
 * is drawn over the text a mark is about. A print stylesheet puts one page per sheet.
 */

/** Mark colours by redaction source, and for leaks, sections and statuses (CSS custom properties). */
export const REVIEW_COLORS = {
  vector: '#0550ae',
  annotation: '#bc4c00',
  raster: '#8250df',
  leak: '#cf222e',
  section: '#1a7f37',
  readable: '#1a7f37',
  partial: '#9a6700',
  redacted: '#cf222e',
  unread: '#57606a',
} as const;

const vars = Object.entries(REVIEW_COLORS)
  .map(([k, v]) => `--${k}:${v};`)
  .join('');

export const BASE_CSS = `
:root{${vars}--ink:#1f2328;--muted:#57606a;--line:#d0d7de;--bg:#f6f8fa;color-scheme:light}
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Liberation Sans",sans-serif;color:var(--ink);background:var(--bg)}
a{color:#0550ae}
a:focus-visible,[tabindex]:focus-visible,button:focus-visible{outline:3px solid #0969da;outline-offset:2px}
.skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem 1rem;z-index:10}
.skip:focus{left:.5rem}
h1{font-size:1.35rem;margin:0 0 .4rem;overflow-wrap:anywhere}
h2{font-size:1.1rem;margin:0}
table{border-collapse:collapse}
th,td{text-align:left;padding:.2rem .5rem;border-bottom:1px solid var(--line);vertical-align:top}
td.num,th.num{text-align:right;font-variant-numeric:tabular-nums}
.muted{color:var(--muted)}
.st{display:inline-block;min-width:5.5rem;font-size:.85em;font-weight:600}
.st-readable{color:var(--readable)}.st-partial{color:var(--partial)}.st-redacted{color:var(--redacted)}.st-unread{color:var(--unread)}
.verdict{display:inline-block;font-weight:700;padding:.25rem .7rem;border-radius:4px;color:#fff}
.verdict.bad{background:var(--leak)}.verdict.good{background:var(--readable)}
code,.mono{font-family:ui-monospace,"Liberation Mono",Menlo,Consolas,monospace;font-size:.9em}
`;

export const REVIEW_CSS = `${BASE_CSS}
header.top{background:#fff;border-bottom:1px solid var(--line);padding:1rem 1.5rem}
.facts{display:grid;grid-template-columns:max-content 1fr;gap:.1rem 1rem;margin:.6rem 0}
.facts dt{color:var(--muted)}.facts dd{margin:0;overflow-wrap:anywhere}
.notes{margin:.4rem 0;padding-left:1.2rem}
.keys{font-size:.85rem;color:var(--muted)}
kbd{border:1px solid var(--line);border-radius:3px;padding:0 .3em;background:#fff;font-size:.85em}
.layout{display:grid;grid-template-columns:minmax(14rem,20rem) minmax(0,1fr)}
nav.toc{position:sticky;top:0;align-self:start;max-height:100vh;overflow:auto;padding:1rem;border-right:1px solid var(--line);background:#fff}
nav.toc ul{list-style:none;margin:0;padding-left:.9rem}
nav.toc>ul{padding-left:0}
nav.toc li{margin:.15rem 0}
nav.toc a{text-decoration:none;color:var(--ink);display:flex;gap:.4rem;align-items:baseline}
nav.toc a:hover .t{text-decoration:underline}
nav.toc .t{display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden}
nav.toc .dot{flex:none;width:.7rem;height:.7rem;border-radius:50%;background:var(--c)}
nav.toc .p{margin-left:auto;flex:none;color:var(--muted);font-size:.85em;font-variant-numeric:tabular-nums}
main{padding:1rem 1.5rem;min-width:0}
section.block{background:#fff;border:1px solid var(--line);border-radius:6px;padding:1rem;margin-bottom:1.2rem}
.legend{display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;list-style:none;padding:0;margin:.5rem 0 0}
.legend li{display:flex;align-items:center;gap:.4rem}
.swatch{display:inline-block;width:1.4rem;height:.8rem;outline:2px solid var(--c);outline-offset:1px}
.leaks{list-style:none;padding:0;margin:0}
.leak{border-left:4px solid var(--leak);padding:.5rem .8rem;margin:.6rem 0;background:#fff8f8}
.leaked{margin:.3rem 0;font-size:1.05rem;font-weight:600;white-space:pre-wrap;overflow-wrap:anywhere}
.leak img{display:block;max-width:100%;height:auto;border:1px solid var(--line);margin-top:.4rem;background:#fff}
.page-body{display:grid;grid-template-columns:9rem minmax(0,960px);gap:.8rem;margin-top:.6rem}
.page-text{grid-column:2}
.gutter{position:relative;border-right:2px solid var(--line)}
.secmark{position:absolute;left:0;right:.3rem;font-size:.8rem;line-height:1.2;color:var(--section);text-decoration:none;display:-webkit-box;-webkit-line-clamp:2;-webkit-box-orient:vertical;overflow:hidden;border-top:3px solid var(--section);padding-top:.1rem}
.sheet{position:relative;margin:0;border:1px solid var(--line);background:#fff;align-self:start}
.sheet img{display:block;width:100%;height:auto}
.mark{position:absolute;outline:2px solid var(--c);outline-offset:1px;cursor:help}
.mark.src-vector{--c:var(--vector)}.mark.src-annotation{--c:var(--annotation)}.mark.src-raster{--c:var(--raster)}
.mark.sty-white{outline-style:double;outline-width:4px}.mark.sty-outline{outline-style:dotted}.mark.sty-marker{border-radius:30%}
.mark.unapplied{outline-style:dashed}
.mark.leak{background:rgba(207,34,46,.28);--c:var(--leak);outline-width:3px}
.mark:focus{outline-width:4px}
.tip{display:none;position:absolute;left:0;top:calc(100% + 6px);z-index:5;background:#fff;color:var(--ink);border:1px solid var(--c);border-radius:4px;padding:.2rem .45rem;font-size:.8rem;white-space:nowrap;box-shadow:0 2px 6px rgba(0,0,0,.2)}
.tip.up{top:auto;bottom:calc(100% + 6px)}
.mark:hover .tip,.mark:focus .tip{display:block}
.pagetext{white-space:pre-wrap;overflow-wrap:anywhere;font-family:ui-monospace,"Liberation Mono",Menlo,Consolas,monospace;font-size:.8rem;line-height:1.35;margin:0;max-height:24rem;overflow:auto;background:var(--bg);padding:.5rem;border:1px solid var(--line)}
.ph{background:#24292f;color:#fff;padding:0 .2em;border-radius:2px}
.redactions{font-size:.8rem;margin-top:.6rem;width:100%}
tr.is-leak td{color:var(--leak);font-weight:600}
h3{font-size:.95rem;margin:.2rem 0 .3rem}
@media (min-width:1800px){.page-body{grid-template-columns:9rem minmax(0,960px) minmax(18rem,1fr)}.page-text{grid-column:3}.pagetext{max-height:none}}
@media (max-width:700px){.page-body{grid-template-columns:minmax(0,1fr)}.gutter{display:none}.page-text{grid-column:1}}
@media (max-width:800px){.layout{grid-template-columns:1fr}nav.toc{position:static;max-height:none;border-right:0;border-bottom:1px solid var(--line)}}
@media print{
  body{background:#fff;font-size:11pt}
  .skip,.keys,nav.toc,.tip{display:none!important}
  .layout{display:block}
  main{padding:0}
  section.block{border:0;padding:0;break-inside:auto}
  section.page{break-before:page}
  .page-body{display:block}
  .gutter{display:none}
  .sheet{break-inside:avoid;border:0;max-width:100%}
  .pagetext{max-height:none;overflow:visible;background:none;border:0;break-before:page}
  .leak{break-inside:avoid}
  .mark{print-color-adjust:exact;-webkit-print-color-adjust:exact}
  a{color:inherit;text-decoration:none}
}
`;
