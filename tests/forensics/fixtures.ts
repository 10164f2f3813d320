/**
 * Generated filings for the leak-forensics rules, with their ground truth in the code: each builder
 * writes page content by hand (raw operators, Helvetica as /F1) so that paint order, colours,
 * clipping and layers are exactly as a test says.
 *
 * The base page is a properly redacted declaration: a heading, the declarant's name, and a line
 * whose middle (the informant's name) was removed and replaced by a black box.
 */
import { PDFDocument, PDFHexString, PDFName, PDFString, StandardFontEmbedder, StandardFonts, type PDFPage, type PDFRef } from 'pdf-lib';

export const PAGE = { width: 612, height: 792 };
/** The withheld name: never on any page of a properly redacted fixture. */
export const SECRET = 'Jonathan Example';
const helvetica = StandardFontEmbedder.for(StandardFonts.Helvetica as never);
/** Width of `s` in Helvetica at `size` points. */
export const widthOf = (s: string, size = 12): number => helvetica.widthOfTextAtSize(s, size);

/** Where the words of the redacted line stand: "The informant, " | SECRET + ", " | "reported …". */
export const LINE = (() => {
  const name = 72 + widthOf('The informant, ');
  return { start: 72, name, nameEnd: name + widthOf(`${SECRET},`), rest: name + widthOf(`${SECRET}, `) };
})();
/** The box over the removed name, display points [x0, y0, x1, y1]. */
export const BOX: [number, number, number, number] = [LINE.name - 1, 196, LINE.nameEnd + 1, 212];

/** The line with the name in it (live text). */
export function nameLine(): string {
  return text(LINE.start, 200, 'The informant,') + text(LINE.name, 200, `${SECRET},`) + text(LINE.rest, 200, 'reported the meeting on March 3.');
}

const esc = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);

/** Operators showing `s` with its line's top at `yTop` (display points). */
export function text(x: number, yTop: number, s: string, opts: { size?: number; font?: string; rgb?: [number, number, number] } = {}): string {
  const size = opts.size ?? 12;
  const [r, g, b] = opts.rgb ?? [0, 0, 0];
  return `BT ${r} ${g} ${b} rg /${opts.font ?? 'F1'} ${size} Tf ${x} ${PAGE.height - yTop - size * 0.8} Td (${esc(s)}) Tj ET\n`;
}

/** Operators filling a box (display points) with a colour (0..1 each). */
export function fill([x0, y0, x1, y1]: [number, number, number, number], rgb: [number, number, number] = [0, 0, 0]): string {
  return `q ${rgb.join(' ')} rg ${x0} ${PAGE.height - y1} ${x1 - x0} ${y1 - y0} re f Q\n`;
}

/** The redacted declaration: the name removed, a black box where it stood. */
export function redactedBody(): string {
  return (
    text(200, 90, 'DECLARATION OF WITNESS', { font: 'F2', size: 14 }) +
    text(72, 150, 'I, Maria Lopez, declare as follows.') +
    text(LINE.start, 200, 'The informant,') +
    fill(BOX) +
    text(LINE.rest, 200, 'reported the meeting on March 3.') +
    text(72, 250, 'I declare under penalty of perjury that the foregoing is true.') +
    text(72, 300, 'Maria Lopez')
  );
}

/** The same page before redaction: the name still there. */
export function unredactedBody(): string {
  return (
    text(200, 90, 'DECLARATION OF WITNESS', { font: 'F2', size: 14 }) +
    text(72, 150, 'I, Maria Lopez, declare as follows.') +
    nameLine() +
    text(72, 250, 'I declare under penalty of perjury that the foregoing is true.') +
    text(72, 300, 'Maria Lopez')
  );
}

export interface Built {
  doc: PDFDocument;
  page: PDFPage;
}

/** A one-page document whose content is `ops` (fonts /F1 Helvetica, /F2 Helvetica-Bold). */
export async function docWith(ops: string, opts: { extraPages?: string[] } = {}): Promise<Built> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const f1 = await doc.embedFont(StandardFonts.Helvetica);
  const f2 = await doc.embedFont(StandardFonts.HelveticaBold);
  const pages: PDFPage[] = [];
  for (const content of [ops, ...(opts.extraPages ?? [])]) {
    const page = doc.addPage([PAGE.width, PAGE.height]);
    page.node.setFontDictionary(PDFName.of('F1'), f1.ref);
    page.node.setFontDictionary(PDFName.of('F2'), f2.ref);
    page.node.set(PDFName.of('Contents'), doc.context.obj([doc.context.register(doc.context.stream(content))]));
    pages.push(page);
  }
  return { doc, page: pages[0] };
}

