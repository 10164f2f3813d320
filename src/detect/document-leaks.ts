/**
 * Document-level leaks and notices: what the file reveals outside its pages' drawing.
 *
 * Leaks (each only when it reveals words a reader of the pages cannot read, see vocabulary.ts):
 * - `outline`: bookmark titles and named-destination names, when the document has redactions;
 * - `metadata`: Info and XMP fields people write (title, subject, author, keywords, custom keys),
 *   when the document has redactions;
 * - `annotation-text`: comments (/Contents, /RC) and annotation appearance text (that pdf.js extracts,
 *   and that the appearance of a hidden annotation draws), when the document has redactions;
 * - `form-field`: values of form fields no widget shows (hidden, off the page, covered, or no widget).
 *
 * Notices (not leaks): embedded files, JavaScript, form fields present, hidden layers, revisions.
 */
import type { BBox, DocumentFacts, Leak, Notice, PageAnnotation, Word } from '../model.js';
import { intersectionArea, area } from '../facts/geometry.js';
import { NOT_SHOWN_FLAGS } from '../facts/hidden-appearances.js';
import { COVER_SHARE } from './coverage.js';
import { revealingWords, Vocabulary, type RevealOptions } from './vocabulary.js';

/** One page as the document rules see it. */
export interface PageEvidence {
  page: number;
  width: number;
  height: number;
  /** The words a reader sees on the page. */
  words: Pick<Word, 'text'>[];
  annotations: PageAnnotation[];
  /** Applied redactions on the page (id and box). */
  redactions: { id: string; bbox: BBox; source: string }[];
  /** The page's own JavaScript actions, by trigger (PageFacts.scripts). */
  scripts?: string[];
}

export interface DocumentEvidence {
  facts: DocumentFacts;
  pages: PageEvidence[];
}

/** Structure names tools give destinations ("section.2", "_Toc123", "G1.1002"): no words in them. */
const TOOL_DESTINATION = /^(_?toc|_?ref|_?hlt|_?goback|bookmark|section|subsection|subsubsection|chapter|part|page|figure|table|equation|item|cite|hfootnote|footnote|doc-start|appendix|lstlisting|ams|g\d|m\d|p\d|link|anchor|dest)/i;
/** At most this many characters of a leaked field go into the report. */
export const MAX_LEAK_TEXT = 500;
/** Annotations that carry no comment of their own (a Popup repeats its parent's; links and widgets are not comments). */
const NOT_COMMENTS = new Set(['Popup', 'Link', 'Widget']);

const clip = (s: string) => (s.length > MAX_LEAK_TEXT ? s.slice(0, MAX_LEAK_TEXT - 1) + '…' : s);
const listed = (words: string[]) => words.slice(0, 12).join(', ') + (words.length > 12 ? ', …' : '');

function documentLeak(kind: Leak['kind'], text: string, detail: string, words: string[], page: number | null = null, bbox: BBox | null = null): Leak {
  return { kind, page, bbox, text: clip(text.replace(/\s+/g, ' ').trim()), redactionId: null, detail: `${detail}; not readable on the pages: ${listed(words)}` };
}

/** Rule: bookmark titles (and named destinations) that name what the pages do not show. */
export function outlineLeaks(facts: Pick<DocumentFacts, 'outline' | 'destinationNames'>, vocabulary: Vocabulary): Leak[] {
  const leaks: Leak[] = [];
  for (const entry of facts.outline) {
    const words = revealingWords(entry.title, vocabulary);
    if (words.length) leaks.push(documentLeak('outline', entry.title, 'bookmark', words, entry.page));
  }
  for (const name of facts.destinationNames) {
    if (TOOL_DESTINATION.test(name)) continue;
    const words = revealingWords(name, vocabulary, { fileNames: true, numbers: false });
    if (words.length) leaks.push(documentLeak('outline', name, 'named destination', words));
  }
  return leaks;
}

