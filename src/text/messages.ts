/**
 * E-mail messages: in a printed e-mail thread (or a memo with TO/FROM/SUBJECT fields) each message
 * is a section, which is what a reader expects, instead of headings found in signatures and
 * quoted text.
 *
 * A message header is a run of e-mail header field lines (noise.ts `email-header`), allowing one
 * wrapped line after a `To:`/`Cc:` field and other `Label:` lines, with a `From` field and at least one of `Sent`, `Date`,
 * `To`, `Subject`. The message runs from its header to the next one. Its title is
 * `<subject> — <from>, <date>` from the fields as read (parts missing are left out).
 */
import type { Line } from './lines.js';
import { looseHeaderField, type NoiseKind } from './noise.js';

export interface MessageHeader {
  /** First line of the header. */
  start: number;
  /** Lines in the header. */
  length: number;
  title: string;
}

const NEEDED = ['sent', 'date', 'to', 'subject'];
/** Any other `Label:` line inside a header. */
const OTHER_FIELD = /^\s*[A-Z][A-Za-z]{1,15}(?: [A-Za-z]{1,15})?\s*:/;

function valueOf(line: Line): string {
  return line.text.replace(/^\s*[A-Za-z]+\s*:?\s*/, '').trim();
}

function titleOf(fields: ReadonlyMap<string, string>): string {
  const subject = fields.get('subject') || fields.get('re') || '';
  const from = fields.get('from') ?? '';
  const date = fields.get('sent') || fields.get('date') || '';
  const who = [from, date].filter(Boolean).join(', ');
  if (subject && who) return `${subject} — ${who}`;
  return subject || (who ? `Message from ${who}` : 'Message');
}

/** The message headers among the flow lines, in order. */
export function findMessages(lines: readonly Line[], noise: readonly (NoiseKind | null)[]): MessageHeader[] {
  const out: MessageHeader[] = [];
  let i = 0;
  while (i < lines.length) {
    if (noise[i] !== 'email-header') {
      i++;
      continue;
    }
    const fields = new Map<string, string>();
    let j = i;
    let last = '';
    while (j < lines.length && lines[j].page === lines[i].page) {
      if (noise[j] === 'email-header') {
        last = looseHeaderField(lines[j].text) ?? '';
        if (last && !fields.has(last)) fields.set(last, valueOf(lines[j]));
      } else if (((last === 'to' || last === 'cc') && noise[j + 1] === 'email-header') || OTHER_FIELD.test(lines[j].text)) {
        last = ''; // a wrapped list of recipients, or another field (`SentVia:`)
      } else break;
      j++;
    }
    if (fields.has('from') && NEEDED.some((f) => fields.has(f))) out.push({ start: i, length: j - i, title: titleOf(fields) });
    i = Math.max(j, i + 1);
  }
  return out;
}
