/**
 * Exemption labels: the short texts printed on or beside a redaction box to say why it was
 * withheld. A box whose only text on top is a label is still a redaction; text under a box that is
 * only a label (some tools leave the word "REDACTED" under the box) is not a leak.
 *
 * Labels are kept as read; `labelCategory` normalises them to a known code or category so that
 * "HOM" and "Harm to Ongoing Matter", or "b7C" and "(BX7XC)", count as one.
 */

// FOIA / Privacy Act exemption codes: (b)(6), (b)(7)(C), b6, b7c, (b)(3):26 USC 6103, Ex. 5, (k)(2)
const FED = String.raw`(?:\(?[bkj]\)?\s*\(?\d\)?(?:\s*\(?[a-f]\)?)?(?:\s*[:\-]\s*[\w .§-]{0,30})?|ex(?:emption|\.)?\s*\d(?:\s*\(?[a-f]\)?)?)`;
// state public-records codes written as section(paragraph)(item): 7(1)(c) (Illinois FOIA), 552(b)(6)
const STATE = String.raw`\d{1,3}\s*\(\s*[\da-z]{1,2}\s*\)(?:\s*\(\s*[\da-z]{1,3}\s*\))+`;
const CODE = `(?:${FED}|${STATE})`;
const CODES = new RegExp(String.raw`^(?:${CODE})(?:\s*[,;&/]?\s*(?:and\s+)?${CODE})*$`, 'i');

/**
 * Known categories and the ways they are written (lower case). Phrases mapped to no category
 * (`null`) are labels that say a box is a redaction but not why ("REDACTED", "WITHHELD").
 */
export const LABEL_CATEGORIES: ReadonlyArray<readonly [string | null, readonly string[]]> = [
  [null, ['redacted', 'redaction', 'withheld', 'sealed', 'under seal', 'filed under seal']],
  ['Harm to Ongoing Matter', ['harm to ongoing matter', 'hom']],
  ['Personal Privacy', ['personal privacy', 'privacy', 'pp']],
  ['Investigative Technique', ['investigative technique', 'it']],
  ['Grand Jury', ['grand jury', 'gj']],
  ['Attorney-Client Privilege', ['attorney-client', 'attorney client', 'attorney-client privilege', 'attorney-client privileged', 'attorney client privilege']],
  ['Attorney Work Product', ['attorney work product', 'work product']],
  ['Deliberative Process', ['deliberative process']],
  ['Privileged', ['privileged', 'privilege']],
  ['Law Enforcement Sensitive', ['law enforcement sensitive', 'les']],
  ['Personally Identifiable Information', ['personally identifiable information', 'pii']],
  ['Protected Health Information', ['protected health information', 'phi']],
  ['Confidential', ['confidential']],
  ['Classified', ['classified']],
  ['Sensitive But Unclassified', ['sensitive but unclassified', 'sbu']],
  ['Controlled Unclassified Information', ['controlled unclassified information', 'cui']],
  ['Non-responsive', ['non-responsive', 'nonresponsive', 'not responsive', 'out of scope']],
  ['Duplicate', ['duplicate']],
  ['Name', ['name']],
  ['SSN', ['ssn']],
  ['Date of Birth', ['dob', 'date of birth']],
  ['Minor', ['minor']],
  ['Victim', ['victim']],
];

/** Abbreviations too common as words to be taken for a label on their own (still mapped when read as one). */
const NOT_ALONE = new Set(['it', 'pp']);

const CATEGORY_OF = new Map<string, string | null>(LABEL_CATEGORIES.flatMap(([cat, names]) => names.map((n) => [n, cat] as const)));
const PHRASE = new RegExp(
  String.raw`^(?:${[...CATEGORY_OF.keys()].filter((n) => !NOT_ALONE.has(n)).map((n) => n.replace(/[-\s]/g, '[-\\s]?')).join('|')})$`,
  'i',
);

