/**
 * Per-page facts: one operator-list read and one annotation read per page, turned into plain data.
 */
import type { BBox, PageAnnotation, PageFacts, Rgb } from '../model.js';
import type { PDFPageProxy } from '../load/pdfjs.js';
import { transformBox, type Matrix } from './geometry.js';
import { fontInfoFrom, walkOperators, type FontInfo, type WalkOptions, type WalkResult } from './operator-walk.js';

export interface PageFactsResult {
  facts: PageFacts;
  /** Filled shapes painted by annotation appearance streams (used for annotation redactions). */
  annotationShapes: WalkResult['annotationShapes'];
}

/** @param options.isVisible which optional-content layers are shown (see readLayerVisibility) */
export async function readPageFacts(page: PDFPageProxy, options: WalkOptions = {}): Promise<PageFactsResult> {
  const viewport = page.getViewport({ scale: 1 });
  const vt = viewport.transform as Matrix;
  const opList = await page.getOperatorList();
  const fonts = new Map<string, FontInfo>();
  const getFont = (ref: string): FontInfo => {
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
  const walked = walkOperators(opList.fnArray, opList.argsArray as unknown[][], vt, getFont, options);
  const annotations = await readAnnotations(page, vt);
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
      groupBoxes: walked.groupBoxes,
      ...(walked.undrawn.length ? { undrawn: walked.undrawn } : {}),
      ...(walked.appearancesFrom !== undefined ? { appearancesFrom: walked.appearancesFrom } : {}),
    },
    annotationShapes: walked.annotationShapes,
  };
}

function toRgb(c: unknown): Rgb | undefined {
  if (c && typeof c === 'object' && 'length' in c && (c as ArrayLike<number>).length >= 3) {
    const a = c as ArrayLike<number>;
    return [a[0], a[1], a[2]];
  }
  return undefined;
}

async function readAnnotations(page: PDFPageProxy, vt: Matrix): Promise<PageAnnotation[]> {
  // every annotation, shown or not: hidden ones carry comments and form values too (see `flags`)
  const raw = (await page.getAnnotations({ intent: 'any' })) as Record<string, unknown>[];
  const out: PageAnnotation[] = [];
  for (const a of raw) {
    const rect = a.rect as number[] | undefined;
    if (!rect || rect.length !== 4) continue;
    const bbox = transformBox(vt, rect[0], rect[1], rect[2], rect[3]);
    const areas: BBox[] = [];
    const qp = a.quadPoints as ArrayLike<number> | undefined;
    if (qp && qp.length >= 8) {
      for (let i = 0; i + 7 < qp.length; i += 8) {
        const xs = [qp[i], qp[i + 2], qp[i + 4], qp[i + 6]];
        const ys = [qp[i + 1], qp[i + 3], qp[i + 5], qp[i + 7]];
        areas.push(transformBox(vt, Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)));
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
        strokes.push([b[0] - half, b[1] - half, b[2] + half, b[3] + half]);
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
