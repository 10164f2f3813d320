/**
 * Corpus rows 30–35 of ../shared/corpus/README.md end to end through analyze(): the raster boxes a
 * user can believe (issue 8 part A). Each file is analysed in its own describe, so `-t 31` runs one.
 */
import { beforeAll, expect, it } from 'vitest';
import { analyze } from '../../src/analyze.js';
import type { Report } from '../../src/report/schema.js';
import { corpusFile, describeCorpus } from '../helpers/corpus.js';

type Found = { page: number; source: string; style: string; bbox: number[]; category?: string };
function found(r: Report): Found[] {
  return r.pages.flatMap((p) => p.redactions.map((x) => ({ page: p.page, source: x.source, style: x.style ?? 'solid', bbox: x.bbox, category: x.category ?? undefined })));
}
const perPage = (f: Found[]) => f.reduce<Record<number, number>>((m, x) => ((m[x.page] = (m[x.page] ?? 0) + 1), m), {});

function row(name: string, body: (get: () => Report) => void) {
  describeCorpus(`corpus ${name.slice(0, 2)}`, () => {
    let r: Report;
    beforeAll(async () => {
      r = await analyze(corpusFile(name));
    }, 900_000);
    body(() => r);
  });
}

row('30_metra_slide_deck_footer_bars_map_pins.pdf', (r) => {
  it('30: no vector redaction (footer bars), no map pin or logo, at most the p18 bar among dark boxes, no leak', () => {
    const f = found(r());
    expect(f.filter((x) => x.source === 'vector')).toEqual([]);
    const dark = f.filter((x) => x.style === 'solid' && !x.category);
    expect(dark.length).toBeLessThanOrEqual(1);
    for (const x of dark) expect(x.page).toBe(18);
    // anything else found is a labelled box of p21 (light blue, 7(1)(c))
    for (const x of f.filter((y) => !dark.includes(y))) expect([x.page, x.category]).toEqual([21, '7(1)(c)']);
    expect(r().leaks).toEqual([]);
  });
});

row('31_fbi_1969_memo_scanned_marker_and_white_boxes.pdf', (r) => {
  it('31: the 8 marker blobs and the 5 white boxes, no hole punch, no leak', () => {
    const f = found(r());
    expect(perPage(f.filter((x) => x.style === 'marker'))).toEqual({ 2: 2, 3: 2, 4: 4 });
    expect(perPage(f.filter((x) => x.style === 'outline'))).toEqual({ 1: 4, 3: 1 });
    expect(f).toHaveLength(13);
    // hole punches stand in the top 60 pt of every page
    expect(f.filter((x) => x.bbox[3] < 60)).toEqual([]);
    // the codes typed in the margin beside the first white box
    expect(f.filter((x) => x.category).map((x) => x.category)).toEqual(['(b)(6), (b)(7)(C), (b)(7)(D)']);
    expect(r().leaks).toEqual([]);
  });
});

row('32_dhs_email_white_b6_boxes.pdf', (r) => {
  it('32: the white (b)(6) boxes (at least 10 of 11), outlined, labelled (b)(6), no dark box, no leak', () => {
    const f = found(r());
    expect(f.every((x) => x.style === 'outline' && x.category === '(b)(6)')).toBe(true);
    expect(f.length).toBeGreaterThanOrEqual(10);
    expect(f.length).toBeLessThanOrEqual(11);
    expect(r().leaks).toEqual([]);
  });
});

row('33_ice_287g_moa_2025_scanned_no_text.pdf', (r) => {
  it('33: no redaction, no leak', () => {
    expect(found(r())).toEqual([]);
    expect(r().leaks).toEqual([]);
  });
});

row('34_cpd_hailstorm_release_scanned_burned_in_boxes.pdf', (r) => {
  it('34: the 10 redactions (9 burned in, 1 vector box over black pixels), no logo or letter, no leak', () => {
    const f = found(r());
    expect(perPage(f)).toEqual({ 1: 5, 4: 2, 12: 1, 13: 1, 15: 1 });
    expect(f.filter((x) => x.source === 'vector')).toHaveLength(1);
    expect(r().leaks).toEqual([]);
  });
});

row('35_ndcal_stipulation_scan_blue_signature.pdf', (r) => {
  it('35: no redaction (not the doubled header, not the blue signature), no leak', () => {
    expect(found(r())).toEqual([]);
    expect(r().leaks).toEqual([]);
  });
});
