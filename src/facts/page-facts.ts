/**
 * Per-page facts: one operator-list read and one annotation read per page, turned into plain data.
 */
import type { AnalysisWarning, BBox, PageAnnotation, PageFacts, Rgb } from '../model.js';
import { pdfjs, type PDFPageProxy } from '../load/pdfjs.js';
import { isSaneBox, transformBox, type Matrix } from './geometry.js';
import { fetchHiddenAppearances, hiddenAppearanceIds, readHiddenAppearances, type HiddenAppearanceList } from './hidden-appearances.js';
import { DEFAULT_MAX_FORM_DEPTH, fontInfoFrom, walkOperators, type FontInfo, type WalkOptions, type WalkResult, type WalkSkipped } from './operator-walk.js';

export interface PageFactsResult {
  facts: PageFacts;
  /** Filled shapes painted by annotation appearance streams (used for annotation redactions). */
  annotationShapes: WalkResult['annotationShapes'];
  /** What was left out of the facts (nested too deep, damaged numbers). */
  warnings: AnalysisWarning[];
  /** Set when the whole page was left out (over a limit): its facts are empty, the page is unread. */
  skipped?: AnalysisWarning;
}

export interface PageFactsOptions extends WalkOptions {
  /** Pages with more operators are skipped (settings.ts LIMITS.maxOperatorsPerPage). */
  maxOperatorsPerPage?: number;
}

/**
 * What pdf.js gives for one page: its operator list, and its annotations (read, or why not). Both
 * are asked for at once, so that a caller can have the next page parsed while it works on this one.
 */
export interface PageContent {
  opList: { fnArray: number[]; argsArray: unknown[] };
  annotations: { raw: Record<string, unknown>[] } | { error: unknown };
  /** The triggers of the page's own JavaScript actions (none when they cannot be read). */
  scripts?: string[];
  /** Every annotation's appearance, asked for only when a hidden one may draw text (hidden-appearances.ts). */
  hidden?: HiddenAppearanceList;
}

/**
 * Ask pdf.js for a page's content. Rejects as getOperatorList does; an annotation failure is kept.
 * @param reread runs the second read of a page with hidden appearances (WarningScope.reread: the
 *   warnings pdf.js repeats are not said twice)
 */
export async function fetchPageContent(page: PDFPageProxy, reread: <T>(work: () => Promise<T>) => Promise<T> = (work) => work()): Promise<PageContent> {
  const opList = page.getOperatorList();
  // every annotation, shown or not: hidden ones carry comments and form values too (see `flags`)
  const annotations = page.getAnnotations({ intent: 'any' }).then(
    (raw) => ({ raw: raw as Record<string, unknown>[] }),
    (error: unknown) => ({ error }),
  );
  // the page's open and close actions (a damaged /AA is no reason to lose the page: none then)
  const scripts = page.getJSActions().then(
    (actions) => Object.keys((actions ?? {}) as Record<string, unknown>),
    () => [],
  );
  const content: PageContent = { opList: await opList, annotations: await annotations, scripts: await scripts };
  // a page with no hidden annotation to read asks for nothing more
  const ids = 'raw' in content.annotations ? hiddenAppearanceIds(content.annotations.raw) : undefined;
  const hidden = ids?.size ? await reread(() => fetchHiddenAppearances(page, ids)) : undefined;
  return hidden ? { ...content, hidden } : content;
}

/** @param options.isVisible which optional-content layers are shown (see readLayerVisibility) */
export async function readPageFacts(page: PDFPageProxy, options: PageFactsOptions = {}): Promise<PageFactsResult> {
  return pageFactsFrom(page, await fetchPageContent(page), options);
}

/**
 * A page's facts from its content (fetchPageContent). Throws the annotations' read failure, unless
 * the page is over the operator limit (then it is skipped, as if its annotations were never asked for).
 */
