/**
 * Crafted hostile PDFs, made at test time (nothing big is committed): what an attacker would try
 * against a tool that reads strangers' files. Each maker returns the bytes; sizes are small on
 * disk and large only when decoded.
 */
import { constants as zlibConstants, deflateRawSync } from 'node:zlib';
import { PDFDocument, StandardFonts, degrees, rgb } from 'pdf-lib';
import { flate, onePage, stream, writePdf, type PdfObject } from './raw-pdf.js';

/**
 * A zlib stream that inflates to `total` bytes of `byte` (rounded up to whole MiB), built without
 * compressing them: one MiB is deflated once as a self-contained block (full flush) and the block
 * is repeated, then closed by an empty final block. The Adler-32 trailer is left zero (pdf.js does
 * not check it). Then Flate-encoded `rounds - 1` more times, properly.
 */
function inflatesTo(total: number, rounds: number, byte = 0x20): Uint8Array {
  const mib = 1 << 20;
  const block = deflateRawSync(Buffer.alloc(mib, byte), { level: 9, finishFlush: zlibConstants.Z_FULL_FLUSH });
  const n = Math.ceil(total / mib);
  const out = Buffer.alloc(2 + block.length * n + 2 + 4);
  out[0] = 0x78;
  out[1] = 0xda;
  for (let i = 0; i < n; i++) block.copy(out, 2 + i * block.length);
  out[2 + block.length * n] = 0x03; // final block, fixed Huffman, end of block at once
  return rounds > 1 ? flate(out, rounds - 1).data : new Uint8Array(out);
}

/** A page whose content stream is `decodedBytes` of spaces behind two Flate filters (a few KB). */
export async function flateBomb(decodedBytes = 2.5e9): Promise<Uint8Array> {
  const data = inflatesTo(decodedBytes, 2);
  return onePage({ content: stream('/Filter [/FlateDecode /FlateDecode]', data) });
}

/** A page drawing a `side` x `side` RGB image of zeros (about side² x 3 bytes decoded). */
export async function imageBomb(side = 48000): Promise<Uint8Array> {
  const data = inflatesTo(side * side * 3, 2, 0);
  return onePage({
    content: stream('', `q 612 0 0 792 0 0 cm /Im1 Do Q`),
    resources: '/XObject << /Im1 6 0 R >>',
    extra: [stream(`/Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter [/FlateDecode /FlateDecode]`, data)],
  });
}

/**
 * Text under a black box, the box `depth` form XObjects deep: the page draws "SECRET NAME" then
 * /Fm1, which draws /Fm2, ..., whose innermost draws the box over the text.
 */
export function deepNesting(depth = 1000): Uint8Array {
  const extra = [];
  for (let i = 1; i <= depth; i++) {
    const body = i === depth ? '0 g 70 690 200 30 re f' : `/Fm${i + 1} Do`;
    const res = i === depth ? '' : `/Resources << /XObject << /Fm${i + 1} ${6 + i} 0 R >> >>`;
    extra.push(stream(`/Type /XObject /Subtype /Form /BBox [0 0 612 792] ${res}`, body));
  }
  return onePage({
    content: stream('', 'BT /F1 14 Tf 72 700 Td (SECRET NAME) Tj ET\nBT /F1 12 Tf 72 600 Td (Visible body text.) Tj ET\n/Fm1 Do'),
    resources: '/XObject << /Fm1 6 0 R >>',
    extra,
  });
}

/** Form XObjects that draw themselves (Fm1 → Fm1) and each other (Fm2 → Fm3 → Fm2). */
export function selfReferencingForms(): Uint8Array {
  return onePage({
    content: stream('', 'BT /F1 12 Tf 72 700 Td (Self referencing forms) Tj ET\n/Fm1 Do /Fm2 Do\n0 g 72 500 100 20 re f'),
    resources: '/XObject << /Fm1 6 0 R /Fm2 7 0 R >>',
    extra: [
      stream('/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /Fm1 6 0 R >> >>', '/Fm1 Do'),
      stream('/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /Fm3 8 0 R >> >>', '/Fm3 Do'),
      stream('/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Resources << /XObject << /Fm2 7 0 R >> >>', '/Fm2 Do'),
    ],
  });
}

