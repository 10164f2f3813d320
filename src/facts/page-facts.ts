/**
 * Per-page facts: one operator-list read and one annotation read per page, turned into plain data.
 */
import type { BBox, PageAnnotation, PageFacts, Rgb } from '../model.js';
import type { PDFPageProxy } from '../load/pdfjs.js';
import { transformBox, type Matrix } from './geometry.js';
import { fontInfoFrom, walkOperators, type FontInfo, type WalkResult } from './operator-walk.js';

export interface PageFactsResult {
  facts: PageFacts;
  /** Filled shapes painted by annotation appearance streams (used for annotation redactions). */
  annotationShapes: WalkResult['annotationShapes'];
}

export async function readPageFacts(page: PDFPageProxy): Promise<PageFactsResult> {
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
  const walked = walkOperators(opList.fnArray, opList.argsArray as unknown[][], vt, getFont);
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
  const raw = (await page.getAnnotations({ intent: 'display' })) as Record<string, unknown>[];
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
    });
  }
  return out;
}