export function pageFactsFrom(page: PDFPageProxy, content: PageContent, options: PageFactsOptions = {}): PageFactsResult {
  const viewport = page.getViewport({ scale: 1 });
  const vt = viewport.transform as Matrix;
  const { opList } = content;
  if (options.maxOperatorsPerPage !== undefined && opList.fnArray.length > options.maxOperatorsPerPage) {
    const n = (v: number) => v.toLocaleString('en-US');
    return skippedPageFacts(page, `${n(opList.fnArray.length)} operators, over the limit of ${n(options.maxOperatorsPerPage)} (maxOperatorsPerPage)`);
  }
  const fonts = fontReader(page);
  const walked = walkOperators(opList.fnArray, opList.argsArray as unknown[][], vt, fonts, options);
  if ('error' in content.annotations) throw content.annotations.error;
  const hidden = readHiddenAppearances(page.pageNumber, content.hidden, vt, fonts, options);
  const annotations = readAnnotations(content.annotations.raw, vt, walked.skipped, hidden.texts);
  return {
    facts: {
      page: page.pageNumber,
      width: viewport.width,
      height: viewport.height,
      rotation: page.rotate,
      glyphs: walked.glyphs,
      shapes: walked.shapes,
      images: walked.images,
      annotations,
      ...(content.scripts?.length ? { scripts: content.scripts } : {}),
      groupBoxes: walked.groupBoxes,
      ...(walked.undrawn.length ? { undrawn: walked.undrawn } : {}),
      ...(walked.appearancesFrom !== undefined ? { appearancesFrom: walked.appearancesFrom } : {}),
      ...(paintsNothing(opList.fnArray, opList.argsArray) ? { blank: true as const } : {}),
    },
    annotationShapes: walked.annotationShapes,
    warnings: [...walkWarnings(page.pageNumber, walked.skipped, options), ...hidden.warnings],
  };
}

/** The page's fonts as the operator walk needs them, each looked up once. */
function fontReader(page: PDFPageProxy): (ref: string) => FontInfo {
  const fonts = new Map<string, FontInfo>();
  return (ref) => {
    let f = fonts.get(ref);
    if (!f) {
      let obj: Record<string, unknown> | undefined;
      try {
        obj = page.commonObjs.has(ref) ? (page.commonObjs.get(ref) as Record<string, unknown>) : undefined;
        if (!obj && page.objs.has(ref)) obj = page.objs.get(ref) as Record<string, unknown>;
      } catch {
        obj = undefined;
      }
      f = fontInfoFrom(obj, ref);
      fonts.set(ref, f);
    }
    return f;
  };
}

/** The result for a page left out entirely: its size, no content, and why (a warning). */
export function skippedPageFacts(page: PDFPageProxy, why: string): PageFactsResult {
  const viewport = page.getViewport({ scale: 1 });
  const size = { page: page.pageNumber, width: viewport.width, height: viewport.height, rotation: page.rotate };
  return { facts: emptyFacts(size), annotationShapes: [], warnings: [], skipped: { page: page.pageNumber, what: 'the whole page', why } };
}

function emptyFacts(size: Pick<PageFacts, 'page' | 'width' | 'height' | 'rotation'>): PageFacts {
  return { ...size, glyphs: [], shapes: [], images: [], annotations: [], groupBoxes: [[-Infinity, -Infinity, Infinity, Infinity]] };
}

function walkWarnings(page: number, skipped: WalkSkipped, options: WalkOptions): AnalysisWarning[] {
  const out: AnalysisWarning[] = [];
  if (skipped.deepForms) {
    out.push({ page, what: 'content nested in form XObjects', why: `nested deeper than ${options.maxFormDepth ?? DEFAULT_MAX_FORM_DEPTH} form XObjects (maxFormDepth)` });
  }
  if (skipped.badNumbers) {
    const n = skipped.badNumbers;
    out.push({ page, what: `${n} drawn object${n === 1 ? '' : 's'}`, why: 'coordinates not finite or beyond any page (damaged numbers)' });
  }
  return out;
}

const OPS = pdfjs.OPS;
/** Operators that put something on the page (paths are constructPath with a paint operator). */
const PAINTING = new Set<number>([
  OPS.showText, OPS.showSpacedText, OPS.nextLineShowText, OPS.nextLineSetSpacingShowText, OPS.shadingFill,
  OPS.paintImageXObject, OPS.paintInlineImageXObject, OPS.paintImageXObjectRepeat, OPS.paintImageMaskXObject,
  OPS.paintSolidColorImageMask, OPS.paintInlineImageXObjectGroup, OPS.paintImageMaskXObjectGroup, OPS.paintImageMaskXObjectRepeat,
  OPS.stroke, OPS.closeStroke, OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke,
]);

/** True when no operator of the page draws anything (a blank page: nothing to render or OCR). */
export function paintsNothing(fnArray: ArrayLike<number>, argsArray: unknown[]): boolean {
  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    if (PAINTING.has(fn)) return false;
    if (fn === OPS.constructPath && (argsArray[i] as unknown[] | null)?.[0] !== OPS.endPath) return false;
  }
  return true;
}

