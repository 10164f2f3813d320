/**
 * The outline: which reading of each heading's numbering is right, and which level each style is.
 *
 * Readings (numbering.ts) are chosen by the sequence, heading by heading in document order:
 *  - a reading that continues its style's sequence (the previous heading of that style had the
 *    ordinal before) fits best (FIT.continues);
 *  - then one that starts a sequence (ordinal 1): as printed, or repaired when the next heading of
 *    its style (within SUPPORT_WINDOW numbered headings, before that style goes on otherwise)
 *    continues it (FIT.starts);
 *  - then one the next heading of its style continues (a heading before it was missed: FIT.resumed);
 *  - a reading as printed that fits nothing is still taken (FIT.printed); a repaired one is not.
 * A reading as printed that continues or starts a sequence is never overruled by a repaired one.
 * Ties go to the smaller repair, then to the style seen most recently (`I.` after `H.` is a
 * letter, `V.` after `U.` too). When no reading is taken the line is judged without numbering.
 *
 * Levels follow the conventional US legal outline, the prior (LADDER):
 *   PART > ARTICLE > Section > I. > A. > 1. (> 1.1 > 1.1.1) > a. > (1) > (a) > i. > (i)
 * Decimal numbering is its own ladder (1. > 1.1 > 1.1.1). A document may deviate:
 *  - size (text layer only; OCR sizes are estimates): styles whose headings are set
 *    CLEARLY_LARGER than another's come first;
 *  - nesting: when a style restarts at 1 under another at least RESTART_EVIDENCE times, and never
 *    the other way round, it goes below that other style whatever the ladder says;
 *  - ties (two styles of one rank, `(a)` and `a)`): first appearance.
 * Levels are dense: the styles present take levels 1, 2, 3, … in that order. `APPENDIX`/`EXHIBIT`
 * headings are level 1 whatever else is present.
 */
import type { NumberingReading } from './numbering.js';
import { median } from './math.js';

export const FIT = { continues: 3, starts: 2, resumed: 1, printed: 0.5, none: -1 } as const;
/** Numbered headings looked ahead for one that continues a reading (subsections may come between). */
export const SUPPORT_WINDOW = 30;
/** A style set this much larger (median size ratio) than another comes first. */
export const CLEARLY_LARGER = 1.15;
/** Restarts under another style that override the ladder. */
export const RESTART_EVIDENCE = 2;

/** Ladder rank of a numbering style (smaller = higher in the outline). */
export function ladderRank(style: string): number {
  const decimal = /^decimal\.(\d+)$/.exec(style);
  if (decimal) return 40 + 0.1 * (Number(decimal[1]) - 1);
  const ranks: Record<string, number> = {
    part: 5,
    article: 10,
    section: 15,
    'roman.': 20,
    'roman)': 21,
    '(roman)': 22,
    'upper.': 30,
    'upper)': 31,
    '(upper)': 32,
    'lower.': 50,
    'decimal)': 55,
    'lower)': 57,
    '(decimal)': 60,
    '(lower)': 70,
    'lower-roman.': 75,
    'lower-roman)': 76,
    '(lower-roman)': 80,
  };
  return ranks[style] ?? 90;
}

function fitOf(r: NumberingReading, last: ReadonlyMap<string, number>, supported: boolean): number {
  if (last.get(r.style) === r.ordinal - 1) return FIT.continues;
  if (r.ordinal === 1 && (r.repair === 0 || supported)) return FIT.starts;
  if (supported) return FIT.resumed;
  return r.repair === 0 ? FIT.printed : FIT.none;
}

/**
 * Picks one reading per numbered heading (null for unnumbered ones, or when every reading is a
 * repair the sequence does not support).
 */
export function chooseReadings(items: readonly (readonly NumberingReading[] | null)[]): (NumberingReading | null)[] {
  const last = new Map<string, number>();
  const lastSeen = new Map<string, number>();
  const chosen: (NumberingReading | null)[] = [];
  const supportedBy = (i: number, r: NumberingReading): boolean => {
    let looked = 0;
    for (let j = i + 1; j < items.length && looked < SUPPORT_WINDOW; j++) {
      const next = items[j];
      if (!next) continue;
      looked++;
      if (next.some((n) => n.style === r.style && n.ordinal === r.ordinal + 1 && n.repair <= 1)) return true;
      // the style went on with another ordinal: no support
      if (next.some((n) => n.style === r.style && n.repair === 0)) return false;
    }
    return false;
  };
  items.forEach((readings, i) => {
    if (!readings || readings.length === 0) {
      chosen.push(null);
      return;
    }
    let best: { r: NumberingReading; fit: number } | null = null;
    const fits = readings.map((r) => fitOf(r, last, supportedBy(i, r)));
    // a printed reading that continues or starts a sequence is never overruled by a repair
    const printedFits = readings.some((r, k) => r.repair === 0 && fits[k] >= FIT.starts);
    for (const [k, r] of readings.entries()) {
      const fit = fits[k];
      if (fit < 0 || (printedFits && r.repair > 0)) continue;
      const better =
        !best ||
        fit > best.fit ||
        (fit === best.fit &&
          (r.repair < best.r.repair ||
            (r.repair === best.r.repair && (lastSeen.get(r.style) ?? -1) > (lastSeen.get(best.r.style) ?? -1))));
      if (better) best = { r, fit };
    }
    chosen.push(best?.r ?? null);
    if (best) {
      last.set(best.r.style, best.r.ordinal);
      lastSeen.set(best.r.style, i);
    }
  });
  return chosen;
}

