/**
 * Pixel measurements of one candidate box, taken in the box's own (deskewed) frame: how many of its
 * rows are solid, how dark its corners are, what lies just outside each side, and what surrounds it.
 */
import type { GreyImage } from '../render.js';

/** A box in pixels: its top-left corner, its skew and its size along its own axes. */
export interface PixelFrame {
  x: number;
  y: number;
  cs: number;
  sn: number;
  w: number;
  h: number;
}

export function pixelFrame(quad: [number, number][]): PixelFrame {
  const [p0, p1, , p3] = quad;
  const w = Math.hypot(p1[0] - p0[0], p1[1] - p0[1]);
  const h = Math.hypot(p3[0] - p0[0], p3[1] - p0[1]);
  return { x: p0[0], y: p0[1], cs: w > 0 ? (p1[0] - p0[0]) / w : 1, sn: w > 0 ? (p1[1] - p0[1]) / w : 0, w, h };
}

/** Grey at local point (u, v) of the frame (u along the box, v down), 255 outside the image. */
export function greyAt(img: GreyImage, f: PixelFrame, u: number, v: number): number {
  const x = Math.floor(f.x + u * f.cs - v * f.sn);
  const y = Math.floor(f.y + u * f.sn + v * f.cs);
  if (x < 0 || y < 0 || x >= img.width || y >= img.height) return 255;
  return img.data[y * img.width + x];
}

/** Share of pixels darker than T over the local rectangle [u0,u1) x [v0,v1), sampled every `step` px. */
export function darkShare(img: GreyImage, f: PixelFrame, u0: number, v0: number, u1: number, v1: number, T: number, step = 1): number {
  let n = 0;
  let d = 0;
  for (let v = v0; v < v1; v += step) {
    for (let u = u0; u < u1; u += step) {
      n++;
      if (greyAt(img, f, u, v) < T) d++;
    }
  }
  return n ? d / n : 0;
}

/** Share of the box's pixel rows that are solid (>= 90% dark across the middle 96% of the box). */
export function solidRowShare(img: GreyImage, f: PixelFrame, T: number): number {
  const m = Math.max(1, Math.round(f.w * 0.02));
  const rows = Math.max(1, Math.floor(f.h));
  let solid = 0;
  for (let v = 0; v < rows; v++) if (darkShare(img, f, m, v + 0.5, f.w - m, v + 1.5, T) >= 0.9) solid++;
  return solid / rows;
}

/** Darkest-corner test: the lowest dark share of the four corner squares (side a quarter of the shorter side). */
export function cornerFill(img: GreyImage, f: PixelFrame, T: number): number {
  const a = Math.max(2, Math.min(f.w, f.h) / 4);
  return Math.min(
    darkShare(img, f, 0, 0, a, a, T),
    darkShare(img, f, f.w - a, 0, f.w, a, T),
    darkShare(img, f, 0, f.h - a, a, f.h, T),
    darkShare(img, f, f.w - a, f.h - a, f.w, f.h, T),
  );
}

/** Dark share of the strip `width` px wide just outside each side (top, right, bottom, left), `gap` px off the edge. */
export function outsideStrips(img: GreyImage, f: PixelFrame, T: number, width: number, gap: number): [number, number, number, number] {
  return [
    darkShare(img, f, 0, -gap - width, f.w, -gap, T),
    darkShare(img, f, f.w + gap, 0, f.w + gap + width, f.h, T),
    darkShare(img, f, 0, f.h + gap, f.w, f.h + gap + width, T),
    darkShare(img, f, -gap - width, 0, -gap, f.h, T),
  ];
}

/**
 * What surrounds the box in a ring `gap`..`gap + width` px outside it: shares of paper, ink and
 * mid-tones. Pixels for which `skip(x, y)` is true (other boxes) are left out.
 */
export function surround(
  img: GreyImage,
  f: PixelFrame,
  T: number,
  paper: number,
  gap: number,
  width: number,
  skip: (x: number, y: number) => boolean = () => false,
): { paper: number; ink: number; mid: number } {
  const step = Math.max(1, Math.round(width / 12));
  let n = 0;
  let p = 0;
  let k = 0;
  const light = Math.max(T + 1, paper - 48);
  for (let v = -gap - width; v < f.h + gap + width; v += step) {
    const inBand = v >= -gap && v < f.h + gap;
    for (let u = -gap - width; u < f.w + gap + width; u += step) {
      if (inBand && u >= -gap && u < f.w + gap) {
        u = f.w + gap - step; // skip the box and its gap
        continue;
      }
      const x = f.x + u * f.cs - v * f.sn;
      const y = f.y + u * f.sn + v * f.cs;
      if (x < 0 || y < 0 || x >= img.width || y >= img.height || skip(x, y)) continue;
      const g = img.data[Math.floor(y) * img.width + Math.floor(x)];
      n++;
      if (g >= light) p++;
      else if (g < T) k++;
    }
  }
  return n ? { paper: p / n, ink: k / n, mid: (n - p - k) / n } : { paper: 1, ink: 0, mid: 0 };
}

/**
 * Longest run of dark columns (rows, for the left and right sides) in the strip `width` px wide
 * just outside each side, `gap` px off the edge, as a share of that side's length. A box's own
 * edge is straight, so what lies beyond it is paper or the short strokes of neighbouring letters;
 * a dot, a pin or a logo continues past any band cut from it in one long run.
 */
export function outsideRuns(img: GreyImage, f: PixelFrame, T: number, width: number, gap: number): [number, number, number, number] {
  const run = (len: number, sample: (t: number, k: number) => number) => {
    let best = 0;
    let cur = 0;
    const n = Math.max(1, Math.floor(len));
    for (let t = 0; t < n; t++) {
      let d = 0;
      for (let k = 0; k < width; k++) if (sample(t + 0.5, k) < T) d++;
      cur = d * 2 >= width ? cur + 1 : 0;
      if (cur > best) best = cur;
    }
    return best / n;
  };
  return [
    run(f.w, (t, k) => greyAt(img, f, t, -gap - k - 0.5)),
    run(f.h, (t, k) => greyAt(img, f, f.w + gap + k + 0.5, t)),
    run(f.w, (t, k) => greyAt(img, f, t, f.h + gap + k + 0.5)),
    run(f.h, (t, k) => greyAt(img, f, -gap - k - 0.5, t)),
  ];
}
