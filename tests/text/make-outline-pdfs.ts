/**
 * Generated multi-page documents for the section tests, with their truth by construction: an
 * outline written line by line (headings, paragraphs, redacted words), letters, e-mail threads and
 * forms. Deterministic.
 *
 * A line's text may hold redactions as `[[hidden words]]`: those words are not drawn (the text is
 * removed) and a black box covers their place, as a proper redaction does.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage } from 'pdf-lib';

export const PAGE_W = 612;
export const PAGE_H = 792;
const LEFT = 72;
const TOP = 72;
const BOTTOM = 720;

export interface LineSpec {
  text: string;
  bold?: boolean;
  size?: number;
  /** Left edge, or 'centre'. */
  x?: number | 'centre';
  /** Extra space above (pt). */
  gap?: number;
  /** Start a new page before this line. */
  newPage?: boolean;
  font?: 'times' | 'helvetica';
}

const VOCAB = ['the', 'parties', 'agree', 'that', 'records', 'shall', 'be', 'shared', 'with', 'each', 'other', 'under', 'this', 'agreement', 'and', 'its', 'terms', 'as', 'provided', 'herein', 'for', 'purposes', 'of', 'review', 'within', 'ten', 'days'];

/** A body line of about `chars` characters (deterministic by seed). */
export function prose(seed: number, chars = 100): string {
  const out: string[] = [];
  let n = 0;
  let i = seed * 7 + 3;
  while (n < chars) {
    const w = VOCAB[i++ % VOCAB.length];
    if (n + w.length + 1 > chars && out.length > 0) break;
    out.push(w);
    n += w.length + 1;
  }
  return out.join(' ');
}

/** A paragraph of `n` lines, the last shorter and ending with a period; `redact` wraps line k's words in [[ ]]. */
export function para(seed: number, n: number, redact: 'none' | 'all' | 'some' = 'none'): LineSpec[] {
  return Array.from({ length: n }, (_, k) => {
    let text = prose(seed + k, k === n - 1 ? 50 : 100) + (k === n - 1 ? '.' : '');
    if (redact === 'all') text = `[[${text}]]`;
    if (redact === 'some' && k === 0) {
      const words = text.split(' ');
      text = `${words.slice(0, 3).join(' ')} [[${words.slice(3, 9).join(' ')}]] ${words.slice(9).join(' ')}`;
    }
    return { text };
  });
}

interface Fonts {
  regular: PDFFont;
  bold: PDFFont;
  sans: PDFFont;
  sansBold: PDFFont;
}

function drawLine(page: PDFPage, fonts: Fonts, spec: LineSpec, top: number): void {
  const size = spec.size ?? 11;
  const font = spec.font === 'helvetica' ? (spec.bold ? fonts.sansBold : fonts.sans) : spec.bold ? fonts.bold : fonts.regular;
  const parts = spec.text.split(/(\[\[.*?\]\])/).filter((p) => p.length > 0);
  const plain = spec.text.replace(/\[\[|\]\]/g, '');
  let x = spec.x === 'centre' ? (PAGE_W - font.widthOfTextAtSize(plain, size)) / 2 : (spec.x ?? LEFT);
  const baseline = PAGE_H - top - size * 0.8;
  for (const part of parts) {
    const hidden = part.startsWith('[[');
    const text = hidden ? part.slice(2, -2) : part;
    const width = font.widthOfTextAtSize(text, size);
    if (hidden) {
      page.drawRectangle({ x: x - 1, y: baseline - size * 0.25, width: width + 2, height: size * 1.15, color: rgb(0, 0, 0) });
    } else if (text.trim()) {
      page.drawText(text, { x, y: baseline, font, size, color: rgb(0, 0, 0) });
    }
    x += width;
  }
}

