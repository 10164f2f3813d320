/**
 * A minimal PDF writer for crafted hostile files: numbered objects, streams with any filter chain,
 * a correct cross-reference table. pdf-lib cannot write the malformed or extreme structures these
 * tests need (self-referencing forms, nested Flate bombs, operator floods), so they are written by
 * hand here. Deterministic: the same arguments give the same bytes.
 */
import { deflateSync } from 'node:zlib';

export type PdfObject = string | { dict: string; data: Uint8Array };

const latin1 = (s: string) => Buffer.from(s, 'latin1');

/** A stream object: `dict` without /Length (added here), data as stored (already encoded). */
export function stream(dict: string, data: Uint8Array | string): PdfObject {
  return { dict, data: typeof data === 'string' ? latin1(data) : data };
}

/** Data Flate-encoded `times` times (the filter entry to put in the dict is returned beside it). */
export function flate(data: Uint8Array | string, times = 1): { data: Uint8Array; filter: string } {
  let out: Uint8Array = typeof data === 'string' ? latin1(data) : data;
  for (let i = 0; i < times; i++) out = deflateSync(out, { level: 9 });
  return { data: out, filter: `/Filter [${Array(times).fill('/FlateDecode').join(' ')}]` };
}

/**
 * The bytes of a PDF whose object n (1-based) is objects[n - 1]; object 1 must be the catalog.
 * `trailer` adds entries to the trailer dictionary (e.g. /Encrypt).
 */
export function writePdf(objects: PdfObject[], trailer = ''): Uint8Array {
  const parts: Buffer[] = [latin1('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  let offset = parts[0].length;
  const offsets: number[] = [];
  objects.forEach((obj, i) => {
    offsets.push(offset);
    const chunk =
      typeof obj === 'string'
        ? latin1(`${i + 1} 0 obj\n${obj}\nendobj\n`)
        : Buffer.concat([
            latin1(`${i + 1} 0 obj\n<< ${obj.dict} /Length ${obj.data.length} >>\nstream\n`),
            Buffer.from(obj.data),
            latin1('\nendstream\nendobj\n'),
          ]);
    parts.push(chunk);
    offset += chunk.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n`, '0000000000 65535 f \n', ...offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`)].join('');
  parts.push(latin1(`${xref}trailer\n<< /Size ${objects.length + 1} /Root 1 0 R ${trailer}>>\nstartxref\n${offset}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}

/**
 * A one-page document: catalog (1), pages (2), page (3), content (4), Helvetica (5), then `extra`
 * objects from number 6. `resources` is added inside the page's /Resources dictionary.
 */
export function onePage(opts: { content: PdfObject; resources?: string; mediaBox?: string; pageExtra?: string; extra?: PdfObject[] }): Uint8Array {
  return writePdf([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    `<< /Type /Page /Parent 2 0 R /MediaBox ${opts.mediaBox ?? '[0 0 612 792]'} /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> ${opts.resources ?? ''} >> ${opts.pageExtra ?? ''} >>`,
    opts.content,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    ...(opts.extra ?? []),
  ]);
}
