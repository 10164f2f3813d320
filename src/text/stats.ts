/**
 * The document's own measures, against which lines are judged: body font size, how common bold
 * and all-caps lines are, where the text frame lies, and the typical size of a word.
 */
import type { Word } from '../model.js';
import { isAllCaps, letterCount } from './features.js';
import type { Line, LineRegion, WordToken } from './lines.js';
import { median, quantile } from './math.js';

export interface TextFrame {
  left: number;
  right: number;
}

export interface DocumentTypography {
  /**
   * Modal font size of the words (weighted by characters, 0.5 pt steps); 11 when there are none.
   * For OCR: the median line size (lineFontSize) of lines with 4+ words.
   */
  bodyFontSize: number;
  /** Share of word characters set in bold, 0..1. */
  boldShare: number;
  /** Share of lines (with at least 3 letters) that are all capitals, 0..1. */
  capsLineShare: number;
  /** True when most words come from OCR (font sizes estimated, bold unknown). */
  ocr: boolean;
  /** Left and right edges of the text per region (10th percentile of starts, 90th of ends). */
  frames: Record<LineRegion, TextFrame>;
}

const DEFAULT_FONT_SIZE = 11;
/** Fallback word area: an 11 pt word is about 30 pt wide (with its space) on a 13 pt line. */
export const DEFAULT_WORD_AREA = 30 * 13;

export function wordTokens(line: Line): WordToken[] {
  return line.tokens.filter((t): t is WordToken => t.kind === 'word');
}

/** Font size of a line: the median of its words' sizes. */
export function lineFontSize(words: readonly Word[]): number {
  const sizes = words.map((w) => w.fontSize).filter((s) => s > 0);
  return sizes.length === 0 ? Number.NaN : median(sizes);
}

export function measureTypography(lines: readonly Line[]): DocumentTypography {
  const words = lines.flatMap(wordTokens).map((t) => t.word);
  const sizeWeights = new Map<number, number>();
  let chars = 0;
  let boldChars = 0;
  let ocrWords = 0;
  for (const w of words) {
    const n = Math.max(1, w.text.length);
    chars += n;
    if (w.bold) boldChars += n;
    if (w.confidence !== undefined) ocrWords++;
    if (w.fontSize > 0) {
      const key = Math.round(w.fontSize * 2) / 2;
      sizeWeights.set(key, (sizeWeights.get(key) ?? 0) + n);
    }
  }
  const ocr = words.length > 0 && ocrWords / words.length > 0.5;
  let bodyFontSize = DEFAULT_FONT_SIZE;
  let bestWeight = -1;
  for (const [size, weight] of sizeWeights) {
    if (weight > bestWeight || (weight === bestWeight && size < bodyFontSize)) {
      bodyFontSize = size;
      bestWeight = weight;
    }
  }
  if (ocr) {
    // OCR sizes come from box heights, which vary with the letters: compare lines, not words.
    // (Text-layer sizes are exact, and the modal word size is the body size.)
    const lineSizes = lines
      .map((l) => wordTokens(l).map((t) => t.word))
      .filter((ws) => ws.length >= 4)
      .map((ws) => lineFontSize(ws));
    if (lineSizes.length > 0) bodyFontSize = median(lineSizes);
  }

  let letterLines = 0;
  let capsLines = 0;
  for (const line of lines) {
    const text = wordTokens(line)
      .map((t) => t.text)
      .join(' ');
    if (letterCount(text) < 3) continue;
    letterLines++;
    if (isAllCaps(text)) capsLines++;
  }

  const pageWidth = median(lines.map((l) => l.pageWidth).filter((w) => w > 0));
  const width = Number.isFinite(pageWidth) ? pageWidth : 612;
  const frame = (region: LineRegion, fallback: TextFrame): TextFrame => {
    const long = lines.filter((l) => l.region === region && l.tokens.length >= 4);
    if (long.length < 3) return fallback;
    return { left: quantile(long.map((l) => l.bbox[0]), 0.1), right: quantile(long.map((l) => l.bbox[2]), 0.9) };
  };

  return {
    bodyFontSize,
    boldShare: chars > 0 ? boldChars / chars : 0,
    capsLineShare: letterLines > 0 ? capsLines / letterLines : 0,
    ocr,
    frames: {
      full: frame('full', { left: 0.1 * width, right: 0.9 * width }),
      left: frame('left', { left: 0.1 * width, right: 0.48 * width }),
      right: frame('right', { left: 0.52 * width, right: 0.9 * width }),
    },
  };
}

