/**
 * Labels printed on or beside redaction boxes, read by the OCR pool: the white print inside a black
 * box, the dark print inside a white or outlined box, a label in a colour (blue on light blue), and
 * the exemption codes written in the margin beside an outlined box ("b6 b7C").
 *
 * Ink is told from the box by colour, not by a fixed grey level: a label's pixels are those that
 * differ from the box's own colour (its median) by at least LABEL_DEFAULTS.inkContrast in some
 * channel (the colour render where the page has one, else grey). The crop handed to OCR is that
 * difference, black on white, enlarged so that small print is about `labelHeightPx` tall.
 *
 * Exemption codes are hard for an OCR engine ("(b)(7)(E)" comes out as "(bX7HE)" at low
 * confidence): a reading that looks like a code is read a second time with only the characters of
 * codes allowed, and a code is kept when the two readings do not contradict each other.
 */
import type { BBox, RedactionStyle } from '../model.js';
import type { GreyImage } from './render.js';
import { edgesOf, isPlainBBox, pixelBox, quadOf, type BoxRef } from './mask.js';
import type { OcrWord } from './ocr-pool.js';
import type { OcrEngine } from './ocr-engine.js';
import { canonicalExemption, exemptionCodes, isExemptionLabel } from './exemptions.js';

/** Thresholds of label reading (README: "Labels"). */
export const LABEL_DEFAULTS = {
  /** Smallest word confidence kept in a label, and smallest mean (known label forms need half). */
  minConfidence: 60,
  /** Smallest difference from the box's colour (largest channel, 0..255) of a label pixel. */
  inkContrast: 100,
  /** Height (px) label print is enlarged to before OCR (7 pt in a 150 dpi scan is ~15 px). */
  labelHeightPx: 72,
  /** Largest enlargement (at 5x and more tesseract reads the bold "5" of "(b)(5)" as "3"). */
  maxEnlarge: 4,
  /** Widest outline stripped from an outlined box before its label is looked for, points. */
  maxOutlinePt: 3,
  /** Share of a row along an outlined box's edge that must be ink for the row to be outline. */
  outlineShare: 0.5,
  /** How far past a solid box's found edge its colour is followed, points. */
  solidGrowPt: 4,
  /** Share of a row just outside a solid box's top or bottom edge in the box's colour for the row to be box. */
  solidGrowShare: 0.3,
  /** The same for a column beside a side edge (a column through a neighbouring word's letter is half dark too). */
  solidGrowSideShare: 0.4,
  /** Deepest ragged edge stripped from a solid box, points. */
  solidEdgePt: 0.75,
  /** Share of a row along a solid box's edge that must be light for the row to be edge, not label. */
  solidEdgeShare: 0.8,
  /** How far beside an outlined or white box a written code is looked for, points. */
  besideMaxPt: 144,
  /** The band beside a box reaches this share of the box's height above and below it. */
  besideBand: 0.25,
  /** The characters of exemption codes: the second reading of a code allows only these. */
  codeAlphabet: '()[]bkj0123456789ABCDEFabcdefghijklmnopqrstuvwxyz,;',
} as const;

export interface BoxLabelOptions {
  /** Smallest word confidence kept in a label, and smallest mean. Default LABEL_DEFAULTS.minConfidence. */
  minConfidence?: number;
  /** Texts of a known form (labels, exemption codes): these need only half the confidence. Default: both. */
  trust?: (text: string) => boolean;
}

export interface LabelCrop {
  /** The label's ink, black on white, padded and enlarged. */
  image: GreyImage;
  /** Where the label's ink is, pixels of the page image. */
  lightBox: BBox;
}

function styleOf(b: BoxRef): RedactionStyle {
  return isPlainBBox(b) ? 'solid' : (b.style ?? 'solid');
}

/** A box's pixel quad with per-edge insets: the pixels kept lie at least `inset[e]` inside edge e. */
interface Frame {
  edges: Float64Array;
  inset: [number, number, number, number];
  bounds: BBox;
}

/** The frame of a box, its edges moved in by `inset` px (out when negative); `bounds` hold it either way. */
function frameOf(img: GreyImage, b: BoxRef, inset: number): Frame {
  const q = quadOf(img, b);
  const xs = q.map((p) => p[0]);
  const ys = q.map((p) => p[1]);
  const out = Math.max(0, -inset);
  return {
    edges: edgesOf(q),
    inset: [inset, inset, inset, inset],
    bounds: [Math.min(...xs) - out, Math.min(...ys) - out, Math.max(...xs) + out, Math.max(...ys) + out],
  };
}

