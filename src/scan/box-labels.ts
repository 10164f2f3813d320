/**
 * Labels printed on redaction boxes: the light print inside a dark box, cropped, inverted,
 * enlarged and read by the OCR pool.
 */
import type { BBox } from '../model.js';
import type { GreyImage } from './render.js';
import { edgesOf, insideAny, isPlainBBox, pixelBox, quadOf, type BoxRef } from './mask.js';
import type { OcrPool, OcrWord } from './ocr-pool.js';

export interface BoxLabelOptions {
  /** Smallest word confidence kept in a label, and smallest mean. Default 60. */
  minConfidence?: number;
  /** Texts of a known form (exemption codes): these need only half the confidence. */
  trust?: (text: string) => boolean;
}

export interface LabelCrop {
  /** The label region inverted (black text on white) and padded with white. */
  image: GreyImage;
  /** Where the label's light pixels are, pixels of the page image. */
  lightBox: BBox;
}

/**
 * The part of one box (or of the boxes of one multi-line redaction) that carries light label
 * pixels, inverted to black-on-white and padded; undefined for a plain box.
 */
export function labelCrop(img: GreyImage, boxes: BoxRef | readonly BoxRef[]): LabelCrop | undefined {
  const list: BoxRef[] = isPlainBBox(boxes) || !Array.isArray(boxes) ? [boxes as BoxRef] : [...(boxes as readonly BoxRef[])];
  if (list.length === 0) return undefined;
  const { width: W, height: H, data, scale } = img;
  const quads = list.map((b) => quadOf(img, b));
  const edges = quads.map(edgesOf);
  const xs = quads.flatMap((q) => q.map((p) => p[0]));
  const ys = quads.flatMap((q) => q.map((p) => p[1]));
  const ux0 = Math.max(0, Math.floor(Math.min(...xs)));
  const uy0 = Math.max(0, Math.floor(Math.min(...ys)));
  const ux1 = Math.min(W, Math.ceil(Math.max(...xs)));
  const uy1 = Math.min(H, Math.ceil(Math.max(...ys)));
  const bw = ux1 - ux0;
  const bh = uy1 - uy0;
  if (bw < 4 || bh < 4) return undefined;
  // light pixels well inside the box (its own edges are ragged and anti-aliased)
  const inset = Math.max(1, scale * 0.75);
  const LIGHT = 128;
  const raw = new Uint8Array(bw * bh);
  for (let y = 0; y < bh; y++) {
    const base = (uy0 + y) * W + ux0;
    for (let x = 0; x < bw; x++) {
      if (data[base + x] >= LIGHT && insideAny(edges, ux0 + x + 0.5, uy0 + y + 0.5, inset)) raw[y * bw + x] = 1;
    }
  }
  // despeckle: a label pixel has at least 3 light neighbours (strokes are >= 2 px wide);
  // scanner specks and JPEG sparkles do not
  const light = new Uint8Array(bw * bh);
  const rows = new Uint32Array(bh);
  let total = 0;
  for (let y = 1; y < bh - 1; y++) {
    for (let x = 1; x < bw - 1; x++) {
      const i = y * bw + x;
      if (!raw[i]) continue;
      const nb =
        raw[i - bw - 1] + raw[i - bw] + raw[i - bw + 1] + raw[i - 1] + raw[i + 1] + raw[i + bw - 1] + raw[i + bw] + raw[i + bw + 1];
      if (nb >= 3) {
        light[i] = 1;
        rows[y]++;
        total++;
      }
    }
  }
  // a label is a few hundred light pixels at least; specks are not
  if (total < Math.max(12, scale * scale * 4)) return undefined;
  let ry0 = -1;
  let ry1 = -1;
  for (let y = 0; y < bh; y++) {
    if (rows[y] >= 2) {
      if (ry0 < 0) ry0 = y;
      ry1 = y;
    }
  }
  if (ry0 < 0) return undefined;
  const cols = new Uint32Array(bw);
  for (let y = ry0; y <= ry1; y++) for (let x = 0; x < bw; x++) cols[x] += light[y * bw + x];
  let rx0 = -1;
  let rx1 = -1;
  for (let x = 0; x < bw; x++) {
    if (cols[x] >= 2) {
      if (rx0 < 0) rx0 = x;
      rx1 = x;
    }
  }
  if (rx0 < 0) return undefined;
  // a little context around the light region; outside the boxes counts as box (white once inverted)
  const m = Math.round(scale * 1.5);
  const cx0 = Math.max(0, rx0 - m);
  const cy0 = Math.max(0, ry0 - m);
  const cx1 = Math.min(bw, rx1 + 1 + m);
  const cy1 = Math.min(bh, ry1 + 1 + m);
  const pad = Math.max(8, Math.round(scale * 6));
  const ow = cx1 - cx0 + 2 * pad;
  const oh = cy1 - cy0 + 2 * pad;
  const out = new Uint8Array(ow * oh).fill(255);
  for (let y = cy0; y < cy1; y++) {
    const src = (uy0 + y) * W + ux0;
    const dst = (y - cy0 + pad) * ow + pad - cx0;
    for (let x = cx0; x < cx1; x++) {
      if (!insideAny(edges, ux0 + x + 0.5, uy0 + y + 0.5, 0)) continue;
      const v = 255 - data[src + x];
      out[dst + x] = v >= 170 ? 255 : v; // the box's own grain becomes clean white
    }
  }
  // small labels (7 pt in a 150 dpi scan is ~15 px) read far better enlarged to ~36 px
  const factor = Math.max(1, Math.min(4, Math.round(LABEL_HEIGHT_PX / (ry1 - ry0 + 1))));
  return {
    image: factor > 1 ? enlarge({ width: ow, height: oh, data: out, scale }, factor) : { width: ow, height: oh, data: out, scale },
    lightBox: [ux0 + rx0, uy0 + ry0, ux0 + rx1 + 1, uy0 + ry1 + 1],
  };
}