/** A page of `count` operators (q/Q pairs) behind Flate, with one line of text first. */
export function operatorFlood(count = 10_000_000): Uint8Array {
  const body = 'BT /F1 12 Tf 72 700 Td (Operator flood) Tj ET\n' + 'q Q\n'.repeat(Math.floor(count / 2));
  const f = flate(body);
  return onePage({ content: stream(f.filter, f.data) });
}

/** `count` identical filled black rectangles (the box-merging worst case). */
export function identicalRectangles(count = 12_000): Uint8Array {
  const f = flate('0 g\n' + '100 500 200 20 re f\n'.repeat(count));
  return onePage({ content: stream(f.filter, f.data) });
}

/** Numbers a damaged content stream might carry: huge (PDF has no exponents: long digit runs) and degenerate transforms. */
export function absurdNumbers(): Uint8Array {
  const huge = '1' + '0'.repeat(300); // 1e300
  const big = '1' + '0'.repeat(38);
  return onePage({
    content: stream(
      '',
      [
        'BT /F1 12 Tf 72 700 Td (Ordinary text stays.) Tj ET',
        `q ${huge} 0 0 ${huge} 0 0 cm 0 g 0 0 10 10 re f Q`,
        `q ${big} 0 0 ${big} ${big} ${big} cm 0 g 0 0 10 10 re f Q`,
        `q ${huge} 0 0 ${huge} 0 0 cm ${huge} 0 0 ${huge} 0 0 cm 0 g 0 0 10 10 re f Q`,
        'q 0 0 0 0 0 0 cm 0 g 0 0 10 10 re f Q',
        `q BT /F1 ${huge} Tf ${big} 0 Td (Huge) Tj ET Q`,
        `q ${huge} 0 0 ${huge} 0 0 cm /Im1 Do Q`,
        'q 0 g 72 400 100 20 re f Q',
      ].join('\n'),
    ),
    resources: '/XObject << /Im1 6 0 R >>',
    extra: [stream('/Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8', '\x00')],
  });
}

/** `pages` blank tiny pages (10 x 10 pt). */
export async function manyBlankPages(pages = 5000): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  for (let i = 0; i < pages; i++) doc.addPage([10, 10]);
  return doc.save({ useObjectStreams: true });
}

/** Pages at the limits of the format: 200 x 200 inches, a UserUnit of 75,000 and an absurd MediaBox. */
export function hugePages(): Uint8Array {
  const content = (t: string) => stream('', `BT /F1 24 Tf 72 72 Td (${t}) Tj ET 0 g 72 200 300 40 re f`);
  return writePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R 4 0 R 5 0 R] /Count 3 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /Contents 6 0 R /Resources << /Font << /F1 9 0 R >> >> >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 14400 14400] /UserUnit 75000 /Contents 7 0 R /Resources << /Font << /F1 9 0 R >> >> >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [-1e30 -1e30 1e30 1e30] /Contents 8 0 R /Resources << /Font << /F1 9 0 R >> >> >>',
    content('Huge page'),
    content('User unit page'),
    content('Absurd media box'),
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
  ]);
}

/** The lines every rotated page says; a black box is drawn over "JOHN DOE" without removing it (a leak). */
export const ROTATED_LINES = ['ALICE BROWN signed the agreement', 'on behalf of the company and', 'JOHN DOE witnessed it'];

/**
 * Rotated text. Page 1: /Rotate 90, text drawn upright in page space (it runs down the displayed
 * page). Page 2: upside-down text (180°). Page 3: text turned 90° counter-clockwise on an upright
 * page (it runs up). Page 4: upright text with a stamp running up the left margin.
 */