function inFrames(fs: readonly Frame[], x: number, y: number): boolean {
  for (const { edges: e, inset } of fs) {
    if (
      e[0] * x + e[1] * y + e[2] >= inset[0] &&
      e[3] * x + e[4] * y + e[5] >= inset[1] &&
      e[6] * x + e[7] * y + e[8] >= inset[2] &&
      e[9] * x + e[10] * y + e[11] >= inset[3]
    )
      return true;
  }
  return false;
}

/** An area of the page: which pixels are inside the frames, and how far each is from their median colour. */
interface InkArea {
  x0: number;
  y0: number;
  w: number;
  h: number;
  inside: Uint8Array;
  /** Difference from the area's own colour, 0..255 (largest channel; grey when the page has no colour). */
  contrast: Uint8Array;
}

/** Median of one channel over the listed pixels (256-bin histogram). */
function medianOf(values: Uint8Array, stride: number, offset: number, idx: Int32Array, n: number): number {
  const hist = new Uint32Array(256);
  for (let k = 0; k < n; k++) hist[values[idx[k] * stride + offset]]++;
  let acc = 0;
  for (let v = 0; v < 256; v++) if ((acc += hist[v]) * 2 >= n) return v;
  return 255;
}

/** The area of frames `fs`, its contrast measured against the median colour inside `own` (default: fs). */
function measureArea(img: GreyImage, fs: readonly Frame[], own: readonly Frame[] = fs): InkArea | undefined {
  const { width: W, height: H, rgb } = img;
  const x0 = Math.max(0, Math.floor(Math.min(...fs.map((f) => f.bounds[0]))));
  const y0 = Math.max(0, Math.floor(Math.min(...fs.map((f) => f.bounds[1]))));
  const w = Math.min(W, Math.ceil(Math.max(...fs.map((f) => f.bounds[2])))) - x0;
  const h = Math.min(H, Math.ceil(Math.max(...fs.map((f) => f.bounds[3])))) - y0;
  if (w < 4 || h < 4) return undefined;
  const inside = new Uint8Array(w * h);
  const idx = new Int32Array(w * h);
  let n = 0;
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      if (!inFrames(fs, x0 + x + 0.5, y0 + y + 0.5)) continue;
      inside[y * w + x] = 1;
      idx[n++] = (y0 + y) * W + x0 + x;
    }
  }
  if (own !== fs) {
    n = 0;
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (inFrames(own, x0 + x + 0.5, y0 + y + 0.5)) idx[n++] = (y0 + y) * W + x0 + x;
  }
  if (n < 16) return undefined;
  const bg = rgb ? [0, 1, 2].map((c) => medianOf(rgb, 3, c, idx, n)) : [medianOf(img.data, 1, 0, idx, n)];
  const contrast = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const p = (y0 + y) * W + x0 + x;
      contrast[y * w + x] = rgb
        ? Math.max(Math.abs(rgb[p * 3] - bg[0]), Math.abs(rgb[p * 3 + 1] - bg[1]), Math.abs(rgb[p * 3 + 2] - bg[2]))
        : Math.abs(img.data[p] - bg[0]);
    }
  }
  return { x0, y0, w, h, inside, contrast };
}

/**
 * Move the edges of frames given `grow` px outside their box back to where the box's colour ends:
 * rows outside the found edge with at least solidGrowShare (columns: solidGrowSideShare) of the box's
 * colour (a label's row: dark between light letters) are box; the first row of paper ends it.
 */
