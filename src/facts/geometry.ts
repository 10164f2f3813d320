/** Affine matrices [a, b, c, d, e, f] (PDF convention) and bounding-box helpers. */
import type { BBox, TextDirection } from '../model.js';

export type Matrix = [number, number, number, number, number, number];

export const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** m1 then m2: the matrix that applies m1 first and then m2 (PDF's m1 × m2). */
export function multiply(m1: ArrayLike<number>, m2: ArrayLike<number>): Matrix {
  return [
    m1[0] * m2[0] + m1[1] * m2[2],
    m1[0] * m2[1] + m1[1] * m2[3],
    m1[2] * m2[0] + m1[3] * m2[2],
    m1[2] * m2[1] + m1[3] * m2[3],
    m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
    m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
  ];
}

export function applyPoint(m: ArrayLike<number>, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

/**
 * Axis-aligned bbox of the rectangle (x0,y0)-(x1,y1) after transform m. Called for every glyph:
 * the corners are computed as applyPoint does (same arithmetic, same results) without arrays.
 */
export function transformBox(m: ArrayLike<number>, x0: number, y0: number, x1: number, y1: number): BBox {
  const a = m[0], b = m[1], c = m[2], d = m[3], e = m[4], f = m[5];
  const px0 = a * x0 + c * y0 + e, py0 = b * x0 + d * y0 + f; // (x0, y0)
  const px1 = a * x1 + c * y0 + e, py1 = b * x1 + d * y0 + f; // (x1, y0)
  const px2 = a * x1 + c * y1 + e, py2 = b * x1 + d * y1 + f; // (x1, y1)
  const px3 = a * x0 + c * y1 + e, py3 = b * x0 + d * y1 + f; // (x0, y1)
  return [Math.min(px0, px1, px2, px3), Math.min(py0, py1, py2, py3), Math.max(px0, px1, px2, px3), Math.max(py0, py1, py2, py3)];
}

/** True when m maps axis-aligned rectangles to axis-aligned rectangles (no rotation/skew except 90° steps). */
export function isAxisAligned(m: ArrayLike<number>): boolean {
  const eps = 1e-6;
  return (Math.abs(m[1]) < eps && Math.abs(m[2]) < eps) || (Math.abs(m[0]) < eps && Math.abs(m[3]) < eps);
}

/**
 * Coordinates beyond this (points) are no page's: the largest page PDF allows is 14,400 pt a side
 * at a UserUnit of up to 75,000. Boxes past it come from damaged numbers (1e308 transforms).
 */
export const MAX_COORDINATE = 1e10;

/** True when every coordinate of b is finite and within MAX_COORDINATE. */
export function isSaneBox(b: readonly number[]): boolean {
  for (const v of b) if (!(Math.abs(v) <= MAX_COORDINATE)) return false;
  return true;
}

export function width(b: BBox): number {
  return b[2] - b[0];
}
export function height(b: BBox): number {
  return b[3] - b[1];
}
export function area(b: BBox): number {
  return Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1]);
}

export function intersection(a: BBox, b: BBox): BBox | null {
  const x0 = Math.max(a[0], b[0]);
  const y0 = Math.max(a[1], b[1]);
  const x1 = Math.min(a[2], b[2]);
  const y1 = Math.min(a[3], b[3]);
  return x0 < x1 && y0 < y1 ? [x0, y0, x1, y1] : null;
}

export function intersectionArea(a: BBox, b: BBox): number {
  const i = intersection(a, b);
  return i ? area(i) : 0;
}

export function union(a: BBox, b: BBox): BBox {
  return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[2], b[2]), Math.max(a[3], b[3])];
}

/** True when a and b overlap or lie within `gap` of each other on both axes. */
export function touches(a: BBox, b: BBox, gap: number): boolean {
  return a[0] <= b[2] + gap && b[0] <= a[2] + gap && a[1] <= b[3] + gap && b[1] <= a[3] + gap;
}

export function roundBox(b: BBox, digits = 2): BBox {
  const f = 10 ** digits;
  return [Math.round(b[0] * f) / f, Math.round(b[1] * f) / f, Math.round(b[2] * f) / f, Math.round(b[3] * f) / f];
}

/**
 * A display box turned so that text running in direction d (quarter turns clockwise, model.ts
 * TextDirection) runs left to right, top line first. Relative positions only: for comparing boxes
 * of one run of text (gaps, lines, order), not for placing them on a page.
 */
export function alongText(b: BBox, d: TextDirection): BBox {
  if (d === 1) return [b[1], -b[2], b[3], -b[0]];
  if (d === 2) return [-b[2], -b[3], -b[0], -b[1]];
  if (d === 3) return [-b[3], b[0], -b[1], b[2]];
  return b;
}

/** Clip b to a: the intersection, or null when they do not overlap. */
export const clipBox = intersection;

/** True when (x, y) lies in the shape: in its polygon (quad) when it has one, else in its box. */
export function shapeContains(p: { bbox: BBox; quad?: [number, number][] }, x: number, y: number): boolean {
  if (!p.quad) return x >= p.bbox[0] && x <= p.bbox[2] && y >= p.bbox[1] && y <= p.bbox[3];
  let inside = false;
  const q = p.quad;
  for (let i = 0, j = q.length - 1; i < q.length; j = i++) {
    if (q[i][1] > y !== q[j][1] > y && x < ((q[j][0] - q[i][0]) * (y - q[i][1])) / (q[j][1] - q[i][1]) + q[i][0]) inside = !inside;
  }
  return inside;
}
