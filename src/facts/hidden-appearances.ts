/**
 * The text drawn by the appearances of annotations a viewer does not show (flags hidden or no-view,
 * as a print-only annotation has; invisible, which pdf.js keeps only on a type it does not know, as
 * PDF 32000 12.5.3 says). pdf.js's display operator list leaves those appearances out, and pdf.js
 * extracts appearance text only for FreeText annotations and form widgets; any tool that extracts
 * appearance text still reads a hidden Stamp's or Square's.
 *
 * Only a page that holds such an annotation pays: it asks pdf.js for a second operator list
 * (intent 'any': every annotation's appearance, each between beginAnnotation, whose first argument
 * is the annotation's id, and endAnnotation), and walks the hidden annotations' sections alone for
 * their glyphs. Their shapes are dropped: a hidden annotation paints nothing, so it is no box.
 */
import type { AnalysisWarning, Glyph, UndrawnGlyph } from '../model.js';
import { oneLine } from '../errors.js';
import { pdfjs, type PDFPageProxy } from '../load/pdfjs.js';
import { glyphRuns } from './glyph-runs.js';
import { walkOperators, type FontInfo, type WalkOptions } from './operator-walk.js';
import type { Matrix } from './geometry.js';

/** Annotation flags under which a viewer does not show it: invisible (1), hidden (2), no-view (32). */
export const NOT_SHOWN_FLAGS = 1 | 2 | 32;
/**
 * Hidden annotations whose appearance is not read here: pdf.js extracts FreeText and widget
 * appearance text itself (PageAnnotation.appearanceText), and a Popup shows its parent's comment.
 */
const NOT_READ = new Set(['FreeText', 'Widget', 'Popup']);
/** At most this many characters of one hidden appearance's text are kept (the rest is a warning). */
export const MAX_HIDDEN_APPEARANCE_TEXT = 10_000;

/** A second operator list, read for the page's hidden appearances, or why it could not be. */
export type HiddenAppearanceList = { ids: Map<string, string>; opList: { fnArray: number[]; argsArray: unknown[] } } | { ids: Map<string, string>; error: unknown };

/** Rule: the annotations (pdf.js annotation data) whose hidden appearance is read, id to subtype. */
export function hiddenAppearanceIds(raw: readonly Record<string, unknown>[]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const a of raw) {
    const flags = typeof a.annotationFlags === 'number' ? a.annotationFlags : 0;
    if (!(flags & NOT_SHOWN_FLAGS) || !a.hasAppearance || typeof a.id !== 'string') continue;
    const subtype = String(a.subtype ?? '');
    if (!NOT_READ.has(subtype)) ids.set(a.id, subtype);
  }
  return ids;
}

/** Ask pdf.js for every annotation's appearance (for the hidden ones, `ids`: hiddenAppearanceIds). */
export async function fetchHiddenAppearances(page: PDFPageProxy, ids: Map<string, string>): Promise<HiddenAppearanceList> {
  try {
    const opList = await page.getOperatorList({ intent: 'any', annotationMode: pdfjs.AnnotationMode.ENABLE });
    return { ids, opList };
  } catch (error) {
    return { ids, error };
  }
}

/** Rule: where each wanted annotation's appearance lies in an operator list, [beginAnnotation, endAnnotation). */
export function appearanceSections(fnArray: ArrayLike<number>, argsArray: readonly unknown[], ids: ReadonlySet<string> | ReadonlyMap<string, unknown>): Map<string, [number, number]> {
  const sections = new Map<string, [number, number]>();
  let open: { id: string; start: number } | undefined;
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    if (fn !== pdfjs.OPS.beginAnnotation && fn !== pdfjs.OPS.endAnnotation) continue;
    if (open) sections.set(open.id, [open.start, i]);
    open = undefined;
    const id = fn === pdfjs.OPS.beginAnnotation ? (argsArray[i] as unknown[] | null)?.[0] : undefined;
    if (typeof id === 'string' && ids.has(id) && !sections.has(id)) open = { id, start: i };
  }
  if (open) sections.set(open.id, [open.start, fnArray.length]);
  return sections;
}

/**
 * Rule: glyphs in paint order joined into text, word by word as the page's words are (glyphRuns: a
 * space, a gap, a turn or the next line parts them). At most `max` characters: `cut` says when more.
 */
export function glyphText(glyphs: readonly Glyph[], max = MAX_HIDDEN_APPEARANCE_TEXT): { text: string; cut: boolean } {
  let text = '';
  for (const run of glyphRuns([...glyphs])) {
    if (text) text += ' ';
    for (const g of run) {
      if (text.length + g.text.length > max) return { text: text.trim(), cut: true };
      text += g.text;
    }
  }
  return { text: text.trim(), cut: false };
}

export interface HiddenAppearanceTexts {
  /** Text of each hidden annotation's appearance, by annotation id (none when it draws no text). */
  texts: Map<string, string>;
  warnings: AnalysisWarning[];
}

/**
 * The text of each hidden annotation's appearance in the list fetchHiddenAppearances gave. A list
 * that could not be read, or that is over the operator limit, is a warning: the page itself is kept.
 */
export function readHiddenAppearances(
  page: number,
  list: HiddenAppearanceList | undefined,
  vt: Matrix,
  getFont: (ref: string) => FontInfo,
  options: WalkOptions & { maxOperatorsPerPage?: number } = {},
): HiddenAppearanceTexts {
  const texts = new Map<string, string>();
  const warnings: AnalysisWarning[] = [];
  if (!list) return { texts, warnings };
  const n = list.ids.size;
  const what = `appearance text of ${n} hidden annotation${n === 1 ? '' : 's'}`;
  if ('error' in list) return { texts, warnings: [{ page, what, why: `cannot be read (${oneLine(list.error)})` }] };
  const { fnArray, argsArray } = list.opList;
  const limit = options.maxOperatorsPerPage;
  if (limit !== undefined && fnArray.length > limit) {
    const f = (v: number) => v.toLocaleString('en-US');
    return { texts, warnings: [{ page, what, why: `${f(fnArray.length)} operators with every annotation's appearance, over the limit of ${f(limit)} (maxOperatorsPerPage)` }] };
  }
  for (const [id, [start, end]] of appearanceSections(fnArray, argsArray, list.ids)) {
    const walked = walkOperators(fnArray.slice(start, end), argsArray.slice(start, end) as unknown[][], vt, getFont, { maxFormDepth: options.maxFormDepth });
    // every glyph counts, drawn or not (clipped to the annotation's box, at size zero): a tool extracts them all
    const glyphs: (Glyph | UndrawnGlyph)[] = [...walked.glyphs, ...walked.undrawn].sort((a, b) => a.order - b.order);
    const { text, cut } = glyphText(glyphs);
    if (text) texts.set(id, text);
    if (cut) warnings.push({ page, what: `the appearance text of a hidden ${list.ids.get(id)} annotation beyond ${MAX_HIDDEN_APPEARANCE_TEXT.toLocaleString('en-US')} characters`, why: 'over the limit (MAX_HIDDEN_APPEARANCE_TEXT)' });
  }
  return { texts, warnings };
}