function growRows(fs: Frame[], own: readonly Frame[], area: InkArea, grow: number): void {
  const { x0, y0, w, h, inside, contrast } = area;
  // the other lines of a multi-line box are box already: only what lies outside them counts
  // (the same pixels for every frame and edge: found once)
  const outside = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (inside[y * w + x] && !inFrames(own, x0 + x + 0.5, y0 + y + 0.5)) outside[y * w + x] = 1;
  for (const f of fs) {
    const box = new Uint32Array(2 * grow + 1);
    const all = new Uint32Array(2 * grow + 1);
    for (let e = 0; e < 4; e++) {
      const nx = f.edges[e * 3], ny = f.edges[e * 3 + 1];
      const share = Math.abs(ny) > Math.abs(nx) ? LABEL_DEFAULTS.solidGrowShare : LABEL_DEFAULTS.solidGrowSideShare;
      box.fill(0);
      all.fill(0);
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          if (!outside[y * w + x]) continue;
          // distance past the found edge, 0 .. grow - 1 outside it
          const d = Math.floor(-(nx * (x0 + x + 0.5) + ny * (y0 + y + 0.5) + f.edges[e * 3 + 2]));
          if (d < 0 || d >= grow) continue;
          all[d]++;
          if (contrast[y * w + x] < LABEL_DEFAULTS.inkContrast) box[d]++;
        }
      }
      let d = 0;
      while (d < grow && all[d] > 0 && box[d] >= all[d] * share) d++;
      f.inset[e] = -d;
    }
  }
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (inside[y * w + x] && !inFrames(fs, x0 + x + 0.5, y0 + y + 0.5)) inside[y * w + x] = 0;
}

/**
 * Widen each frame's insets past the box's own edge: rows along an edge that are mostly ink are
 * the border of an outlined box (LABEL_DEFAULTS.outlineShare, up to maxOutlinePt deep) or the
 * ragged, anti-aliased edge of a solid one (solidEdgeShare, up to solidEdgePt), not its label. A
 * label row touching the edge has gaps between its letters and stays.
 */
function stripEdges(img: GreyImage, fs: Frame[], area: InkArea, open: boolean): void {
  const depth = open ? LABEL_DEFAULTS.maxOutlinePt : LABEL_DEFAULTS.solidEdgePt;
  const share = open ? LABEL_DEFAULTS.outlineShare : LABEL_DEFAULTS.solidEdgeShare;
  const maxPx = Math.max(2, Math.ceil(depth * img.scale));
  const { x0, y0, w, h, inside, contrast } = area;
  for (const f of fs) {
    const total = Array.from({ length: 4 }, () => new Uint32Array(maxPx));
    const ink = Array.from({ length: 4 }, () => new Uint32Array(maxPx));
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        if (!inside[y * w + x] || !inFrames([f], x0 + x + 0.5, y0 + y + 0.5)) continue;
        const isInk = contrast[y * w + x] >= LABEL_DEFAULTS.inkContrast ? 1 : 0;
        for (let e = 0; e < 4; e++) {
          const d = Math.floor(f.edges[e * 3] * (x0 + x + 0.5) + f.edges[e * 3 + 1] * (y0 + y + 0.5) + f.edges[e * 3 + 2] - f.inset[e]);
          if (d >= 0 && d < maxPx) {
            total[e][d]++;
            ink[e][d] += isInk;
          }
        }
      }
    }
    for (let e = 0; e < 4; e++) {
      // the innermost row of the border (its outer rows may be pale, anti-aliased or off the box)
      let last = -1;
      for (let d = 0; d < maxPx; d++) if (total[e][d] > 0 && ink[e][d] >= total[e][d] * share) last = d;
      // past it (and for an outline the pale anti-aliased row just inside it)
      if (last >= 0) f.inset[e] += last + (open ? 2 : 1);
    }
  }
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (inside[y * w + x] && !inFrames(fs, x0 + x + 0.5, y0 + y + 0.5)) inside[y * w + x] = 0;
}

