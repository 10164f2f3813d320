import { describe, expect, it } from 'vitest';
import { describeLine } from '../../src/text/features.js';
import { buildPageLines } from '../../src/text/lines.js';
import { measureTypography } from '../../src/text/stats.js';
import { titleBlockLength, titleBlockTitle } from '../../src/text/title-block.js';
import { pageOf, paragraph, type RowSpec } from './helpers.js';

function block(rows: RowSpec[]): [number, string] {
  const lines = buildPageLines(pageOf(1, rows));
  const typo = measureTypography(lines);
  const n = titleBlockLength(lines, lines.map((l) => describeLine(l, typo)));
  return [n, titleBlockTitle(lines, n)];
}

describe('title block', () => {
  it('is the run of centred unnumbered lines on top of the first page', () => {
    expect(
      block([
        { text: 'MEMORANDUM OF UNDERSTANDING', x: 'centre', bold: true },
        { text: 'between', x: 'centre' },
        { text: 'THE AGENCIES', x: 'centre' },
        ...paragraph(1, 3),
        { text: 'CENTRED LATER', x: 'centre' },
      ]),
    ).toEqual([3, 'MEMORANDUM OF UNDERSTANDING between THE AGENCIES']);
  });

  it('is empty when the document opens with body text or a numbered heading', () => {
    expect(block([...paragraph(1, 3), { text: 'CENTRED', x: 'centre' }])).toEqual([0, '']);
    expect(block([{ text: 'I. PURPOSE', x: 'centre', bold: true }, ...paragraph(1, 3)])).toEqual([0, '']);
  });
});
