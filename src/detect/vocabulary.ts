/**
 * The document's readable vocabulary, and which words of some other text (a bookmark, a metadata
 * field, a comment, a form value) it does not contain. Bookmarks, metadata and comments leak only
 * when they reveal something a reader of the pages cannot read: a bookmark "Declaration" over a
 * page headed "DECLARATION" reveals nothing. Matching is deliberately generous (case, accents,
 * plurals and simple suffixes, hyphenation, words split by a lost ligature, one-letter misreadings
 * of long words), so that only genuinely new words count.
 */
import type { Word } from '../model.js';

/** English function words: never evidence of withheld content. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both but by can
  could did do does doing down during each either else etc ever every few for from further had has have having he her here hers
  herself him himself his how i if in into is it its itself just least less let like may me might more most much must my myself
  neither no nor not now of off on once one only or other our ours ourselves out over own per re same shall she should since so
  some such than that the their theirs them themselves then there these they this those though through thus to too under until up
  upon us very via was we were what when where whether which while who whom whose why will with within without would yet you
  your yours yourself yourselves`.split(/\s+/),
);

/**
 * Words of document furniture, navigation, tools, review and records handling: a bookmark
 * "Slide 12", a title "Microsoft Word - Untitled", an author "Windows User", a comment "Approved",
 * keywords "FOIA release", a stamp "Filed" reveal nothing withheld.
 */
export const GENERIC_WORDS: ReadonlySet<string> = new Set(
  `page pages pg pp slide slides section sections sec part parts chapter chapters article articles appendix appendices exhibit
  exhibits exh ex attachment attachments att annex annexes schedule schedules table tables contents toc index cover title
  titles subtitle untitled document documents doc docx dot dotx rtf txt pdf wpd odt xls xlsx ppt pptx html htm file files
  bookmark bookmarks outline introduction intro preface foreword conclusion conclusions summary abstract background argument
  signature signatures sign signed blank continued cont draft drafts final copy copies version ver rev revised revision
  microsoft word office excel powerpoint adobe acrobat reader writer libreoffice openoffice google docs pages scan scanned
  scanner image images picture photo figure figures fig chart diagram untitled new author authors user users owner
  administrator admin unknown default customer preferred authorized authorised windows mac macintosh hp dell lenovo canon xerox
  ricoh epson brother sharp konica minolta kyocera test redacted redaction redactions redact unredacted withheld withhold
  candidate candidates proposed review reviewed reviewer approve approved approval comment comments note notes sticky see check
  checked ok okay done fix fixed typo please thanks thank question questions todo highlight highlighted underline strikeout
  insert inserted delete deleted replace replaced text popup annotation annotations mark marked marking item items list link
  links top bottom start end next previous back home go view
  foia privacy act mou moa nda exempt exemption exemptions confidential confidentiality privileged privilege sealed seal public
  release released releasable production produced bates sensitive classified unclassified declassified fouo cui official use
  only protected protective attorney client work product eyes filed entered received stamp stamped certified original void`.split(/\s+/),
);

/** Letters a word needs before it can count as revealing. */
export const MIN_WORD_LETTERS = 2;
/** Digits a number needs before it can count as revealing (an account or telephone number, not a page number or year). */
export const MIN_NUMBER_DIGITS = 5;