/** The ink of an area as a black-on-white crop for OCR, or undefined when there is too little of it. */
function cropOfInk(img: GreyImage, area: InkArea): LabelCrop | undefined {
  const { x0, y0, w, h, inside, contrast } = area;
  const { scale } = img;
  const T = LABEL_DEFAULTS.inkContrast;
  // despeckle: a label pixel has at least 3 ink neighbours (strokes are >= 2 px wide); specks do not
  const ink = new Uint8Array(w * h);
  const rows = new Uint32Array(h);
  const levels: number[] = [];
  for (let y = 1; y < h - 1; y++) {
    for (let x = 1; x < w - 1; x++) {
      const i = y * w + x;
      if (!inside[i] || contrast[i] < T) continue;
      let nb = 0;
      for (const j of [i - w - 1, i - w, i - w + 1, i - 1, i + 1, i + w - 1, i + w, i + w + 1]) if (inside[j] && contrast[j] >= T) nb++;
      if (nb >= 3) {
        ink[i] = 1;
        rows[y]++;
        if (levels.length < 4096) levels.push(contrast[i]);
      }
    }
  }
  // a label is a few hundred ink pixels at least; specks are not
  if (levels.length < Math.max(12, scale * scale * 4)) return undefined;
  const ext = inkExtent(ink, rows, w, h);
  if (!ext) return undefined;
  const [rx0, ry0, rx1, ry1] = ext;
  // ink at its typical strength becomes black, the box's own grain clean white
  levels.sort((a, b) => a - b);
  const full = Math.max(T, levels[levels.length >> 1]);
  const m = Math.round(scale * 1.5);
  const cx0 = Math.max(0, rx0 - m), cy0 = Math.max(0, ry0 - m);
  const cx1 = Math.min(w, rx1 + 1 + m), cy1 = Math.min(h, ry1 + 1 + m);
  const pad = Math.max(8, Math.round(scale * 6));
  const ow = cx1 - cx0 + 2 * pad;
  const oh = cy1 - cy0 + 2 * pad;
  const out = new Uint8Array(ow * oh).fill(255);
  for (let y = cy0; y < cy1; y++) {
    for (let x = cx0; x < cx1; x++) {
      const i = y * w + x;
      if (!inside[i]) continue;
      const v = 255 - Math.min(255, Math.round((contrast[i] * 255) / full));
      out[(y - cy0 + pad) * ow + x - cx0 + pad] = v >= 170 ? 255 : v;
    }
  }
  const factor = Math.max(1, Math.min(LABEL_DEFAULTS.maxEnlarge, Math.round(LABEL_DEFAULTS.labelHeightPx / (ry1 - ry0 + 1))));
  const image: GreyImage = { width: ow, height: oh, data: out, scale };
  return { image: factor > 1 ? enlarge(image, factor) : image, lightBox: [x0 + rx0, y0 + ry0, x0 + rx1 + 1, y0 + ry1 + 1] };
}

/** Rows and columns holding at least 2 ink pixels: the ink's extent [x0, y0, x1, y1] (inclusive). */
function inkExtent(ink: Uint8Array, rows: Uint32Array, w: number, h: number): BBox | undefined {
  let ry0 = -1, ry1 = -1;
  for (let y = 0; y < h; y++) {
    if (rows[y] >= 2) {
      if (ry0 < 0) ry0 = y;
      ry1 = y;
    }
  }
  if (ry0 < 0) return undefined;
  const cols = new Uint32Array(w);
  for (let y = ry0; y <= ry1; y++) for (let x = 0; x < w; x++) cols[x] += ink[y * w + x];
  let rx0 = -1, rx1 = -1;
  for (let x = 0; x < w; x++) {
    if (cols[x] >= 2) {
      if (rx0 < 0) rx0 = x;
      rx1 = x;
    }
  }
  return rx0 < 0 ? undefined : [rx0, ry0, rx1, ry1];
}

/**
 * The part of one box (or of the boxes of one multi-line redaction) that carries label ink, black
 * on white, padded and enlarged; undefined for a plain box. A solid box's label is what differs
 * from its fill (white print on black, blue on light blue); an outlined or white box's is the print
 * inside it once the outline is stripped.
 */
export function labelCrop(img: GreyImage, boxes: BoxRef | readonly BoxRef[]): LabelCrop | undefined {
  const list: BoxRef[] = isPlainBBox(boxes) || !Array.isArray(boxes) ? [boxes as BoxRef] : [...(boxes as readonly BoxRef[])];
  if (list.length === 0) return undefined;
  const style = styleOf(list[0]);
  if (style === 'marker') return undefined;
  const open = style === 'white' || style === 'outline';
  const own = list.map((b) => frameOf(img, b, 0.5));
  if (open) {
    const area = measureArea(img, own);
    if (!area) return undefined;
    stripEdges(img, own, area, true);
    return cropOfInk(img, area);
  }
  // a solid box found in the pixels may stop short of a label printed against its edge (the
  // label's rows are not solid): follow the box's colour past it. Not for the lines of a multi-line
  // box, whose steps leave slivers of paper along each line.
  const grow = list.length === 1 ? Math.ceil(LABEL_DEFAULTS.solidGrowPt * img.scale) : 0;
  const frames = list.map((b) => frameOf(img, b, -grow));
  const area = measureArea(img, frames, own);
  if (!area) return undefined;
  growRows(frames, own, area, grow);
  stripEdges(img, frames, area, false);
  return cropOfInk(img, area);
}