/**
 * The document's typical word area: median over the words of (word width + one inter-word
 * space) x the document's line height.
 *  - space: the median gap between neighbouring words on a line (gaps wider than two text
 *    heights are column gaps or tabs and are ignored); a quarter of the text height without gaps;
 *  - line height: the median distance from one line's top to the next line's top, over
 *    consecutive rows 0.9-2.5 text heights apart (lines of one paragraph), capped at 1.4 text
 *    heights so double-spaced text does not make one-line boxes look small; 1.2 text heights
 *    when no such pair exists. A row's text height is the 90th percentile of its word-box
 *    heights (its tall words: OCR boxes of short words are only x-high); the document's is the
 *    median over rows.
 * `rows` are the body lines' words in reading order. Falls back to DEFAULT_WORD_AREA without words.
 */
export function typicalWordArea(rows: readonly (readonly Word[])[]): number {
  const m = textMeasures(rows);
  return m ? m.wordArea : DEFAULT_WORD_AREA;
}

export interface TextMeasures {
  /** Median gap between neighbouring words on a line. */
  space: number;
  /** Line pitch (see typicalWordArea). */
  lineHeight: number;
  /** Median of (word width + space) x line height. */
  wordArea: number;
  /** Median word width. */
  wordWidth: number;
}

interface MeasuredRow {
  words: readonly Word[];
  /** The row's text height: the 90th percentile of its word-box heights. */
  height: number;
  /** Median top of its words. */
  top: number;
}

/** The rows with words, and a height above 0: their text height and top. */
function measuredRows(rows: readonly (readonly Word[])[]): MeasuredRow[] {
  return rows
    .filter((r) => r.length > 0)
    .map((r) => ({
      words: r,
      // Tall words (ascender + descender) give the line's full height; OCR boxes of "was" or
      // "on" are only x-high, so the median would understate it.
      height: quantile(
        r.map((w) => w.bbox[3] - w.bbox[1]),
        0.9,
      ),
      top: median(r.map((w) => w.bbox[1])),
    }))
    .filter((r) => r.height > 0);
}

/** The document's text height and line pitch over its measured rows (see typicalWordArea). */
function pitchOf(measured: readonly MeasuredRow[]): { textHeight: number; lineHeight: number } {
  const textHeight = median(measured.map((r) => r.height));
  const pitches: number[] = [];
  for (let i = 1; i < measured.length; i++) {
    const d = measured[i].top - measured[i - 1].top;
    const h = Math.max(measured[i].height, measured[i - 1].height);
    if (d >= 0.9 * h && d <= 2.5 * h) pitches.push(d);
  }
  const lineHeight = pitches.length > 0 ? Math.min(median(pitches), 1.4 * textHeight) : 1.2 * textHeight;
  return { textHeight, lineHeight };
}

/** textMeasures' line pitch alone (what redaction estimates need); null without words. */
export function linePitch(rows: readonly (readonly Word[])[]): number | null {
  const measured = measuredRows(rows);
  return measured.length === 0 ? null : pitchOf(measured).lineHeight;
}

/** The measures behind typicalWordArea; null without words. */
export function textMeasures(rows: readonly (readonly Word[])[]): TextMeasures | null {
  const measured = measuredRows(rows).map((r) => ({ ...r, words: [...r.words].sort((a, b) => a.bbox[0] - b.bbox[0]) }));
  if (measured.length === 0) return null;

  const gaps: number[] = [];
  for (const r of measured) {
    for (let i = 1; i < r.words.length; i++) {
      const gap = r.words[i].bbox[0] - r.words[i - 1].bbox[2];
      if (gap > 0 && gap < 2 * r.height) gaps.push(gap);
    }
  }
  const { textHeight, lineHeight } = pitchOf(measured);
  const space = gaps.length > 0 ? median(gaps) : 0.25 * textHeight;

  const widths = measured.flatMap((r) => r.words.map((w) => w.bbox[2] - w.bbox[0]));
  const area = median(widths.map((w) => (w + space) * lineHeight));
  return { space, lineHeight, wordArea: area > 0 ? area : DEFAULT_WORD_AREA, wordWidth: median(widths) };
}