function toRgb(c: unknown): Rgb | undefined {
  if (c && typeof c === 'object' && 'length' in c && (c as ArrayLike<number>).length >= 3) {
    const a = c as ArrayLike<number>;
    return [a[0], a[1], a[2]];
  }
  return undefined;
}

/** @param hiddenTexts the text of hidden annotations' appearances, by annotation id (readHiddenAppearances) */
function readAnnotations(raw: Record<string, unknown>[], vt: Matrix, skipped: WalkSkipped, hiddenTexts: ReadonlyMap<string, string>): PageAnnotation[] {
  const out: PageAnnotation[] = [];
  for (const a of raw) {
    const rect = a.rect as number[] | undefined;
    if (!rect || rect.length !== 4) continue;
    const bbox = transformBox(vt, rect[0], rect[1], rect[2], rect[3]);
    if (!isSaneBox(bbox)) {
      skipped.badNumbers++;
      continue;
    }
    const areas: BBox[] = [];
    const qp = a.quadPoints as ArrayLike<number> | undefined;
    if (qp && qp.length >= 8) {
      for (let i = 0; i + 7 < qp.length; i += 8) {
        const xs = [qp[i], qp[i + 2], qp[i + 4], qp[i + 6]];
        const ys = [qp[i + 1], qp[i + 3], qp[i + 5], qp[i + 7]];
        const area = transformBox(vt, Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys));
        if (isSaneBox(area)) areas.push(area);
      }
    }
    if (!areas.length) areas.push(bbox);
    const contents = (a.contentsObj as { str?: string } | undefined)?.str || undefined;
    // pdfjs clamps a border wider than half the rectangle to 1; rawWidth keeps the real one
    const style = a.borderStyle as { width?: number; rawWidth?: number } | undefined;
    const borderWidth = style?.rawWidth ?? style?.width;
    const strokes: BBox[] = [];
    for (const list of (a.inkLists as ArrayLike<number>[] | undefined) ?? []) {
      const half = (borderWidth ?? 1) / 2;
      for (let i = 0; i + 3 < list.length; i += 2) {
        const b = transformBox(vt, Math.min(list[i], list[i + 2]), Math.min(list[i + 1], list[i + 3]), Math.max(list[i], list[i + 2]), Math.max(list[i + 1], list[i + 3]));
        if (isSaneBox(b)) strokes.push([b[0] - half, b[1] - half, b[2] + half, b[3] + half]);
      }
    }
    out.push({
      subtype: String(a.subtype ?? ''),
      bbox,
      areas,
      color: toRgb(a.color),
      interiorColor: toRgb(a.interiorColor),
      opacity: typeof a.opacity === 'number' ? a.opacity : 1,
      overlayText: typeof a.overlayText === 'string' ? a.overlayText : undefined,
      contents,
      ...(borderWidth !== undefined ? { borderWidth } : {}),
      ...(strokes.length ? { strokes } : {}),
      ...annotationTexts(a),
      ...(typeof a.id === 'string' && hiddenTexts.has(a.id) ? { hiddenAppearanceText: hiddenTexts.get(a.id) } : {}),
    });
  }
  return out;
}

/** What an annotation holds beyond its drawing: flags, comment texts, a form value, scripts, a file. */
function annotationTexts(a: Record<string, unknown>): Partial<PageAnnotation> {
  const out: Partial<PageAnnotation> = {};
  if (typeof a.annotationFlags === 'number' && a.annotationFlags) out.flags = a.annotationFlags;
  const rich = (a.richText as { str?: unknown } | null | undefined)?.str;
  if (typeof rich === 'string' && rich.trim()) out.richText = rich;
  const shown = a.textContent;
  if (Array.isArray(shown) && shown.some((t) => typeof t === 'string' && t.trim())) out.appearanceText = shown.join('\n');
  if (a.subtype === 'Widget' && typeof a.fieldName === 'string') {
    const v = a.fieldValue;
    const value = typeof v === 'string' ? v : Array.isArray(v) ? v.filter((x) => typeof x === 'string').join(', ') : '';
    out.field = { name: a.fieldName, type: String(a.fieldType ?? ''), value };
  }
  const actions = a.actions as Record<string, unknown> | undefined;
  if (actions && typeof actions === 'object' && Object.keys(actions).length) out.javascript = true;
  const file = a.file as { filename?: unknown; content?: { length?: number } } | undefined;
  if (a.subtype === 'FileAttachment' && file) out.file = { name: String(file.filename ?? 'unnamed'), bytes: file.content?.length ?? 0 };
  return out;
}