/**
 * Strips of the page to the right and to the left of a box, as high as the box (plus
 * LABEL_DEFAULTS.besideBand of it above and below), up to LABEL_DEFAULTS.besideMaxPt wide: where
 * the codes of an outlined box are written in the margin. Each strip's ink as a crop.
 */
export function besideCrops(img: GreyImage, box: BoxRef): LabelCrop[] {
  const [x0, y0, x1, y1] = pixelBox(img, box);
  const band = (y1 - y0) * LABEL_DEFAULTS.besideBand;
  const reach = LABEL_DEFAULTS.besideMaxPt * img.scale;
  const gap = img.scale;
  const top = Math.max(0, y0 - band);
  const bottom = Math.min(img.height, y1 + band);
  const strips: BBox[] = [
    [x1 + gap, top, Math.min(img.width, x1 + gap + reach), bottom],
    [Math.max(0, x0 - gap - reach), top, x0 - gap, bottom],
  ];
  const crops: LabelCrop[] = [];
  for (const s of strips) {
    if (s[2] - s[0] < 4 * img.scale) continue;
    const area = measureArea(img, [frameOf(img, { pxBox: s }, 0)]);
    const crop = area && cropOfInk(img, area);
    if (crop) crops.push(crop);
  }
  return crops;
}

/** Enlarge a grey image by an integer factor, bilinear. */
export function enlarge(img: GreyImage, f: number): GreyImage {
  const W = img.width * f;
  const H = img.height * f;
  const out = new Uint8Array(W * H);
  const sw = img.width, sh = img.height, src = img.data;
  for (let y = 0; y < H; y++) {
    const fy = Math.min(sh - 1, Math.max(0, (y + 0.5) / f - 0.5));
    const y0 = Math.floor(fy), y1 = Math.min(sh - 1, y0 + 1), wy = fy - y0;
    for (let x = 0; x < W; x++) {
      const fx = Math.min(sw - 1, Math.max(0, (x + 0.5) / f - 0.5));
      const x0 = Math.floor(fx), x1 = Math.min(sw - 1, x0 + 1), wx = fx - x0;
      const top = src[y0 * sw + x0] * (1 - wx) + src[y0 * sw + x1] * wx;
      const bot = src[y1 * sw + x0] * (1 - wx) + src[y1 * sw + x1] * wx;
      out[y * W + x] = Math.round(top * (1 - wy) + bot * wy);
    }
  }
  return { width: W, height: H, data: out, scale: img.scale * f };
}

/** Words sorted into lines (top to bottom), each line left to right. */
function readingOrder(words: OcrWord[]): OcrWord[] {
  const ws = [...words].sort((a, b) => a.bbox[1] + a.bbox[3] - b.bbox[1] - b.bbox[3]);
  const lines: OcrWord[][] = [];
  for (const w of ws) {
    const cy = (w.bbox[1] + w.bbox[3]) / 2;
    const last = lines[lines.length - 1];
    if (last) {
      const f = last[0];
      if (Math.abs(cy - (f.bbox[1] + f.bbox[3]) / 2) <= Math.max(2, (f.bbox[3] - f.bbox[1]) / 2)) {
        last.push(w);
        continue;
      }
    }
    lines.push([w]);
  }
  return lines.flatMap((l) => l.sort((a, b) => a.bbox[0] - b.bbox[0]));
}

const textOf = (words: OcrWord[]) => words.map((w) => w.text).join(' ').replace(/\s+/g, ' ').trim();
const meanConfidence = (words: OcrWord[]) => (words.length ? words.reduce((s, w) => s + w.confidence, 0) / words.length : 0);

