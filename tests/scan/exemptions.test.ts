/**
 * Labels normalised into categories: exemption codes in canonical form whatever OCR made of them,
 * known category names whatever their abbreviation; labels that say no reason have no category.
 */
import { describe, expect, it } from 'vitest';
import { canonicalExemption, exemptionCodes, isExemptionLabel, labelCategory } from '../../src/scan/exemptions.js';
import { looksLikeCode } from '../../src/scan/box-labels.js';

describe('canonical exemption codes', () => {
  it.each([
    ['(b)(6)', '(b)(6)'],
    ['(BX7XC)', '(b)(7)(C)'],
    ['(bX7HE)', '(b)(7)(E)'],
    ['(bY(7)E)', '(b)(7)(E)'],
    ['(b7)(E)', '(b)(7)(E)'],
    ['b7C', '(b)(7)(C)'],
    ['b)(6)', '(b)(6)'],
    ['(k)(2)', '(k)(2)'],
    ['Ex. 5', '(b)(5)'],
    ['Exemption 7(C)', '(b)(7)(C)'],
  ])('%s → %s', (read, code) => expect(canonicalExemption(read)).toBe(code));
  it.each(['(b)(6)E', 'b6E', '(b)(0)', 'HOM', 'bad', 'k 4', 'b 6 x'])('%s is no code', (read) => expect(canonicalExemption(read)).toBeUndefined());
});

describe('label categories', () => {
  it.each([
    ['Harm to Ongoing Matter', 'Harm to Ongoing Matter'],
    ['HOM', 'Harm to Ongoing Matter'],
    ['(BX7XC)', '(b)(7)(C)'],
    ['b7C', '(b)(7)(C)'],
    ['b6 b7C b7D', '(b)(6), (b)(7)(C), (b)(7)(D)'],
    ['(b)(6); (b)(7)(C)', '(b)(6), (b)(7)(C)'],
    ['REDACTED - (b)(6)', '(b)(6)'],
    ['HOM / Personal Privacy', 'Harm to Ongoing Matter, Personal Privacy'],
    ['7(1)(c)', '7(1)(c)'],
    ['7 (1)(c)', '7(1)(c)'],
    ['(b)(3):26 USC 6103', '(b)(3)'],
    ['IT', 'Investigative Technique'],
    ['Non-responsive', 'Non-responsive'],
  ])('%s → %s', (label, category) => expect(labelCategory(label)).toBe(category));
  it.each(['REDACTED', '[REDACTED', 'Withheld', 'it', 'John Smith', 'rd', ''])('%s has no category', (label) =>
    expect(labelCategory(label)).toBeUndefined());

  it('codes only: a label with a phrase in it is not a list of codes', () => {
    expect(exemptionCodes('b6 b7C')).toBe('(b)(6), (b)(7)(C)');
    expect(exemptionCodes('HOM')).toBeUndefined();
    expect(exemptionCodes('(b)(6) Personal Privacy')).toBeUndefined();
  });

  it('state-style codes are labels', () => {
    expect(isExemptionLabel('7(1)(c)')).toBe(true);
    expect(isExemptionLabel('b6 b7C b7D')).toBe(true);
  });
});

describe('readings that look like a code get a second, code-only reading', () => {
  it.each(['(bX7HE)', '(b)(?)(E)', '(bX)', 'b6', '7(1)(c)', '(BX7XC)'])('%s looks like a code', (t) => expect(looksLikeCode(t)).toBe(true));
  it.each(['REDACTED', 'Harm to Ongoing Matter', 'by request', 'bad', 'HOM'])('%s does not', (t) => expect(looksLikeCode(t)).toBe(false));
});
