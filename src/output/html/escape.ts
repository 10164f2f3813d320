/** Escaping for the review page: every value taken from a document is text, never markup. */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value, with control characters (invalid in HTML) shown as U+FFFD. */
export function esc(s: string | number): string {
  return String(s)
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '\uFFFD')
    .replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

/** A string usable inside an id or a fragment: letters, digits, '-' and '_' only. */
export function idPart(s: string): string {
  return s.replace(/[^A-Za-z0-9_-]/g, (c) => `_${c.codePointAt(0)!.toString(16)}`);
}

export function dataUri(mime: string, data: Uint8Array): string {
  return `data:${mime};base64,${Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('base64')}`;
}

/** A percentage with at most 3 decimals, for CSS. */
export const pct = (v: number, of: number) => `${of > 0 ? Math.round((v / of) * 100_000) / 1000 : 0}%`;