/** Rule: metadata fields people write that name what the pages do not show. One leak per distinct value. */
export function metadataLeaks(facts: Pick<DocumentFacts, 'metadata'>, vocabulary: Vocabulary): Leak[] {
  const where = new Map<string, string[]>();
  for (const f of facts.metadata) {
    const key = f.value.replace(/\s+/g, ' ').trim();
    where.set(key, [...(where.get(key) ?? []), `${f.source} ${f.source === 'Info' ? '/' : ''}${f.key}`]);
  }
  const options: RevealOptions = { fileNames: true, numbers: false };
  const leaks: Leak[] = [];
  for (const [value, fields] of where) {
    const words = revealingWords(value, vocabulary, options);
    if (words.length) leaks.push(documentLeak('metadata', value, fields.join(', '), words));
  }
  return leaks;
}

/** Where the text a hidden annotation's appearance draws comes from (facts/hidden-appearances.ts). */
const HIDDEN_APPEARANCE = 'hidden appearance';
const squeeze = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The comment texts an annotation holds, with where each comes from. */
export function annotationTexts(a: PageAnnotation): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  if (!NOT_COMMENTS.has(a.subtype)) {
    if (a.contents?.trim()) out.push({ where: '/Contents', text: a.contents });
    if (a.richText?.trim() && a.richText.trim() !== a.contents?.trim()) out.push({ where: '/RC', text: a.richText });
    if (a.appearanceText?.trim() && !out.some((o) => o.text.trim() === a.appearanceText!.trim())) out.push({ where: 'appearance', text: a.appearanceText });
  }
  // drawn text, whatever the annotation (facts read it only where pdf.js does not: no FreeText, widget or popup)
  const drawn = a.hiddenAppearanceText?.trim();
  if (drawn && !out.some((o) => squeeze(o.text) === squeeze(drawn))) out.push({ where: HIDDEN_APPEARANCE, text: drawn });
  return out;
}

/** Rule: comments and annotation text that say what the pages do not show. */
export function annotationTextLeaks(pages: readonly PageEvidence[], vocabulary: Vocabulary): Leak[] {
  const leaks: Leak[] = [];
  for (const p of pages) {
    for (const a of p.annotations) {
      for (const { where, text } of annotationTexts(a)) {
        const words = revealingWords(text, vocabulary);
        const detail = where === HIDDEN_APPEARANCE ? `appearance of a hidden ${a.subtype} annotation` : `${a.subtype} annotation ${where}`;
        if (words.length) leaks.push(documentLeak('annotation-text', text, detail, words, p.page, a.bbox));
      }
    }
  }
  return leaks;
}

/** Why a widget does not show its value, or undefined when it does. */
export function widgetHides(a: PageAnnotation, p: PageEvidence): string | undefined {
  if ((a.flags ?? 0) & NOT_SHOWN_FLAGS) return 'hidden';
  const page: BBox = [0, 0, p.width, p.height];
  if (intersectionArea(a.bbox, page) <= 0) return 'off the page';
  const a0 = area(a.bbox);
  const cover = p.redactions.find((r) => r.source === 'annotation' && a0 > 0 && intersectionArea(r.bbox, a.bbox) / a0 >= COVER_SHARE);
  return cover ? `covered by ${cover.id}` : undefined;
}

const VALUE_TYPES = /^(tx|ch|text|combobox|listbox)$/i;

/** Rule: form values that no widget shows (hidden, off the page, covered, or without any widget). */
export function formFieldLeaks(facts: Pick<DocumentFacts, 'fields'>, pages: readonly PageEvidence[], vocabulary: Vocabulary): Leak[] {
  const shown = new Set<string>();
  const hiding = new Map<string, { why: string; page: number; bbox: BBox; value: string }>();
  for (const p of pages) {
    for (const a of p.annotations) {
      if (!a.field || !VALUE_TYPES.test(a.field.type)) continue;
      const why = widgetHides(a, p);
      if (!why) shown.add(a.field.name);
      else if (!hiding.has(a.field.name)) hiding.set(a.field.name, { why, page: p.page, bbox: a.bbox, value: a.field.value });
    }
  }
  const leaks: Leak[] = [];
  const reported = new Set<string>();
  const check = (name: string, value: string, why: string, page: number | null, bbox: BBox | null) => {
    if (shown.has(name) || reported.has(name) || !value.trim()) return;
    reported.add(name);
    const words = revealingWords(value, vocabulary);
    if (words.length) leaks.push(documentLeak('form-field', value, `form field "${name}" (${why})`, words, page, bbox));
  };
  for (const [name, h] of hiding) check(name, h.value, h.why, h.page, h.bbox);
  for (const f of facts.fields) {
    if (!VALUE_TYPES.test(f.type)) continue;
    const onPage = pages.some((p) => p.annotations.some((a) => a.field?.name === f.name));
    if (!onPage) check(f.name, f.value, f.page === null ? 'no widget on any page' : 'hidden', f.page, null);
  }
  return leaks;
}