/** The label text of OCR words, or undefined when they read like noise. */
function labelText(words: OcrWord[], minConf: number, trust?: (text: string) => boolean): string | undefined {
  if (trust) {
    const loose = labelText(words, minConf / 2);
    if (loose !== undefined && trust(loose)) return loose;
  }
  const good = words.filter((w) => w.confidence >= minConf);
  // stray punctuation read from specks at either end
  while (good.length && !/[A-Za-z0-9]/.test(good[good.length - 1].text)) good.pop();
  while (good.length && !/[A-Za-z0-9(]/.test(good[0].text)) good.shift();
  if (good.length === 0) return undefined;
  const text = textOf(good);
  const alnum = (text.match(/[A-Za-z0-9]/g) ?? []).length;
  const junk = (text.replace(/\s/g, '').match(/[^A-Za-z0-9()[\]\-.,/&'’:;§#]/g) ?? []).length;
  if (alnum < 2 || junk > text.replace(/\s/g, '').length * 0.3) return undefined;
  return meanConfidence(good) >= minConf ? text : undefined;
}

/** A reading that starts like an exemption code: "(b)(", "(bX7", "b6", "7(1)(". */
export function looksLikeCode(text: string): boolean {
  return /^[\s[({]*[bBkKjJ8][\s)\]}]*(?:[[({XHKNY]|[\dSIlOZGT|?])/.test(text) || /^\s*\d{1,3}\s*[([{]/.test(text);
}

const defaultTrust = (t: string) => isExemptionLabel(t) || canonicalExemption(t) !== undefined;

/**
 * The label of one inside crop from its first reading: a known label or code, or text with a word
 * of 4 letters or more (a header bar's words, told apart as such later); short letters read off a
 * logo or a map pin ("FA", "v a") are noise. A code-like reading is read again with only the
 * characters of codes allowed. Two readings that give different codes give no label: better none
 * than a wrong one.
 */
async function insideLabel(pool: OcrEngine, crop: LabelCrop, first: OcrWord[], opts: BoxLabelOptions): Promise<string | undefined> {
  const minConf = opts.minConfidence ?? LABEL_DEFAULTS.minConfidence;
  const words = readingOrder(first);
  const general = labelText(words, minConf, opts.trust ?? defaultTrust);
  const text1 = textOf(words);
  if (!looksLikeCode(text1)) return general !== undefined && (defaultTrust(general) || /\p{L}{4,}/u.test(general)) ? general : undefined;
  const c1 = exemptionCodes(text1);
  // a code read with confidence needs no second reading
  if (c1 && words.every((w) => w.confidence >= minConf)) return text1;
  const second = readingOrder(await pool.recognize(crop.image, { layout: 'block', charWhitelist: LABEL_DEFAULTS.codeAlphabet }));
  const text2 = textOf(second);
  const c2 = exemptionCodes(text2);
  if (c1 && c2) return c1 === c2 ? text1 : undefined;
  if (c2) return text2;
  if (c1) return meanConfidence(words) >= minConf / 2 ? text1 : undefined;
  return general !== undefined && isExemptionLabel(general) ? general : undefined;
}

/**
 * Codes written beside a box ("b6 b7C b7D" in the margin). The first reading must hold one code
 * read with confidence (the anchor); the strip is then read again with only the characters of
 * codes allowed, and the codes in line with the anchor (one column or one row, no gap of more than
 * two lines) are the label.
 */
async function besideLabel(pool: OcrEngine, crop: LabelCrop, first: OcrWord[], opts: BoxLabelOptions): Promise<string | undefined> {
  const minConf = (opts.minConfidence ?? LABEL_DEFAULTS.minConfidence) / 2;
  const isCode = (w: OcrWord) => exemptionCodes(w.text) !== undefined;
  const anchor = first.filter((w) => isCode(w) && w.confidence >= minConf).sort((a, b) => b.confidence - a.confidence)[0];
  if (!anchor) return undefined;
  const second = (await pool.recognize(crop.image, { layout: 'sparse', charWhitelist: LABEL_DEFAULTS.codeAlphabet })).filter(isCode);
  const h = anchor.bbox[3] - anchor.bbox[1];
  const kept: OcrWord[] = [];
  const near = (a: OcrWord, b: OcrWord) => {
    const column = Math.abs(a.bbox[0] - b.bbox[0]) <= h && Math.abs(a.bbox[1] - b.bbox[1]) <= 3 * h;
    const row = Math.abs(a.bbox[1] + a.bbox[3] - b.bbox[1] - b.bbox[3]) <= h && Math.max(a.bbox[0], b.bbox[0]) - Math.min(a.bbox[2], b.bbox[2]) <= 3 * h;
    return column || row;
  };
  const pending = second.some((w) => overlapsWord(w, anchor)) ? [...second] : [anchor, ...second];
  // grow from the anchor to the codes in line with what is kept
  let grew = true;
  kept.push(pending.find((w) => overlapsWord(w, anchor)) ?? anchor);
  while (grew) {
    grew = false;
    for (const w of pending) {
      if (kept.includes(w) || kept.some((k) => overlapsWord(k, w))) continue;
      if (kept.some((k) => near(k, w))) {
        kept.push(w);
        grew = true;
      }
    }
  }
  return textOf(readingOrder(kept));
}

function overlapsWord(a: OcrWord, b: OcrWord): boolean {
  return Math.min(a.bbox[2], b.bbox[2]) > Math.max(a.bbox[0], b.bbox[0]) && Math.min(a.bbox[3], b.bbox[3]) > Math.max(a.bbox[1], b.bbox[1]);
}

/** Boxes of one multi-line redaction (same `group`) together, others alone: lists of indexes. */
function groupsOf(boxes: readonly BoxRef[]): number[][] {
  const groups = new Map<string, number[]>();
  boxes.forEach((b, i) => {
    const g = !isPlainBBox(b) && b.group !== undefined ? `g${b.group}` : `b${i}`;
    const a = groups.get(g);
    if (a) a.push(i);
    else groups.set(g, [i]);
  });
  return [...groups.values()];
}

/** The box of a group where its label starts. */
function ownerOf(img: GreyImage, boxes: readonly BoxRef[], idx: number[], crop: LabelCrop): number {
  const [lx, ly] = crop.lightBox;
  let owner = idx[0];
  let bestD = Infinity;
  for (const i of idx) {
    const [x0, y0, x1, y1] = pixelBox(img, boxes[i]);
    const d = Math.max(0, y0 - ly, ly - y1) * 4 + Math.max(0, x0 - lx, lx - x1);
    if (d < bestD) {
      bestD = d;
      owner = i;
    }
  }
  return owner;
}

/**
 * Labels of many boxes of one page, aligned with `boxes`. Boxes of one group (one multi-line
 * redaction) are read together and the label is given to the line where it starts; the others get
 * undefined. An outlined or white box with no label inside gets the codes written beside it.
 * Code-like readings are read again with only the characters of codes allowed.
 */
export async function readBoxLabels(
  pool: OcrEngine,
  img: GreyImage,
  boxes: readonly BoxRef[],
  opts: BoxLabelOptions = {},
): Promise<(string | undefined)[]> {
  const result: (string | undefined)[] = boxes.map(() => undefined);
  const jobs: { crop: LabelCrop; owner: number; beside: boolean }[] = [];
  for (const idx of groupsOf(boxes)) {
    const crop = labelCrop(img, idx.map((i) => boxes[i]));
    if (crop) jobs.push({ crop, owner: ownerOf(img, boxes, idx, crop), beside: false });
    const style = styleOf(boxes[idx[0]]);
    if (style === 'white' || style === 'outline') for (const c of besideCrops(img, boxes[idx[0]])) jobs.push({ crop: c, owner: idx[0], beside: true });
  }
  // one small OCR job per crop: as fast as one stacked image (tesseract's page layout analysis of
  // a tall sparse image costs what it saves), and a crop read alone as a block reads best
  const read = await Promise.all(
    jobs.map(async (j) => {
      if (j.beside) return besideLabel(pool, j.crop, await pool.recognize(j.crop.image, { layout: 'sparse' }), opts);
      const block = await pool.recognize(j.crop.image, { layout: 'block' });
      const label = await insideLabel(pool, j.crop, block, opts);
      // a stray stroke in the crop can derail the block layout; scattered-text layout skips it
      return label ?? (block.length ? insideLabel(pool, j.crop, await pool.recognize(j.crop.image, { layout: 'sparse' }), opts) : undefined);
    }),
  );
  // a label inside the box first; codes beside it otherwise
  jobs.forEach((j, k) => {
    if (!j.beside && read[k]) result[j.owner] = read[k];
  });
  jobs.forEach((j, k) => {
    if (j.beside && read[k] && !result[j.owner]) result[j.owner] = read[k];
  });
  return result;
}

/** The label of one box (or of the boxes of one multi-line redaction); undefined for a plain box. */
export async function readBoxLabel(pool: OcrEngine, img: GreyImage, box: BoxRef | readonly BoxRef[], opts: BoxLabelOptions = {}): Promise<string | undefined> {
  const list: BoxRef[] = isPlainBBox(box) || !Array.isArray(box) ? [box as BoxRef] : [...(box as readonly BoxRef[])];
  const labels = await readBoxLabels(pool, img, list.map((b) => (isPlainBBox(b) ? { pxBox: pixelBox(img, b), group: 0 } : { ...b, group: 0 })), opts);
  return labels.find((l) => l !== undefined);
}
