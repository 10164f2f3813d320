/**
 * Walk one page's pdfjs operator list the way the canvas renderer would, without drawing:
 * every glyph with its box, paint order, colour and render mode; every filled path with its
 * box after transform and clipping; every image placement.
 *
 * Coordinates produced here are display coordinates (the viewport transform at scale 1 is
 * applied last), so the caller gets top-left-origin points with rotation applied.
 */
import type { BBox, FilledShape, Glyph, PlacedImage, Rgb, TextDirection, UndrawnGlyph } from '../model.js';
import { pdfjs } from '../load/pdfjs.js';
import { glyphMetrics } from './font-metrics.js';
import { applyPoint, area, IDENTITY, intersection, isAxisAligned, isSaneBox, multiply, transformBox, type Matrix } from './geometry.js';

const OPS = pdfjs.OPS;

/** What the walker needs to know about a font (from pdfjs's commonObjs). */
export interface FontInfo {
  name: string;
  fontMatrix: number[];
  ascent: number;
  descent: number;
  bold: boolean;
  italic: boolean;
  vertical: boolean;
}

interface State {
  ctm: Matrix;
  clip: BBox | null; // in display space
  group: number; // innermost form XObject instance, 0 = page content
  fill: Rgb;
  fillAlpha: number;
  font: FontInfo | null;
  fontSize: number;
  charSpacing: number;
  wordSpacing: number;
  hScale: number;
  leading: number;
  rise: number;
  renderMode: number;
  textMatrix: Matrix;
  x: number; // text position within the text matrix (pdfjs keeps x/y apart from the matrix)
  y: number;
  lineX: number;
  lineY: number;
  /** The fill is a pattern or shading: its colour is unknown. */
  patternFill: boolean;
  /** A blend mode other than normal, or a soft mask: what is painted does not simply cover. */
  blended: boolean;
}

export interface WalkResult {
  glyphs: Glyph[];
  shapes: FilledShape[];
  images: PlacedImage[];
  /** Filled shapes painted inside annotation appearance streams. */
  annotationShapes: FilledShape[];
  /** Box of each form XObject instance by group number (0: unbounded page content). */
  groupBoxes: BBox[];
  /** Text-layer glyphs never drawn: clipped away, in a hidden optional-content layer, zero size. */
  undrawn: UndrawnGlyph[];
  /** Paint order of the first annotation appearance: glyphs from there on belong to annotations. */
  appearancesFrom?: number;
  /** What was left out, for the page's warnings (see WalkOptions). */
  skipped: WalkSkipped;
}

/** What the walk follows. */
export interface WalkOptions {
  /** Is an optional-content group (pdfjs marked-content properties) shown? Default: every layer is. */
  isVisible?: (properties: unknown) => boolean;
  /** Form XObjects nested deeper than this are skipped, with everything they draw. */
  maxFormDepth?: number;
}

export interface WalkSkipped {
  /** Form XObjects skipped for their depth (outermost skipped ones). */
  deepForms: number;
  /** Glyphs, shapes, images and clips whose coordinates are not finite or beyond any page. */
  badNumbers: number;
}

/** Depth of nested forms followed when the caller sets none (settings.ts LIMITS.maxFormDepth). */
export const DEFAULT_MAX_FORM_DEPTH = 64;

const FILL_OPS = new Set<number>([OPS.fill, OPS.eoFill, OPS.fillStroke, OPS.eoFillStroke, OPS.closeFillStroke, OPS.closeEOFillStroke]);
const IMAGE_OPS = new Set<number>([
  OPS.paintImageXObject,
  OPS.paintInlineImageXObject,
  OPS.paintImageXObjectRepeat,
  OPS.paintImageMaskXObject,
  OPS.paintSolidColorImageMask,
  OPS.paintInlineImageXObjectGroup,
  OPS.paintImageMaskXObjectGroup,
]);

const BOLD_NAME = /bold|black|heavy|semibold|demi/i;
const ITALIC_NAME = /italic|oblique/i;

export function parseHexColor(hex: unknown): Rgb {
  if (typeof hex === 'string' && /^#[0-9a-f]{6}$/i.test(hex)) {
    return [parseInt(hex.slice(1, 3), 16), parseInt(hex.slice(3, 5), 16), parseInt(hex.slice(5, 7), 16)];
  }
  return [0, 0, 0];
}