/** Normalise a label candidate: collapse whitespace. */
export function normaliseLabel(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** A label without surrounding brackets, quotes, dashes or trailing dots. */
function trimmed(text: string): string {
  return normaliseLabel(text).replace(/^[[\]{}<>"'*\s-]+|[[\]{}<>"'*\s.-]+$/g, '');
}

/** True when `text` consists only of exemption codes and redaction phrases. */
export function isExemptionLabel(text: string): boolean {
  const t = trimmed(text);
  if (!t) return false;
  if (CODES.test(t) || PHRASE.test(t)) return true;
  // a sequence of labels separated by punctuation: "(b)(6); (b)(7)(C)", "REDACTED - (b)(6)", "HOM / Personal Privacy"
  const parts = t.split(/\s*(?:[,;/|–—]|\s-\s)\s*/).filter(Boolean);
  return parts.length > 1 && parts.every((p) => CODES.test(p) || PHRASE.test(p));
}

const DIGIT: Record<string, string> = { S: '5', s: '5', I: '1', l: '1', i: '1', '|': '1', O: '0', o: '0', Z: '2', z: '2', B: '8', G: '6', T: '7' };
/** What small print's ")(" between two parts of a code is read as. */
const JOINT = '[XxHhKkNnYyUuVv]';
const FED_READ = new RegExp(`^([bB8kKjJ])${JOINT}?([0-9SsIliOoZzGT|])(?:${JOINT}?([A-Fa-f]))?$`);

/**
 * The FOIA or Privacy Act exemption code an OCR reading stands for, in canonical form
 * ("(b)(7)(C)", "(k)(2)"), undoing the usual confusions of small print: ")(" read as "X", "H" or
 * "K", "5" as "S", "1" as "l", brackets lost ("b7C"). "Ex. 6" and "Exemption 7(C)" are FOIA codes
 * too. Undefined when the reading is not an exemption code.
 */
export function canonicalExemption(text: string): string | undefined {
  const ex = /^ex(?:emption|\.)?\s*(\d)\s*(?:\(?([A-Fa-f])\)?)?$/i.exec(text.trim());
  if (ex) return `(b)(${ex[1]})${ex[2] ? `(${ex[2].toUpperCase()})` : ''}`;
  // without brackets a code is written compactly ("b6", "b7C"): "k 4" read off a picture is not one
  if (!/[()[\]{}]/.test(text) && !/^\s*[bBkKjJ]\d[A-Fa-f]?\s*$/.test(text)) return undefined;
  const s = text.replace(/[()[\]{}\s.,;:'"‘’“”_-]/g, '');
  const m = FED_READ.exec(s);
  if (!m) return undefined;
  const digit = DIGIT[m[2]] ?? m[2];
  if (digit === '0' || digit === '8') return undefined; // no (b)(0), no (b)(8) in practice
  const letter = m[1].toLowerCase() === '8' ? 'b' : m[1].toLowerCase();
  // only exemption 7 has lettered parts; "b6E" is a misreading, not a code
  if (m[3] && !(letter === 'b' && digit === '7')) return undefined;
  return `(${letter})(${digit})${m[3] ? `(${m[3].toUpperCase()})` : ''}`;
}

/** A state-style code ("7(1)(c)", "7 (1) (c)") without its spaces; undefined for anything else. */
export function canonicalStateCode(text: string): string | undefined {
  const t = text.replace(/\s+/g, '');
  return new RegExp(`^${STATE}$`, 'i').test(t) ? t.replace(/\(([A-Za-z]+)\)/g, (_, l: string) => `(${l.toLowerCase()})`) : undefined;
}

/** The category of one part of a label: a code, a known phrase, null for a generic word, undefined if unknown. */
function partCategory(part: string): string | null | undefined {
  const t = trimmed(part);
  if (!t) return null;
  const code = canonicalExemption(t) ?? canonicalStateCode(t);
  if (code) return code;
  // "(b)(3):26 USC 6103": the code before the statute
  const statute = /^(.*?\d\)?)\s*[:\-]\s*[\w .§-]{1,30}$/.exec(t);
  if (statute) {
    const c = canonicalExemption(statute[1]);
    if (c) return c;
  }
  const phrase = t.toLowerCase().replace(/[‐-―]/g, '-').replace(/\s+/g, ' ');
  // "IT", "PP" are categories only in capitals: "it" is a word
  if (NOT_ALONE.has(phrase) && t !== t.toUpperCase()) return undefined;
  return CATEGORY_OF.has(phrase) ? CATEGORY_OF.get(phrase)! : undefined;
}

/**
 * The category a label stands for: canonical exemption codes ("b7C" and "(BX7XC)" are
 * "(b)(7)(C)"; "7 (1)(c)" is "7(1)(c)"), or the name of a known category ("HOM" is "Harm to
 * Ongoing Matter"). Several codes give them all, comma-separated, in the order read ("b6 b7C" is
 * "(b)(6), (b)(7)(C)"). Undefined for a label that says no reason ("REDACTED") or is unknown.
 */
export function labelCategory(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const whole = partCategory(label);
  if (whole !== undefined) return whole ?? undefined;
  const bySeparator = trimmed(label).split(/\s*(?:[,;/|&–—]|\s-\s|\sand\s)\s*/i).filter(Boolean);
  // codes written one after another without separators: "b6 b7C b7D", "(b)(6) (b)(7)(C)"
  const parts = bySeparator.flatMap((p) => (partCategory(p) === undefined ? p.split(/\s+/) : [p]));
  const cats = parts.map(partCategory);
  if (cats.some((c) => c === undefined)) return undefined;
  const known = [...new Set(cats.filter((c): c is string => Boolean(c)))];
  return known.length ? known.join(', ') : undefined;
}

/**
 * The exemption codes a reading holds, canonical and comma-separated ("b6 b7C" is "(b)(6),
 * (b)(7)(C)"), when it holds nothing but codes; undefined otherwise.
 */
export function exemptionCodes(text: string): string | undefined {
  const cat = labelCategory(text);
  if (!cat) return undefined;
  return cat.split(', ').every((c) => /^\([bkj]\)|^\d/.test(c)) ? cat : undefined;
}
