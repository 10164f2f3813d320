/**
 * Per-page text source: use the text layer, OCR the page, or both render and OCR. A pure rule over
 * the page's facts (documented in README, "Scanned pages").
 */
import type { Glyph, PageFacts } from '../model.js';
import { area, intersectionArea } from './geometry.js';

import type { OcrMode } from '../settings.js';
export type { OcrMode };

export interface TextPlan {
  source: 'text-layer' | 'ocr' | 'none';
  /** Render the page (for raster redactions and/or OCR). */
  render: boolean;
  /** Look for redaction boxes burned into the page image. */
  rasterBoxes: boolean;
  reason: string;
}

/** Share of the page the largest image covers at which a page counts as a scan. */
export const SCAN_COVER = 0.5;
/** A scan whose text layer has fewer words than this gets OCR (the layer is a stub: dates, stamps). */
export const MIN_LAYER_WORDS = 25;
/** Share of word-like tokens under which an existing OCR layer is too poor to use. */
export const MIN_LAYER_QUALITY = 0.6;

/** The share of the page each image covers (clipped to the page); none for a page of no area. */
function imageShares(facts: PageFacts): number[] {
  const page: [number, number, number, number] = [0, 0, facts.width, facts.height];
  const pageArea = area(page);
  return pageArea > 0 ? facts.images.map((img) => intersectionArea(img.bbox, page) / pageArea) : [];
}

export function largestImageCover(facts: PageFacts): number {
  return imageShares(facts).reduce((m, s) => Math.max(m, s), 0);
}

/** Share of the page that its images cover together (overlaps counted twice): a scan in tiles covers it too. */
export function imageCover(facts: PageFacts): number {
  return imageShares(facts).reduce((sum, s) => sum + s, 0);
}

/** Tokens of the text layer, split on spaces (glyph runs). */
export function layerTokens(glyphs: Glyph[]): string[] {
  return glyphs
    .map((g) => (g.isSpace ? ' ' : g.text))
    .join('')
    .split(/\s+/)
    .filter(Boolean);
}

/** Share of tokens that read as words, numbers or dates rather than OCR debris. */
export function layerQuality(tokens: string[]): number {
  if (!tokens.length) return 0;
  const good = tokens.filter((t) => {
    const core = t.replace(/^[("'“‘\[]+|[)"'”’\].,;:!?]+$/g, '');
    return /^\p{L}[\p{Ll}'’-]+$|^\p{Lu}[\p{Lu}'’-]*$|^\p{L}$|^[\d$§][\d.,/:%$§-]*$|^\p{Lu}[\p{L}.-]*$/u.test(core);
  }).length;
  return good / tokens.length;
}

export function planPage(facts: PageFacts, mode: OcrMode): TextPlan {
  // a page that draws nothing has nothing to render or OCR (5,000 blank pages cost nothing)
  if (facts.blank) return { source: 'none', render: false, rasterBoxes: false, reason: 'blank page' };
  const scan = largestImageCover(facts) >= SCAN_COVER;
  const tokens = layerTokens(facts.glyphs);
  const hasLayer = tokens.length > 0;
  if (mode === 'never') {
    return { source: hasLayer ? 'text-layer' : 'none', render: scan, rasterBoxes: scan, reason: 'OCR disabled' };
  }
  if (mode === 'always') return { source: 'ocr', render: true, rasterBoxes: scan, reason: 'OCR forced' };
  if (!scan) {
    if (hasLayer) return { source: 'text-layer', render: false, rasterBoxes: false, reason: 'born-digital text layer' };
    return { source: 'ocr', render: true, rasterBoxes: false, reason: 'no text layer' };
  }
  if (tokens.length >= MIN_LAYER_WORDS && layerQuality(tokens) >= MIN_LAYER_QUALITY) {
    return { source: 'text-layer', render: true, rasterBoxes: true, reason: 'scan with a usable text layer' };
  }
  return {
    source: 'ocr',
    render: true,
    rasterBoxes: true,
    reason: hasLayer ? 'scan with a poor or partial text layer' : 'scan without text layer',
  };
}