export async function save(b: Built): Promise<Uint8Array> {
  return b.doc.save({ useObjectStreams: false });
}

/** Bookmarks, one per title, pointing at the given pages (0-based). */
export function addOutline({ doc }: Built, items: { title: string; page?: number }[]): void {
  const ctx = doc.context;
  const root = ctx.nextRef();
  const refs = items.map(() => ctx.nextRef());
  items.forEach((it, i) => {
    ctx.assign(
      refs[i],
      ctx.obj({
        Title: PDFHexString.fromText(it.title),
        Parent: root,
        Dest: [doc.getPage(it.page ?? 0).ref, 'XYZ', null, null, null],
        ...(i > 0 ? { Prev: refs[i - 1] } : {}),
        ...(i < refs.length - 1 ? { Next: refs[i + 1] } : {}),
      }),
    );
  });
  ctx.assign(root, ctx.obj({ Type: 'Outlines', First: refs[0], Last: refs[refs.length - 1], Count: refs.length }));
  doc.catalog.set(PDFName.of('Outlines'), root);
}

/** Named destinations (the /Dests name tree). */
export function addNamedDestinations({ doc }: Built, names: string[]): void {
  const ctx = doc.context;
  const list = names.flatMap((n) => [PDFString.of(n), ctx.obj([doc.getPage(0).ref, 'XYZ', null, null, null])]);
  doc.catalog.set(PDFName.of('Names'), ctx.obj({ Dests: ctx.obj({ Names: ctx.obj(list) }) }));
}

/** An XMP packet with the given dc:description (and dc:title). */
export function addXmp({ doc }: Built, fields: { title?: string; description?: string }): void {
  const xml = `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
${fields.title ? `<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${fields.title}</rdf:li></rdf:Alt></dc:title>` : ''}
${fields.description ? `<dc:description><rdf:Alt><rdf:li xml:lang="x-default">${fields.description}</rdf:li></rdf:Alt></dc:description>` : ''}
</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;
  const stream = doc.context.stream(xml, { Type: 'Metadata', Subtype: 'XML' });
  doc.catalog.set(PDFName.of('Metadata'), doc.context.register(stream));
}

/** Register an annotation dictionary on the page. */
export function addAnnotation({ doc, page }: Built, dict: Record<string, unknown>): PDFRef {
  const ref = doc.context.register(doc.context.obj(dict as never));
  page.node.addAnnot(ref);
  return ref;
}

/** A form XObject appearance stream (display-independent: its own coordinates from 0,0). */
export function appearance({ doc, page }: Built, width: number, height: number, ops: string): PDFRef {
  const fonts = page.node.Resources()?.get(PDFName.of('Font'));
  return doc.context.register(
    doc.context.stream(ops, { Type: 'XObject', Subtype: 'Form', BBox: [0, 0, width, height], Resources: doc.context.obj({ Font: fonts ?? {} }) }),
  );
}

/** A PDF rectangle [x0, y0, x1, y1] in PDF user space from display points. */
export function rect([x0, y0, x1, y1]: [number, number, number, number]): number[] {
  return [x0, PAGE.height - y1, x1, PAGE.height - y0];
}

/** One optional-content group, hidden by default, usable in content as /OC /Hidden BDC … EMC. */
export function addHiddenLayer({ doc, page }: Built, name = 'Reviewer notes'): void {
  const ctx = doc.context;
  const ocg = ctx.register(ctx.obj({ Type: 'OCG', Name: PDFHexString.fromText(name) }));
  doc.catalog.set(PDFName.of('OCProperties'), ctx.obj({ OCGs: [ocg], D: ctx.obj({ Order: [ocg], OFF: [ocg] }) }));
  const resources = page.node.Resources()!;
  resources.set(PDFName.of('Properties'), ctx.obj({ Hidden: ocg }));
}