export async function rotatedPages(): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const size = 12;
  const draw = (rotate: number, textAngle: number, origin: [number, number]) => {
    const page = doc.addPage([612, 792]);
    page.setRotation(degrees(rotate));
    const rad = (textAngle * Math.PI) / 180;
    ROTATED_LINES.forEach((t, i) => {
      // successive lines step "down" in the text's own frame
      const x = origin[0] + Math.sin(rad) * 20 * i;
      const y = origin[1] - Math.cos(rad) * 20 * i;
      page.drawText(t, { x, y, size, font, rotate: degrees(textAngle) });
    });
    // the box over "JOHN DOE" (line 3, first 8 characters), in the text's own frame
    const w = font.widthOfTextAtSize('JOHN DOE', size);
    const x = origin[0] + Math.sin(rad) * 40;
    const y = origin[1] - Math.cos(rad) * 40;
    page.drawRectangle({ x: x + Math.sin(rad) * 3, y: y - Math.cos(rad) * 3, width: w, height: size + 2, rotate: degrees(textAngle), color: rgb(0, 0, 0) });
    return page;
  };
  draw(90, 0, [72, 700]);
  draw(0, 180, [540, 100]);
  draw(0, 90, [100, 72]);
  const page = doc.addPage([612, 792]);
  ROTATED_LINES.forEach((t, i) => page.drawText(t, { x: 72, y: 700 - 20 * i, size, font }));
  page.drawText('Case 1:20-cv-00123 Document 45 Filed 01/02/20 Page 4 of 9', { x: 30, y: 200, size: 8, font, rotate: degrees(90) });
  return doc.save();
}

/** Text and a black box under the usual conditions, for checks that normal content survives. */
export async function plainPage(text = 'Ordinary visible text'): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([612, 792]);
  page.drawText(text, { x: 72, y: 700, size: 12, font: await doc.embedFont(StandardFonts.Helvetica) });
  page.drawRectangle({ x: 72, y: 600, width: 100, height: 20, color: rgb(0, 0, 0) });
  return doc.save();
}

export { writePdf, onePage, stream, flate };

/**
 * `pages` pages of one line of text each; on the pages in `damaged` (1-based) the line is followed by
 * a form XObject whose Flate data is garbage (pdf.js skips it, with a warning). Pages in `bare` draw
 * no text, only that form.
 */
export function damagedPages(pages: number, damaged: number[], bare: number[] = []): Uint8Array {
  const objects: PdfObject[] = ['<< /Type /Catalog /Pages 2 0 R >>', '', '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>'];
  objects.push(stream('/Type /XObject /Subtype /Form /BBox [0 0 612 792] /Filter /FlateDecode', new Uint8Array([0x78, 0x9c, 0xff, 0xff, 0x00, 0x13, 0x37, 0x42, 0x99, 0x01])));
  const kids: string[] = [];
  for (let n = 1; n <= pages; n++) {
    const broken = damaged.includes(n);
    const pageObj = objects.length + 1;
    kids.push(`${pageObj} 0 R`);
    objects.push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents ${pageObj + 1} 0 R /Resources << /Font << /F1 3 0 R >> /XObject << /Fm1 4 0 R >> >> >>`);
    const text = bare.includes(n) ? '' : `BT /F1 12 Tf 72 700 Td (Page ${n} text) Tj ET\n`;
    objects.push(stream('', `${text}${broken ? '/Fm1 Do' : ''}`));
  }
  objects[1] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`;
  return writePdf(objects);
}

/**
 * A scanned page (a 200 x 200 grey image with ink, drawn over the page) that also draws a `side` x
 * `side` RGB image of zeros in a corner: the facts pass drops the large one (maxImagePixels), and
 * the page is still rendered for its scan.
 */
export function imageBombOnScan(side = 48000): Uint8Array {
  const grey = new Uint8Array(200 * 200).map((_, i) => (Math.floor(i / 200) % 20 < 3 && i % 200 > 20 && i % 200 < 180 ? 0 : 255));
  const scan = flate(grey);
  return onePage({
    content: stream('', `q 612 0 0 792 0 0 cm /Im1 Do Q q 100 0 0 100 0 0 cm /Im2 Do Q`),
    resources: '/XObject << /Im1 6 0 R /Im2 7 0 R >>',
    extra: [
      stream(`/Type /XObject /Subtype /Image /Width 200 /Height 200 /ColorSpace /DeviceGray /BitsPerComponent 8 ${scan.filter}`, scan.data),
      stream(`/Type /XObject /Subtype /Image /Width ${side} /Height ${side} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter [/FlateDecode /FlateDecode]`, inflatesTo(side * side * 3, 2, 0)),
    ],
  });
}
