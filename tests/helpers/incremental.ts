/**
 * Incremental updates for fixtures: the original bytes are kept as they are and a new section is
 * appended (the changed and new objects, a cross-reference table for them, a trailer pointing back
 * with /Prev, `startxref`, `%%EOF`), as Acrobat and signing tools save. pdf-lib rewrites whole
 * files, so this writes the update section by hand from objects edited in a pdf-lib document.
 */
import { PDFDocument, PDFName, type PDFObject, type PDFRef } from 'pdf-lib';

/**
 * Load `original`, let `edit` change it, and append only the objects `edit` returns (changed or
 * new) as an incremental update. `original` must have a classic xref table (pdf-lib:
 * `save({ useObjectStreams: false })`).
 */
export async function appendUpdate(original: Uint8Array, edit: (doc: PDFDocument) => Promise<PDFRef[]> | PDFRef[]): Promise<Uint8Array> {
  const doc = await PDFDocument.load(original, { updateMetadata: false });
  const refs = [...new Set(await edit(doc))].sort((a, b) => a.objectNumber - b.objectNumber);
  const tail = Buffer.from(original.subarray(Math.max(0, original.length - 64))).toString('latin1');
  const prev = /startxref\s+(\d+)\s*%%EOF\s*$/.exec(tail);
  if (!prev) throw new Error('appendUpdate: the original does not end with startxref … %%EOF');

  const chunks: Buffer[] = [Buffer.from(original), Buffer.from('\n', 'latin1')];
  let offset = original.length + 1;
  const offsets = new Map<number, number>();
  for (const ref of refs) {
    const obj = doc.context.lookup(ref) as PDFObject;
    const head = Buffer.from(`${ref.objectNumber} ${ref.generationNumber} obj\n`, 'latin1');
    const body = Buffer.alloc(obj.sizeInBytes());
    obj.copyBytesInto(body, 0);
    const foot = Buffer.from('\nendobj\n', 'latin1');
    offsets.set(ref.objectNumber, offset);
    chunks.push(head, body, foot);
    offset += head.length + body.length + foot.length;
  }
  const xrefAt = offset;
  let xref = 'xref\n';
  for (const ref of refs) xref += `${ref.objectNumber} 1\n${String(offsets.get(ref.objectNumber)).padStart(10, '0')} ${String(ref.generationNumber).padStart(5, '0')} n \n`;
  const info = doc.context.trailerInfo;
  const size = doc.context.largestObjectNumber + 1;
  const trailer =
    `trailer\n<< /Size ${size} /Root ${info.Root}` +
    (info.Info ? ` /Info ${info.Info}` : '') +
    ` /Prev ${prev[1]} >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  chunks.push(Buffer.from(xref + trailer, 'latin1'));
  return new Uint8Array(Buffer.concat(chunks));
}

/** A new uncompressed content stream holding `ops`, registered in the document. */
export function contentStream(doc: PDFDocument, ops: string): PDFRef {
  return doc.context.register(doc.context.stream(ops));
}

/** Point a page at new content: returns the refs to write (the page and the stream). */
export function replacePageContent(doc: PDFDocument, pageIndex: number, ops: string): PDFRef[] {
  const page = doc.getPage(pageIndex);
  const stream = contentStream(doc, ops);
  page.node.set(PDFName.of('Contents'), stream);
  return [page.ref, stream];
}