export function fontInfoFrom(obj: Record<string, unknown> | undefined, fallbackName: string): FontInfo {
  const name = String(obj?.name ?? obj?.loadedName ?? fallbackName);
  const { ascent, descent } = glyphMetrics(obj);
  const fm = obj?.fontMatrix as number[] | undefined;
  return {
    name,
    fontMatrix: Array.isArray(fm) || ArrayBuffer.isView(fm) ? Array.from(fm as ArrayLike<number>) : [0.001, 0, 0, 0.001, 0, 0],
    ascent,
    descent,
    bold: Boolean(obj?.bold || obj?.black) || BOLD_NAME.test(name),
    italic: Boolean(obj?.italic) || ITALIC_NAME.test(name),
    vertical: Boolean(obj?.vertical),
  };
}

/** Signed area of a polygon (shoelace). */
function polygonArea(pts: number[]): number {
  let s = 0;
  for (let i = 0; i < pts.length; i += 2) {
    const j = (i + 2) % pts.length;
    s += pts[i] * pts[j + 1] - pts[j] * pts[i + 1];
  }
  return s / 2;
}

/**
 * Summarise a pdfjs path (flat array of DrawOPS: 0 moveTo x y, 1 lineTo x y, 2 curveTo 6 numbers,
 * 3 quadraticCurveTo 4 numbers, 4 closePath) under matrix m. When the path is a set of separate
 * axis-aligned rectangles ("re re re f", common in redaction tools) each rectangle is its own part;
 * otherwise the path is one part whose fillRatio is its net area (holes subtracted) over its bbox.
 */
export function describePath(
  path: ArrayLike<number> | undefined,
  m: Matrix,
  bbox: BBox,
): { parts: BBox[] | null; fillRatio: number; rectangular: boolean } {
  const boxArea = area(bbox);
  if (!path || boxArea <= 0) return { parts: null, fillRatio: 0, rectangular: false };
  const subpaths: number[][] = [];
  let cur: number[] = [];
  const push = (x: number, y: number) => {
    const [px, py] = applyPoint(m, x, y);
    cur.push(px, py);
  };
  for (let i = 0; i < path.length; ) {
    const op = path[i];
    if (op === 0) {
      if (cur.length) subpaths.push(cur);
      cur = [];
      push(path[i + 1], path[i + 2]);
      i += 3;
    } else if (op === 1) {
      push(path[i + 1], path[i + 2]);
      i += 3;
    } else if (op === 2) {
      push(path[i + 1], path[i + 2]);
      push(path[i + 3], path[i + 4]);
      push(path[i + 5], path[i + 6]);
      i += 7;
    } else if (op === 3) {
      push(path[i + 1], path[i + 2]);
      push(path[i + 3], path[i + 4]);
      i += 5;
    } else {
      i += 1; // closePath
    }
  }
  if (cur.length) subpaths.push(cur);
  const rects = subpaths.every(isRectPolygon);
  if (rects && subpaths.length > 1) {
    const boxes = subpaths.map(polygonBox);
    const nested = boxes.some((a, i) => boxes.some((b, j) => i !== j && a[0] <= b[0] && a[1] <= b[1] && a[2] >= b[2] && a[3] >= b[3]));
    if (!nested) return { parts: boxes, fillRatio: 1, rectangular: true };
  }
  let signed = 0;
  for (const sp of subpaths) signed += polygonArea(sp);
  return { parts: null, fillRatio: Math.min(1, Math.abs(signed) / boxArea), rectangular: rects && subpaths.length === 1 };
}

function polygonBox(pts: number[]): BBox {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (let i = 0; i < pts.length; i += 2) {
    x0 = Math.min(x0, pts[i]);
    x1 = Math.max(x1, pts[i]);
    y0 = Math.min(y0, pts[i + 1]);
    y1 = Math.max(y1, pts[i + 1]);
  }
  return [x0, y0, x1, y1];
}

function isRectPolygon(pts: number[]): boolean {
  // drop a repeated closing point
  let n = pts.length / 2;
  if (n === 5 && Math.abs(pts[0] - pts[8]) < 0.01 && Math.abs(pts[1] - pts[9]) < 0.01) n = 4;
  if (n !== 4) return false;
  const eps = 0.05;
  for (let i = 0; i < 4; i++) {
    const j = (i + 1) % 4;
    const dx = Math.abs(pts[2 * i] - pts[2 * j]);
    const dy = Math.abs(pts[2 * i + 1] - pts[2 * j + 1]);
    if (dx > eps && dy > eps) return false;
  }
  return true;
}