/** Height (px) label text is enlarged to before OCR. */
const LABEL_HEIGHT_PX = 36;

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
  const text = good.map((w) => w.text).join(' ').replace(/\s+/g, ' ').trim();
  const alnum = (text.match(/[A-Za-z0-9]/g) ?? []).length;
  const junk = (text.replace(/\s/g, '').match(/[^A-Za-z0-9()[\]\-.,/&'’:;§#]/g) ?? []).length;
  if (alnum < 2 || junk > text.replace(/\s/g, '').length * 0.3) return undefined;
  const mean = good.reduce((s, w) => s + w.confidence, 0) / good.length;
  return mean >= minConf ? text : undefined;
}

/**
 * Read the label printed white on black on a raster redaction box, e.g. "Harm to Ongoing Matter"
 * or "(b)(6)". Give the lines of one multi-line redaction together (an array) when a label may
 * wrap across them. Returns undefined for a plain box or unreadable noise.
 */
export async function readBoxLabel(
  pool: OcrPool,
  img: GreyImage,
  box: BoxRef | readonly BoxRef[],
  opts: BoxLabelOptions = {},
): Promise<string | undefined> {
  const crop = labelCrop(img, box);
  if (!crop) return undefined;
  const words = await pool.recognize(crop.image, { layout: 'block' });
  return labelText(words, opts.minConfidence ?? 60, opts.trust);
}

/**
 * Labels of many raster boxes of one page, aligned with `boxes`. Boxes of one group (one
 * multi-line redaction) are read together and the label is given to the line where it starts;
 * the others get undefined. All label crops of the page go to OCR as one stacked image.
 */
export async function readBoxLabels(
  pool: OcrPool,
  img: GreyImage,
  boxes: readonly BoxRef[],
  opts: BoxLabelOptions = {},
): Promise<(string | undefined)[]> {
  const result: (string | undefined)[] = boxes.map(() => undefined);
  const groups = new Map<string, number[]>();
  boxes.forEach((b, i) => {
    const g = !isPlainBBox(b) && b.group !== undefined ? `g${b.group}` : `b${i}`;
    const a = groups.get(g);
    if (a) a.push(i);
    else groups.set(g, [i]);
  });
  const crops: { crop: LabelCrop; owner: number }[] = [];
  for (const idx of groups.values()) {
    const crop = labelCrop(img, idx.map((i) => boxes[i]));
    if (!crop) continue;
    // the box where the label starts
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
    crops.push({ crop, owner });
  }
  const minConf = opts.minConfidence ?? 60;
  // stack the crops (black text on white) into images of bounded height, one OCR job each
  const gap = Math.max(16, Math.round(img.scale * 12));
  const maxH = 6000;
  const batches: (typeof crops)[] = [];
  let cur: typeof crops = [];
  let h = 0;
  for (const c of crops) {
    if (cur.length && h + c.crop.image.height + gap > maxH) {
      batches.push(cur);
      cur = [];
      h = 0;
    }
    cur.push(c);
    h += c.crop.image.height + gap;
  }
  if (cur.length) batches.push(cur);
  await Promise.all(
    batches.map(async (batch) => {
      const width = Math.max(...batch.map((c) => c.crop.image.width));
      const height = batch.reduce((s, c) => s + c.crop.image.height + gap, 0);
      const data = new Uint8Array(width * height).fill(255);
      const tops: number[] = [];
      let y = 0;
      for (const { crop } of batch) {
        tops.push(y);
        const ci = crop.image;
        for (let r = 0; r < ci.height; r++) data.set(ci.data.subarray(r * ci.width, (r + 1) * ci.width), (y + r) * width);
        y += ci.height + gap;
      }
      const words = await pool.recognize({ width, height, data, scale: img.scale }, { layout: 'sparse' });
      const per: OcrWord[][] = batch.map(() => []);
      for (const w of words) {
        const cy = (w.bbox[1] + w.bbox[3]) / 2;
        let k = tops.length - 1;
        while (k > 0 && tops[k] > cy) k--;
        per[k].push(w);
      }
      batch.forEach((c, k) => {
        result[c.owner] = labelText(readingOrder(per[k]), minConf, opts.trust);
      });
    }),
  );
  return result;
}
