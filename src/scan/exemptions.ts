/**
 * Exemption labels: the short texts printed on a redaction box to say why it was withheld.
 * A box whose only text on top is a label is still a redaction; text under a box that is only a
 * label (some tools leave the word "REDACTED" under the box) is not a leak.
 */

// FOIA / Privacy Act exemption codes: (b)(6), (b)(7)(C), b6, b7c, (b)(3):26 USC 6103, Ex. 5, (k)(2)
const CODE = String.raw`(?:\(?[bk]\)?\s*\(?\d\)?(?:\s*\(?[a-f]\)?)?(?:\s*[:\-]\s*[\w .§-]{0,30})?|ex(?:emption|\.)?\s*\d(?:\s*\(?[a-f]\)?)?)`;
const CODES = new RegExp(String.raw`^(?:${CODE})(?:\s*[,;&/]?\s*(?:and\s+)?${CODE})*$`, 'i');

const PHRASES = [
  'redacted',
  'redaction',
  'withheld',
  'sealed',
  'under seal',
  'filed under seal',
  'privileged',
  'privilege',
  'attorney[- ]client',
  'attorney[- ]client privilege(?:d)?',
  'attorney work product',
  'work product',
  'deliberative process',
  'harm to ongoing matter',
  'hom',
  'personal privacy',
  'investigative technique',
  'grand jury',
  'pii',
  'phi',
  'confidential',
  'classified',
  'non-responsive',
  'nonresponsive',
  'not responsive',
  'out of scope',
  'duplicate',
  'privacy',
  'law enforcement sensitive',
  'les',
  'sbu',
  'cui',
  'ssn',
  'dob',
  'name',
  'minor',
  'victim',
];
const PHRASE = new RegExp(String.raw`^(?:${PHRASES.join('|')})$`, 'i');

/** Normalise a label candidate: collapse whitespace, drop surrounding brackets and punctuation. */
export function normaliseLabel(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** True when `text` consists only of exemption codes and redaction phrases. */
export function isExemptionLabel(text: string): boolean {
  const t = normaliseLabel(text).replace(/^[\[\]{}<>"'*\s-]+|[\[\]{}<>"'*\s.-]+$/g, '');
  if (!t) return false;
  if (CODES.test(t) || PHRASE.test(t)) return true;
  // a sequence of labels separated by punctuation: "(b)(6); (b)(7)(C)", "REDACTED - (b)(6)", "HOM / Personal Privacy"
  const parts = t.split(/\s*(?:[,;/|–—]|\s-\s)\s*/).filter(Boolean);
  return parts.length > 1 && parts.every((p) => CODES.test(p) || PHRASE.test(p));
}

const DIGIT: Record<string, string> = { S: '5', s: '5', I: '1', l: '1', i: '1', '|': '1', O: '0', o: '0', Z: '2', z: '2', B: '8', G: '6', T: '7' };

/**
 * The FOIA exemption code an OCR reading stands for, in canonical form ("(b)(7)(C)"), undoing the
 * usual confusions of small white print: ")(" read as "X", "5" as "S", "1" as "l", brackets lost.
 * Undefined when the reading is not an exemption code.
 */
export function canonicalExemption(text: string): string | undefined {
  const s = text.replace(/[()[\]{}\s.,;:'"‘’“”_-]/g, '').replace(/[Xx]/g, '');
  const m = /^[bB8]([0-9SsIliOoZzGT|])([A-Fa-f])?$/.exec(s);
  if (!m) return undefined;
  const digit = DIGIT[m[1]] ?? m[1];
  if (digit === '0' || digit === '8') return undefined; // no (b)(0), no (b)(8) in practice
  return `(b)(${digit})${m[2] ? `(${m[2].toUpperCase()})` : ''}`;
}