/** One token, compared loosely: no accents, lower case, straight quotes, no punctuation at its ends, no possessive. */
export function normalizeToken(t: string): string {
  if (/^[\x21-\x7e]*$/.test(t)) {
    // plain ASCII (most words): the same result without Unicode normalisation
    return t
      .toLowerCase()
      .replace(/`/g, "'")
      .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '')
      .replace(/'s$/, '');
  }
  return t
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, '')
    .replace(/'s$/, '');
}

/** Split text into raw tokens: at spaces and at separators that never sit inside a word. */
export function rawTokens(text: string): string[] {
  return text.split(/[\s/\\|_()[\]{}<>,;:!?"“”«»–—=+*&#~^]+/u).filter(Boolean);
}

/** A crude common stem: enough that "declarations", "declared" and "declaration" meet. */
export function stem(w: string): string {
  let s = w;
  if (s.length > 4 && s.endsWith('ies')) s = s.slice(0, -3) + 'y';
  else if (s.length > 4 && /(ches|shes|sses|xes|zes)$/.test(s)) s = s.slice(0, -2);
  else if (s.length > 3 && s.endsWith('s') && !s.endsWith('ss')) s = s.slice(0, -1);
  if (s.length > 5 && s.endsWith('ing')) s = s.slice(0, -3);
  else if (s.length > 4 && s.endsWith('ed')) s = s.slice(0, -2);
  else if (s.length > 5 && s.endsWith('ly')) s = s.slice(0, -2);
  if (s.length > 5 && s.endsWith('e')) s = s.slice(0, -1);
  return s;
}

/** Sequences a text layer may lose when a ligature glyph carries no Unicode ("Tra cking"). */
const LIGATURES = /ffi|ffl|ff|fi|fl|ft|st/g;

function editDistanceAtMost(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, cur[j]);
    }
    if (best > max) return false;
    prev = cur;
  }
  return prev[b.length] <= max;
}

/** Misreadings allowed when matching a word of this length (0 below 6 letters: names are short). */
export function fuzzAllowed(length: number): number {
  return length >= 10 ? 2 : length >= 6 ? 1 : 0;
}

/**
 * The words a reader can read anywhere in the document, and the loose ways of meeting them. Built
 * on first use (a document with nothing to compare never pays for it), each distinct word once;
 * the loose forms (joined neighbours, stems, the length index for misreadings) only when an exact
 * match fails.
 */
export class Vocabulary {
  private words?: Set<string>;
  private loose?: { joined: Set<string>; stems: Set<string>; byLength: Map<number, string[]> };
  /** Each page's words in their normal form, in order (for joining neighbours). */
  private readonly normalPages: string[][] = [];

  /** @param pages the readable words of each page, in reading (or paint) order */
  constructor(private readonly pages: readonly (readonly Pick<Word, 'text'>[])[]) {}

  private exact(): Set<string> {
    if (this.words) return this.words;
    const words = new Set<string>();
    const normalized = new Map<string, string>(); // raw word → its normal form: each distinct word read once
    for (const page of this.pages) {
      const normal: string[] = [];
      for (const w of page) {
        let norm = normalized.get(w.text);
        if (norm === undefined) {
          const raw = w.text.normalize('NFKC');
          norm = normalizeToken(raw);
          normalized.set(w.text, norm);
          words.add(norm);
          for (const t of rawTokens(raw)) words.add(normalizeToken(t));
          if (/[-.'’]/.test(norm)) for (const part of norm.split(/[-.'’]+/)) words.add(part);
        }
        normal.push(norm);
      }
      this.normalPages.push(normal);
    }
    words.delete('');
    return (this.words = words);
  }

  private looseForms(): NonNullable<Vocabulary['loose']> {
    if (this.loose) return this.loose;
    const words = this.exact();
    // hyphenation at a line end, and words split where a ligature lost its text
    const joined = new Set<string>();
    for (const page of this.normalPages) for (let i = 1; i < page.length; i++) if (page[i - 1] && page[i]) joined.add(page[i - 1].replace(/-$/, '') + page[i]);
    const stems = new Set<string>();
    const byLength = new Map<number, string[]>();
    for (const w of words) {
      stems.add(stem(w));
      const list = byLength.get(w.length);
      if (list) list.push(w);
      else byLength.set(w.length, [w]);
    }
    return (this.loose = { joined, stems, byLength });
  }

  get size(): number {
    return this.exact().size;
  }

  /** True when a reader of the pages can read this (normalized) token. */
  has(token: string): boolean {
    if (!token || this.exact().has(token)) return true;
    const { joined, stems } = this.looseForms();
    if (joined.has(token) || stems.has(stem(token))) return true;
    const parts = token.split(/[-.'’]+/).filter((p) => /\p{L}{2}|\p{N}/u.test(p));
    if (parts.length > 1 && parts.every((p) => this.has(p))) return true;
    const unligatured = token.replace(LIGATURES, '');
    if (unligatured !== token && (this.exact().has(unligatured) || joined.has(unligatured))) return true;
    return this.nearlyHas(token);
  }

  private nearlyHas(token: string): boolean {
    const max = fuzzAllowed(token.length);
    if (!max) return false;
    const { byLength } = this.looseForms();
    for (let len = token.length - max; len <= token.length + max; len++) {
      for (const w of byLength.get(len) ?? []) if (editDistanceAtMost(token, w, max)) return true;
    }
    return false;
  }
}

export interface RevealOptions {
  /** Count long numbers (account, telephone, case numbers) as revealing. Default true. */
  numbers?: boolean;
  /** Also split tokens at camelCase and dots, as in file names ("SmithDeclaration.docx"). */
  fileNames?: boolean;
}

/**
 * The words of `text` that reveal something the pages do not show: not a stop word or a generic
 * word, long enough to mean something, and not in the readable vocabulary. Distinct, in order, as
 * written.
 */
export function revealingWords(text: string, vocabulary: Vocabulary, options: RevealOptions = {}): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of rawTokens(text.normalize('NFKC'))) {
    const pieces = options.fileNames ? raw.split(/(?<=\p{Ll})(?=\p{Lu})|[.]+/u).filter(Boolean) : [raw];
    for (const piece of pieces) {
      const t = normalizeToken(piece);
      if (!t || seen.has(t)) continue;
      seen.add(t);
      if (!countsAsEvidence(t, options)) continue;
      if (vocabulary.has(t)) continue;
      out.push(piece.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, ''));
    }
  }
  return out;
}

/** A Roman numeral (outline numbering: "III", "xiv"). */
const ROMAN = /^(?=[ivxlcdm]{1,7}$)m{0,3}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/;

/** A token can reveal something: a word of 2+ letters (not a stop or generic word) or a long number. */
export function countsAsEvidence(t: string, options: RevealOptions = {}): boolean {
  const letters = (t.match(/\p{L}/gu) ?? []).length;
  const digits = (t.match(/\p{N}/gu) ?? []).length;
  if (letters >= MIN_WORD_LETTERS) {
    const words = t.split(/[-.'’]+/).filter(Boolean);
    return !words.every((w) => STOPWORDS.has(w) || GENERIC_WORDS.has(w) || ROMAN.test(w) || !/\p{L}{2}/u.test(w));
  }
  return options.numbers !== false && letters === 0 && digits >= MIN_NUMBER_DIGITS;
}
