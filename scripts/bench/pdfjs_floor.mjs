/**
 * The floor under redactmap's born-digital rows: pdf.js alone, with no analysis. For each PDF given,
 * open it and ask every page's operator list (what redactmap's facts pass reads: its glyphs, paths
 * and images) in this one process and thread (pdf.js's in-thread worker), with the options a
 * read-only analysis uses (no standard font files, no font faces, no eval). Nothing is checked or
 * printed. The bench runs it beside the PyMuPDF check, so the ratio shows what pdf.js and Node
 * themselves cost before any of our work.
 *
 *   node scripts/bench/pdfjs_floor.mjs FILE.pdf [...]
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.dirname(require.resolve('pdfjs-dist/package.json'));
const pdfjs = await import(path.join(root, 'legacy', 'build', 'pdf.mjs'));
for (const file of process.argv.slice(2)) {
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(readFileSync(file)),
    isEvalSupported: false,
    disableFontFace: false,
    useSystemFonts: false,
    cMapUrl: path.join(root, 'cmaps') + '/',
    wasmUrl: path.join(root, 'wasm') + '/',
    verbosity: 0,
  }).promise;
  for (let p = 1; p <= doc.numPages; p++) await (await doc.getPage(p)).getOperatorList();
  await doc.destroy();
}
