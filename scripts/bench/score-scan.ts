/**
 * Score reports of the scanned sample against its truth, as tests/sample-scanned.test.ts does:
 * boxes (count, area precision/recall), labels (right, wrong), visible words (bag recall and
 * precision), section statuses, OCR CPU is not here (see npm run bench).
 *
 *   node --import tsx scripts/bench/score-scan.ts report.json [report2.json ...]
 */
import { readFileSync } from 'node:fs';
import type { BBox } from '../../src/model.js';
import type { Report } from '../../src/report/schema.js';
import { areaPrecisionRecall, iou } from '../../tests/helpers/boxes.js';
import { bagScores, sameTitle } from '../../tests/helpers/words.js';

interface Truth {
  pages: number;
  redactions: { page: number; bbox: BBox; label: string | null }[];
  sections: { title: string; status: string; pageStart: number }[];
  pageWords: Record<string, string[]>;
}
const truth = JSON.parse(readFileSync(new URL('../../samples/mou-scanned.truth.json', import.meta.url), 'utf8')) as Truth;

for (const file of process.argv.slice(2)) {
  const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
  let inter = 0, fArea = 0, tArea = 0, found = 0;
  for (let page = 1; page <= truth.pages; page++) {
    const f = report.pages[page - 1].redactions.map((r) => r.bbox as BBox);
    const t = truth.redactions.filter((r) => r.page === page).map((r) => r.bbox);
    const pr = areaPrecisionRecall(f, t);
    inter += pr.inter;
    fArea += pr.inter / (pr.precision || 1);
    tArea += pr.inter / (pr.recall || 1);
    found += f.length;
  }
  let right = 0, wrong = 0, labelled = 0;
  for (const want of truth.redactions.filter((r) => r.label)) {
    labelled++;
    // the label as read ("(bX7XE)") and its category, the canonical code, as the sample test counts
    const got = report.pages[want.page - 1].redactions.find((r) => iou(r.bbox as BBox, want.bbox) > 0.5);
    if (got?.category === want.label) right++;
    else if (got?.label) wrong++;
  }
  const words = report.pages.flatMap((p) => p.text.replace(/\[REDACTED[^\]]*\]/g, ' ').split(/\s+/));
  const { recall, precision } = bagScores(words, Object.values(truth.pageWords).flat());
  const wanted = Object.values(truth.pageWords).flat().length;
  const statusRight = truth.sections.filter((t) => report.sections.find((x) => sameTitle(x.title, t.title) && x.pageStart === t.pageStart)?.status === t.status).length;
  const engines = [...new Set(report.pages.map((p) => p.ocrEngine ?? '-'))].join(',');
  console.log(
    `${file}: engine ${engines}; boxes ${found}/${truth.redactions.length}, area precision ${(inter / fArea).toFixed(4)} recall ${(inter / tArea).toFixed(4)}; ` +
      `labels ${right}/${labelled} right, ${wrong} wrong; words recall ${recall.toFixed(4)} (${Math.round((1 - recall) * wanted)} of ${wanted} missed) precision ${precision.toFixed(4)}; ` +
      `sections ${statusRight}/${truth.sections.length} right; mean confidence ${(report.pages.reduce((s, p) => s + (p.ocrConfidence ?? 0), 0) / report.pages.length).toFixed(1)}`,
  );
}