export interface OutlineHeading {
  /** Numbering style chosen, or null for a heading by typography alone. */
  style: string | null;
  /** Ordinal of the chosen reading (numbered headings). */
  ordinal?: number;
  /** Size of the heading's text (points; estimated for OCR). */
  size: number;
  /** Typographic strength (features.ts). */
  strength: number;
}

/** Numbered styles, top first: size tiers (text layer), then the ladder, then first appearance; then nesting evidence. */
export function styleOrder(headings: readonly OutlineHeading[], ocr: boolean): string[] {
  const first = new Map<string, number>();
  const sizes = new Map<string, number[]>();
  headings.forEach((h, n) => {
    if (!h.style || h.style === 'appendix') return;
    if (!first.has(h.style)) first.set(h.style, n);
    sizes.set(h.style, [...(sizes.get(h.style) ?? []), h.size]);
  });
  const styles = [...first.keys()];
  const tier = new Map<string, number>();
  const bySize = [...styles].sort((a, b) => median(sizes.get(b)!) - median(sizes.get(a)!));
  bySize.forEach((s, i) => {
    const prev = bySize[i - 1];
    const t = i === 0 ? 0 : tier.get(prev)! + (!ocr && median(sizes.get(prev)!) >= CLEARLY_LARGER * median(sizes.get(s)!) ? 1 : 0);
    tier.set(s, t);
  });
  const order = styles.sort(
    (a, b) => tier.get(a)! - tier.get(b)! || ladderRank(a) - ladderRank(b) || first.get(a)! - first.get(b)!,
  );
  // nesting evidence: style a restarts under b (a heading of a with ordinal 1 right after one of b)
  const restarts = new Map<string, number>();
  let prev: string | null = null;
  for (const h of headings) {
    if (!h.style || h.style === 'appendix') continue;
    if (prev && prev !== h.style && h.ordinal === 1) restarts.set(`${h.style}<${prev}`, (restarts.get(`${h.style}<${prev}`) ?? 0) + 1);
    prev = h.style;
  }
  const under = (a: string, b: string): boolean =>
    (restarts.get(`${a}<${b}`) ?? 0) >= RESTART_EVIDENCE && (restarts.get(`${b}<${a}`) ?? 0) === 0;
  for (let pass = 0; pass < order.length; pass++) {
    let moved = false;
    for (let i = 0; i + 1 < order.length; i++) {
      if (under(order[i], order[i + 1]) && tier.get(order[i]) === tier.get(order[i + 1])) {
        [order[i], order[i + 1]] = [order[i + 1], order[i]];
        moved = true;
      }
    }
    if (!moved) break;
  }
  return order;
}

/**
 * Levels of the headings. Numbered: the style's place in styleOrder (1-based); appendices 1.
 * Unnumbered: the first level whose headings are no louder (median strength), or the level below
 * the deepest; without numbered headings, the distinct strengths, loudest first.
 */
export function outlineLevels(headings: readonly OutlineHeading[], ocr: boolean): number[] {
  const order = styleOrder(headings, ocr);
  const levelOf = new Map(order.map((s, i) => [s, i + 1]));
  const levelStrength = order.map((s) => median(headings.filter((h) => h.style === s).map((h) => h.strength)));
  const plain = [...new Set(headings.filter((h) => !h.style).map((h) => h.strength))].sort((a, b) => b - a);
  return headings.map((h) => {
    if (h.style === 'appendix') return 1;
    if (h.style) return levelOf.get(h.style) ?? 1;
    if (order.length === 0) return plain.indexOf(h.strength) + 1;
    const at = levelStrength.findIndex((s) => s <= h.strength);
    return at >= 0 ? at + 1 : order.length + 1;
  });
}