/** Which way text drawn with matrix m runs on the display (y down), to the nearest quarter turn. */
export function textDirection(m: Matrix): TextDirection {
  const turns = Math.round(Math.atan2(m[1], m[0]) / (Math.PI / 2));
  return (((turns % 4) + 4) % 4) as TextDirection;
}

const BLANK = /^\s*$/;
/** A letter, digit, punctuation mark or symbol. */
const VISIBLE_CHAR = /[\p{L}\p{N}\p{P}\p{S}]/u;
/** Empty or white space only (a glyph that draws no character); one character answered without the regex. */
function isBlank(text: string): boolean {
  if (text.length === 1) {
    const c = text.charCodeAt(0);
    if (c > 32 && c < 127) return false;
  }
  return BLANK.test(text);
}

function cloneState(s: State): State {
  return { ...s };
}

/**
 * @param fnArray/argsArray the page's operator list
 * @param viewportTransform the page viewport transform at scale 1 (user space → display space)
 * @param getFont looks up a font by its pdfjs reference name
 */
export function walkOperators(
  fnArray: ArrayLike<number>,
  argsArray: unknown[][],
  viewportTransform: Matrix,
  getFont: (ref: string) => FontInfo,
  options: WalkOptions = {},
): WalkResult {
  const glyphs: Glyph[] = [];
  const shapes: FilledShape[] = [];
  const images: PlacedImage[] = [];
  const annotationShapes: FilledShape[] = [];
  const undrawn: UndrawnGlyph[] = [];
  // marked content (BMC/BDC ... EMC) is not part of the graphics state: its own stack, as in pdf.js
  const marked: boolean[] = [];
  let hiddenMarks = 0;
  const stack: State[] = [];
  let annotationDepth: number | null = null; // stack depth at beginAnnotation
  let appearancesFrom: number | undefined;
  let s: State = {
    ctm: [...IDENTITY] as Matrix,
    clip: null,
    group: 0,
    fill: [0, 0, 0],
    fillAlpha: 1,
    font: null,
    fontSize: 0,
    charSpacing: 0,
    wordSpacing: 0,
    hScale: 1,
    leading: 0,
    rise: 0,
    renderMode: 0,
    textMatrix: [...IDENTITY] as Matrix,
    x: 0,
    y: 0,
    lineX: 0,
    lineY: 0,
    patternFill: false,
    blended: false,
  };
  let pendingClip = false;
  const groupBoxes: BBox[] = [[-Infinity, -Infinity, Infinity, Infinity]];
  const maxFormDepth = options.maxFormDepth ?? DEFAULT_MAX_FORM_DEPTH;
  let formDepth = 0;
  let skipDepth = 0; // > 0 inside a form nested too deep: its operators are skipped
  const skipped: WalkSkipped = { deepForms: 0, badNumbers: 0 };
  /** Numbers are checked where they enter: a box that is not finite or beyond any page is dropped. */
  const sane = (b: BBox): boolean => isSaneBox(b) || (skipped.badNumbers++, false);

  const toDisplay = (m: Matrix): Matrix => multiply(m, viewportTransform);

  const clipTo = (b: BBox): BBox | null => (s.clip ? intersection(b, s.clip) : b);

  const consumePath = (fn: number, args: unknown[]) => {
    const [paintOp, data, minMax] = args as [number, unknown[] | null, ArrayLike<number> | null];
    const pathData = (Array.isArray(data) ? data[0] : undefined) as ArrayLike<number> | undefined;
    const m = toDisplay(s.ctm);
    let bbox: BBox | null = null;
    if (minMax && minMax.length === 4 && Number.isFinite(minMax[0])) {
      bbox = transformBox(m, minMax[0], minMax[1], minMax[2], minMax[3]);
      if (!sane(bbox)) bbox = null;
    }
    if (pendingClip) {
      pendingClip = false;
      if (bbox) s.clip = s.clip ? intersection(bbox, s.clip) ?? [0, 0, 0, 0] : bbox;
    }
    if (!bbox || !FILL_OPS.has(paintOp) || hiddenMarks > 0) return;
    const clipped = clipTo(bbox);
    if (!clipped) return;
    const { parts, fillRatio, rectangular } = describePath(pathData, m, bbox);
    const target = annotationDepth !== null ? annotationShapes : shapes;
    for (const part of parts ?? [bbox]) {
      const b = parts ? clipTo(part) : clipped;
      if (!b || !sane(b)) continue;
      const shape: FilledShape = { bbox: b, order: fn, color: s.fill, alpha: s.fillAlpha, rectangular: rectangular && isAxisAligned(m), fillRatio, group: s.group };
      if (s.patternFill || s.blended) shape.unknownPaint = true;
      target.push(shape);
    }
  };

  const showGlyphs = (order: number, items: unknown[]) => {
    const font = s.font;
    if (font && s.fontSize === 0) return recordZeroSize(order, items, font);
    if (!font || s.fontSize === 0) return;
    const fontSize = s.fontSize;
    const dir = fontSize < 0 ? -1 : 1;
    const size = Math.abs(fontSize);
    const widthScale = size * (font.fontMatrix[0] || 0.001);
    const base = toDisplay(multiply(s.textMatrix, s.ctm));
    // vertical extent of one font unit, for the effective size
    const [ux, uy] = [base[2] * size, base[3] * size];
    const effSize = Math.hypot(ux, uy);
    const invisible = (s.renderMode & 3) === 3;
    // stroked text shows its stroke colour, which is not tracked: its look is unknown
    const unknownPaint = s.patternFill || s.blended || (s.renderMode & 3) === 1 || (s.renderMode & 3) === 2;
    const runs = textDirection(base);
    let x = 0;
    for (const g of items) {
      if (typeof g === 'number') {
        x -= (g * size) / 1000;
        continue;
      }
      const glyph = g as { unicode?: string; width?: number; isSpace?: boolean };
      const w = glyph.width ?? 0;
      // pdf.js marks character code 32 as a space, but a subset font may draw a letter there
      // (corpus 30: code 32 is its "d"): a visible character in its text makes it no space (a
      // control character or no text keeps pdf.js's mark); code 32 still takes the word spacing
      const unicode = glyph.unicode ?? '';
      const isSpace = isBlank(unicode) || (Boolean(glyph.isSpace) && !VISIBLE_CHAR.test(unicode));
      const spacing = (glyph.isSpace ? s.wordSpacing : 0) + s.charSpacing;
      const advance = w * widthScale;
      const charWidth = advance + spacing * dir;
      const x0 = s.x + x * s.hScale;
      const x1 = s.x + (x + Math.max(advance, 0)) * s.hScale;
      const y = s.y + s.rise;
      const box = transformBox(base, x0, y + font.descent * size, x1, y + font.ascent * size);
      const visibleBox = clipTo(box);
      if (sane(box)) {
        const drawn: Glyph = {
          text: glyph.unicode ?? '',
          bbox: visibleBox ?? box,
          order,
          fontSize: effSize,
          fontName: font.name,
          bold: font.bold,
          italic: font.italic,
          color: s.fill,
          invisible: invisible || s.fillAlpha === 0,
          isSpace,
          group: s.group,
        };
        // set after the literal, in the same key order: a spread in the literal is slow per glyph
        if (runs) drawn.dir = runs;
        if (unknownPaint) drawn.unknownPaint = true;
        if (hiddenMarks > 0) {
          if (!isSpace) undrawn.push({ ...drawn, why: 'layer-off' });
        } else if (visibleBox || box[0] === box[2]) glyphs.push(drawn);
        else if (!isSpace) undrawn.push({ ...drawn, why: 'clipped' });
      }
      x += charWidth;
    }
    s.x += x * s.hScale;
  };

  /** Text shown at size 0: extractable, never visible. Recorded at the current point. */
  const recordZeroSize = (order: number, items: unknown[], font: FontInfo) => {
    const base = toDisplay(multiply(s.textMatrix, s.ctm));
    const [px, py] = applyPoint(base, s.x, s.y + s.rise);
    for (const g of items) {
      const unicode = typeof g === 'object' && g !== null ? (g as { unicode?: string }).unicode : undefined;
      if (!unicode) continue;
      undrawn.push({
        text: unicode,
        bbox: [px, py, px, py],
        order,
        fontSize: 0,
        fontName: font.name,
        bold: font.bold,
        italic: font.italic,
        color: s.fill,
        invisible: false,
        // kept, unlike other undrawn spaces: at size 0 every glyph stands on one point, only spaces part the words
        isSpace: /^\s+$/.test(unicode),
        group: s.group,
        why: 'zero-size',
      });
    }
  };

  /** BDC/BMC: optional content ("OC") that the document hides by default hides all it encloses. */
  const beginMarked = (tag: unknown, properties: unknown) => {
    const shown = tag !== 'OC' || !options.isVisible || options.isVisible(properties);
    marked.push(shown);
    if (!shown) hiddenMarks++;
  };
  const endMarked = () => {
    if (marked.length && !marked.pop()) hiddenMarks--;
  };

  for (let i = 0; i < fnArray.length; i++) {
    const fn = fnArray[i];
    const args = (argsArray[i] ?? []) as unknown[];
    if (skipDepth > 0) {
      if (fn === OPS.paintFormXObjectBegin) skipDepth++;
      else if (fn === OPS.paintFormXObjectEnd) skipDepth--;
      continue;
    }
    switch (fn) {
      case OPS.save:
        stack.push(cloneState(s));
        break;
      case OPS.restore:
        if (stack.length) s = stack.pop()!;
        break;
      case OPS.transform:
        s.ctm = multiply(args as number[], s.ctm);
        break;
      case OPS.setGState:
        for (const [key, value] of args[0] as [string, unknown][]) {
          if (key === 'ca' && typeof value === 'number') s.fillAlpha = value;
          if (key === 'BM') s.blended = value !== 'source-over';
          if (key === 'SMask') s.blended = Boolean(value);
          if (key === 'Font' && Array.isArray(value)) {
            s.font = getFont(String(value[0]));
            s.fontSize = Number(value[1]);
          }
        }
        break;
      case OPS.setFillRGBColor:
        s.fill = parseHexColor(args[0]);
        s.patternFill = false;
        break;
      case OPS.setFillTransparent:
        s.fillAlpha = 0;
        break;
      case OPS.setFillColorN:
        // pattern or shading fill: colour unknown; treat as light so it never counts as a redaction
        s.fill = [255, 255, 255];
        s.patternFill = true;
        break;
      case OPS.shadingFill: {
        // paints the whole clip area with a gradient: nothing known of its colour
        const b = s.clip ?? transformBox(viewportTransform, -1e5, -1e5, 1e5, 1e5);
        if (hiddenMarks === 0) {
          (annotationDepth !== null ? annotationShapes : shapes).push({
            bbox: b,
            order: i,
            color: [255, 255, 255],
            alpha: 1,
            rectangular: false,
            fillRatio: 0,
            group: s.group,
            unknownPaint: true,
          });
        }
        break;
      }
      case OPS.beginMarkedContent:
        beginMarked(args[0], null);
        break;
      case OPS.beginMarkedContentProps:
        beginMarked(args[0], args[1]);
        break;
      case OPS.endMarkedContent:
        endMarked();
        break;
      case OPS.clip:
      case OPS.eoClip:
        pendingClip = true;
        break;
      case OPS.constructPath:
        consumePath(i, args);
        break;
      case OPS.rawFillPath:
        break;
      case OPS.beginText:
        s.textMatrix = [...IDENTITY] as Matrix;
        s.x = s.y = s.lineX = s.lineY = 0;
        break;
      case OPS.setFont:
        s.font = getFont(String(args[0]));
        s.fontSize = Number(args[1]);
        break;
      case OPS.setCharSpacing:
        s.charSpacing = Number(args[0]);
        break;
      case OPS.setWordSpacing:
        s.wordSpacing = Number(args[0]);
        break;
      case OPS.setHScale:
        s.hScale = Number(args[0]) / 100;
        break;
      case OPS.setLeading:
        s.leading = -Number(args[0]);
        break;
      case OPS.setTextRise:
        s.rise = Number(args[0]);
        break;
      case OPS.setTextRenderingMode:
        s.renderMode = Number(args[0]);
        break;
      case OPS.moveText:
        s.x = s.lineX += Number(args[0]);
        s.y = s.lineY += Number(args[1]);
        break;
      case OPS.setLeadingMoveText:
        s.leading = Number(args[1]);
        s.x = s.lineX += Number(args[0]);
        s.y = s.lineY += Number(args[1]);
        break;
      case OPS.setTextMatrix: {
        const m = (Array.isArray(args[0]) || ArrayBuffer.isView(args[0]) ? args[0] : args) as number[];
        s.textMatrix = Array.from(m).slice(0, 6) as Matrix;
        s.x = s.y = s.lineX = s.lineY = 0;
        break;
      }
      case OPS.nextLine:
        s.x = s.lineX += 0;
        s.y = s.lineY += s.leading;
        break;
      case OPS.showText:
      case OPS.showSpacedText:
        showGlyphs(i, (args[0] ?? []) as unknown[]);
        break;
      case OPS.nextLineShowText:
        s.y = s.lineY += s.leading;
        s.x = s.lineX;
        showGlyphs(i, (args[0] ?? []) as unknown[]);
        break;
      case OPS.nextLineSetSpacingShowText:
        s.wordSpacing = Number(args[0]);
        s.charSpacing = Number(args[1]);
        s.y = s.lineY += s.leading;
        s.x = s.lineX;
        showGlyphs(i, (args[2] ?? []) as unknown[]);
        break;
      case OPS.paintFormXObjectBegin: {
        if (formDepth >= maxFormDepth) {
          skipDepth = 1;
          skipped.deepForms++;
          break;
        }
        formDepth++;
        stack.push(cloneState(s));
        const [matrix, bbox] = args as [number[] | null, number[] | null];
        if (matrix) s.ctm = multiply(matrix, s.ctm);
        s.group = groupBoxes.length;
        const b = bbox && transformBox(toDisplay(s.ctm), bbox[0], bbox[1], bbox[2], bbox[3]);
        if (b && sane(b)) {
          groupBoxes.push(b);
          s.clip = s.clip ? intersection(b, s.clip) ?? [0, 0, 0, 0] : b;
        } else groupBoxes.push(groupBoxes[0]);
        break;
      }
      case OPS.paintFormXObjectEnd:
        if (formDepth > 0) formDepth--;
        if (stack.length) s = stack.pop()!;
        break;
      case OPS.beginAnnotation: {
        const [, rect, transform, matrix] = args as [string, number[] | null, number[], number[]];
        appearancesFrom ??= i;
        while (annotationDepth !== null && stack.length > annotationDepth) s = stack.pop()!;
        annotationDepth = stack.length;
        stack.push(cloneState(s));
        s = { ...s, ctm: [...IDENTITY] as Matrix, clip: null, fill: [0, 0, 0], fillAlpha: 1, renderMode: 0 };
        if (rect) s.clip = transformBox(viewportTransform, rect[0], rect[1], rect[2], rect[3]);
        s.ctm = multiply(matrix ?? IDENTITY, multiply(transform ?? IDENTITY, IDENTITY));
        break;
      }
      case OPS.endAnnotation:
        if (annotationDepth !== null) {
          while (stack.length > annotationDepth) s = stack.pop()!;
          annotationDepth = null;
        }
        break;
      default:
        if (IMAGE_OPS.has(fn)) {
          const m = toDisplay(s.ctm);
          const placed = transformBox(m, 0, 0, 1, 1);
          const b = sane(placed) ? clipTo(placed) : null;
          if (b && annotationDepth === null && hiddenMarks === 0) {
            const isXObject = fn === OPS.paintImageXObject && typeof args[0] === 'string';
            // a 1-bit stencil mask (/ImageMask true) painted with the fill colour: its bits are in objs too
            const mask = fn === OPS.paintImageMaskXObject ? (args[0] as { data?: unknown; width?: number; height?: number } | undefined) : undefined;
            const isMask = typeof mask?.data === 'string' && Number(mask.width) > 0 && Number(mask.height) > 0;
            images.push({
              bbox: b,
              order: i,
              transform: m,
              ...(isXObject ? { objId: args[0] as string, pixelWidth: Number(args[1]), pixelHeight: Number(args[2]) } : {}),
              ...(isMask ? { objId: mask!.data as string, stencil: { color: s.fill, width: Number(mask!.width), height: Number(mask!.height) } } : {}),
            });
          }
        }
    }
  }
  return { glyphs, shapes, images, annotationShapes, groupBoxes, undrawn, skipped, ...(appearancesFrom !== undefined ? { appearancesFrom } : {}) };
}