/** Lays the lines out top to bottom, 15 pt apart (plus gaps), breaking pages at the bottom margin. */
export async function makeDocument(lines: readonly LineSpec[], opts: { pageNumbers?: boolean } = {}): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fonts: Fonts = {
    regular: await doc.embedFont(StandardFonts.TimesRoman),
    bold: await doc.embedFont(StandardFonts.TimesRomanBold),
    sans: await doc.embedFont(StandardFonts.Helvetica),
    sansBold: await doc.embedFont(StandardFonts.HelveticaBold),
  };
  let page = doc.addPage([PAGE_W, PAGE_H]);
  let top = TOP;
  const finish = (p: PDFPage, n: number) => {
    if (!opts.pageNumbers) return;
    const label = `- ${n} -`;
    p.drawText(label, { x: (PAGE_W - fonts.regular.widthOfTextAtSize(label, 10)) / 2, y: 40, font: fonts.regular, size: 10 });
  };
  for (const spec of lines) {
    const size = spec.size ?? 11;
    top += spec.gap ?? 0;
    if (spec.newPage || top + size > BOTTOM) {
      finish(page, doc.getPageCount());
      page = doc.addPage([PAGE_W, PAGE_H]);
      top = TOP;
    }
    drawLine(page, fonts, spec, top);
    top += Math.max(15, size + 4);
  }
  finish(page, doc.getPageCount());
  return doc.save({ useObjectStreams: false });
}

const h1 = (text: string, extra: Partial<LineSpec> = {}): LineSpec => ({ text, bold: true, gap: 10, ...extra });
const h2 = (text: string, extra: Partial<LineSpec> = {}): LineSpec => ({ text, bold: true, gap: 6, ...extra });

/**
 * An agreement whose top-level sections hold only subsections: II.'s subsections are all
 * redacted, III.'s are one readable and one partly redacted, IV. runs over a page break (pages 2-3).
 */
export function parentsOnlyLines(): LineSpec[] {
  return [
    { text: 'MEMORANDUM OF AGREEMENT', bold: true, x: 'centre', size: 14 },
    { text: 'BETWEEN THE RECORDS OFFICE AND THE REVIEW BOARD', bold: true, x: 'centre' },
    h1('I. PURPOSE'),
    ...para(1, 4),
    h1('II. RESPONSIBILITIES'),
    h2('A. Duties of the Office'),
    ...para(5, 3, 'all'),
    h2('B. Duties of the Board'),
    ...para(9, 3, 'all'),
    h1('III. SECURITY', { newPage: true }),
    h2('A. Technical Controls'),
    ...para(13, 3),
    h2('B. Incident Reporting'),
    ...para(17, 3, 'some'),
    h1('IV. TERM'),
    ...para(21, 45),
  ];
}

/** A section with nine lettered subsections (A. to I., then J.), then II.; the I. after H. is a letter. */
export function letterILines(): LineSpec[] {
  const out: LineSpec[] = [h1('I. DEFINITIONS'), ...para(1, 2)];
  [...'ABCDEFGHIJ'].forEach((c, k) => out.push(h2(`${c}. Term Number ${k + 1}`), ...para(k + 3, 2)));
  out.push(h1('II. TERM'), ...para(40, 2));
  return out;
}

/** Decimal numbering, with (a) items under 1.1.1: 1. > 1.1 > 1.1.1 > (a). */
export function decimalLines(): LineSpec[] {
  return [
    h1('1. Scope'),
    ...para(1, 2),
    h2('1.1 Records Covered'),
    ...para(3, 2),
    h2('1.1.1 Paper Records'),
    ...para(5, 2),
    h2('(a) Bound Volumes'),
    ...para(7, 2, 'some'),
    h2('(b) Loose Files'),
    ...para(9, 2),
    h2('1.2 Records Excluded'),
    ...para(11, 2),
    h1('2. Term'),
    ...para(13, 2),
    h2('2.1 Renewal'),
    ...para(15, 2, 'all'),
  ];
}

/**
 * The outline of an OCR layer with misread numerals (what tesseract made of the ICE 287(g)
 * agreement): L = I., IL = II., Ill. = III., Iv. = IV., Vv. = V., VIL = VI. then VII., VII. = VIII.
 */
export function misreadLines(): LineSpec[] {
  const heads = ['L PURPOSE', 'IL AUTHORITY', 'Ill. POLICY', 'Iv. TRAINING', 'Vv. DESIGNATION OF FUNCTIONS', 'VIL LOCAL CHARGES', 'VIL NOMINATION OF PERSONNEL', 'VII. TRAINING OF PERSONNEL', 'IX. CERTIFICATION'];
  const out: LineSpec[] = [];
  heads.forEach((t, k) => {
    out.push(h1(t), ...para(k * 3 + 1, 2));
    if (k === 1) out.push(h2('A. Federal Authority'), ...para(50, 2), h2('B. State Authority'), ...para(52, 2));
  });
  return out;
}