/** Notices: embedded files, JavaScript, form fields, hidden layers, revisions. */
export function documentNotices(facts: DocumentFacts, pages: readonly PageEvidence[]): Notice[] {
  const notices: Notice[] = [];
  const kib = (n: number) => n.toLocaleString('en-US');
  for (const f of facts.attachments) notices.push({ kind: 'attachment', page: null, detail: `embedded file "${f.name}" (${kib(f.bytes)} bytes)`, name: f.name, bytes: f.bytes });
  for (const p of pages) {
    for (const a of p.annotations) {
      if (a.file) notices.push({ kind: 'attachment', page: p.page, detail: `file attachment annotation "${a.file.name}" (${kib(a.file.bytes)} bytes)`, name: a.file.name, bytes: a.file.bytes });
    }
  }
  for (const where of facts.javascript) notices.push({ kind: 'javascript', page: null, detail: `JavaScript action (${where})` });
  for (const p of pages) {
    for (const trigger of p.scripts ?? []) notices.push({ kind: 'javascript', page: p.page, detail: `JavaScript action (page: ${trigger})` });
    const scripted = p.annotations.filter((a) => a.javascript).length;
    if (scripted) notices.push({ kind: 'javascript', page: p.page, detail: `${scripted} annotation${scripted === 1 ? '' : 's'} with JavaScript actions`, count: scripted });
  }
  const names = new Set([...facts.fields.map((f) => f.name), ...pages.flatMap((p) => p.annotations.flatMap((a) => (a.field ? [a.field.name] : [])))]);
  if (names.size) {
    const filled = new Set(facts.fields.filter((f) => f.value.trim() && f.value !== 'Off').map((f) => f.name)).size;
    notices.push({ kind: 'form-fields', page: null, detail: `${names.size} form field${names.size === 1 ? '' : 's'} (${filled} filled)`, count: names.size });
  }
  const off = facts.layers.filter((l) => !l.visible);
  if (off.length) {
    const list = off.slice(0, 8).map((l) => `"${l.name}"`).join(', ');
    notices.push({ kind: 'hidden-layers', page: null, detail: `${off.length} of ${facts.layers.length} optional-content layers hidden by default: ${list}`, count: off.length });
  }
  const revisions = facts.revisionEnds.length;
  if (revisions > 1) {
    notices.push({ kind: 'revisions', page: null, detail: `saved ${revisions} times (${revisions - 1} incremental update${revisions === 2 ? '' : 's'}): earlier revisions can be recovered from the file`, count: revisions });
  }
  return notices;
}

/** All document-level leaks and notices. Outline, metadata and comments count only when the document has redactions. */
export function documentFindings(e: DocumentEvidence): { leaks: Leak[]; notices: Notice[] } {
  const vocabulary = new Vocabulary(e.pages.map((p) => p.words));
  const redacted = e.pages.some((p) => p.redactions.length > 0);
  const leaks = [
    ...(redacted ? outlineLeaks(e.facts, vocabulary) : []),
    ...(redacted ? metadataLeaks(e.facts, vocabulary) : []),
    ...(redacted ? annotationTextLeaks(e.pages, vocabulary) : []),
    ...formFieldLeaks(e.facts, e.pages, vocabulary),
  ];
  return { leaks, notices: documentNotices(e.facts, e.pages) };
}
