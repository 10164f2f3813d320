/**
 * Labels of a page's raster boxes, through one label reader (box-labels.ts readBoxLabels, given as
 * a function so the box stages do not depend on how labels are read). Each box goes to the reader
 * with its style: it tells print from the box by colour (white on black, dark on an outlined or
 * tinted box) and looks beside outlined boxes for written codes. Marker blobs carry no label.
 */
import type { GreyImage } from './render.js';
import type { BoxRef } from './mask.js';
import type { RasterBox } from './raster-boxes.js';

/** Reads the labels of boxes on a page image, aligned with `boxes` (readBoxLabels with its pool). */
export type BoxLabelReader = (img: GreyImage, boxes: readonly BoxRef[]) => Promise<(string | undefined)[]>;

/** The label of each box (undefined when it has none or it cannot be read), aligned with `boxes`. */
export async function readRasterLabels(read: BoxLabelReader, img: GreyImage, boxes: readonly RasterBox[]): Promise<(string | undefined)[]> {
  const out: (string | undefined)[] = boxes.map(() => undefined);
  const labelled = boxes.map((b, i) => ({ b, i })).filter(({ b }) => b.style !== 'marker');
  if (!labelled.length) return out;
  const read1 = await read(
    img,
    labelled.map(({ b }) => ({ pxBox: b.pxBox, pxQuad: b.pxQuad, group: b.group, style: b.style })),
  );
  labelled.forEach(({ i }, k) => (out[i] = read1[k]));
  return out;
}