/** A one-page letter: letterhead, date, inside address, subject line, body, signature block. */
export function letterLines(): LineSpec[] {
  return [
    { text: 'UNITED STATES DEPARTMENT OF RECORDS', bold: true, x: 'centre', size: 13 },
    { text: 'Office of the Chief Information Officer', x: 'centre' },
    { text: '1400 Independence Avenue SW', x: 'centre' },
    { text: 'Washington, DC 20250', x: 'centre' },
    { text: 'February 24, 2014', gap: 20 },
    { text: 'Ms. Brenda Dolan', gap: 14 },
    { text: 'Department Freedom of Information Officer' },
    { text: 'Office of Privacy and Open Government' },
    { text: 'Washington, DC 20230' },
    { text: 'RE: Referral of Records under the Freedom of Information Act', bold: true, gap: 14 },
    { text: 'Dear Ms. Dolan:', gap: 14 },
    ...para(1, 4),
    { text: 'REFERRAL OF FOUR PAGES', bold: true, gap: 8 },
    ...para(6, 3, 'some'),
    { text: 'Sincerely,', gap: 14 },
    { text: 'ALEXIS R. GRAVES', bold: true, gap: 28 },
    { text: 'Department FOIA Officer' },
    { text: 'Enclosures', gap: 14 },
  ];
}

/** A printed e-mail thread of three messages, newest first, each with a signature block. */
export function emailLines(): LineSpec[] {
  const message = (from: string, sent: string, subject: string, seed: number, redact: 'none' | 'some' | 'all'): LineSpec[] => [
    { text: `From: ${from}`, bold: true, gap: 16, font: 'helvetica', size: 10 },
    { text: `Sent: ${sent}`, font: 'helvetica', size: 10 },
    { text: 'To: Records Review Board', font: 'helvetica', size: 10 },
    { text: `Subject: ${subject}`, font: 'helvetica', size: 10 },
    { text: 'Good morning,', gap: 12, font: 'helvetica', size: 10 },
    ...para(seed, 3, redact).map((l) => ({ ...l, font: 'helvetica' as const, size: 10 })),
    { text: 'Thank you,', gap: 8, font: 'helvetica', size: 10 },
    { text: 'JANE ROE', bold: true, font: 'helvetica', size: 10 },
    { text: 'Office of Records Security', bold: true, font: 'helvetica', size: 10 },
    { text: 'CONFIDENTIALITY NOTICE', bold: true, gap: 8, font: 'helvetica', size: 10 },
    ...para(seed + 9, 2).map((l) => ({ ...l, font: 'helvetica' as const, size: 10 })),
  ];
  return [
    ...message('[[Jane Roe]]', 'Wednesday, October 14, 2020 6:55 AM', 'RE: Question about disclosures', 1, 'some'),
    ...message('Records Review Board', 'Tuesday, October 13, 2020 4:04 PM', 'RE: Question about disclosures', 5, 'none'),
    ...message('John Smith', 'Tuesday, October 13, 2020 9:12 AM', 'Question about disclosures', 9, 'all'),
  ];
}

/** A one-page form: title, numbered fields with blanks, check boxes, a table, a signature line. */
export function formLines(): LineSpec[] {
  return [
    { text: 'REQUEST FOR RECORDS REVIEW', bold: true, x: 'centre', size: 14 },
    { text: 'Form RR-12 (Rev. 03/2020)', x: 'centre', size: 9 },
    { text: 'Part 1: Identify Yourself', bold: true, gap: 14 },
    { text: '1. Your full name ______________________________', gap: 6 },
    { text: '2. Agency ______________________________' },
    { text: '3. Telephone (202) 555-0144' },
    { text: 'Part 2: The Request', bold: true, gap: 14 },
    { text: '[ ] Expedited review [ ] Standard review', gap: 6 },
    { text: '[ ] Paper records [ ] Electronic records' },
    { text: 'Describe the records requested:', gap: 6 },
    ...para(1, 3, 'some'),
    { text: 'Signature: ______________________ Date: ____________', gap: 20 },
  ];
}
