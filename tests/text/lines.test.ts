import { describe, expect, it } from 'vitest';
import type { PageLayout, Redaction } from '../../src/model.js';
import { buildPageLines, groupWordsIntoRows, redactionPlaceholder } from '../../src/text/lines.js';
import { findGutter, readColumns } from '../../src/text/columns.js';
import { bodyText, ocrWords, PAGE_H, PAGE_W, pageOf, shuffled, words } from './helpers.js';

const texts = (layout: PageLayout): string[] => buildPageLines(layout).map((l) => l.text);

describe('redactionPlaceholder', () => {
  it('is [REDACTED], with the label when there is one', () => {
    expect(redactionPlaceholder({})).toBe('[REDACTED]');
    expect(redactionPlaceholder({ label: '(b)(6)' })).toBe('[REDACTED (b)(6)]');
    expect(redactionPlaceholder({ label: ' (b)(7)(C) ' })).toBe('[REDACTED (b)(7)(C)]');
  });
});

describe('reading order', () => {
  it('orders lines top to bottom and words left to right, whatever the input order', () => {
    const layout = pageOf(1, ['first line of text', 'second line here', 'third and last']);
    layout.words = shuffled(layout.words);
    expect(texts(layout)).toEqual(['first line of text', 'second line here', 'third and last']);
  });

  it('keeps words of different sizes on one baseline together', () => {
    const layout: PageLayout = {
      page: 1,
      width: PAGE_W,
      height: PAGE_H,
      words: [...words('Big', 72, 100, { size: 14 }), ...words('small words', 100, 102, { size: 11 })],
      redactions: [],
    };
    expect(texts(layout)).toEqual(['Big small words']);
  });

  it('keeps slightly skewed OCR lines together and apart from their neighbours', () => {
    const layout: PageLayout = {
      page: 1,
      width: PAGE_W,
      height: PAGE_H,
      // 0.012 pt per pt: about 5 pt of drift across the line, half a line height.
      words: [
        ...ocrWords(bodyText(1), 72, 100, { skew: 0.012 }),
        ...ocrWords(bodyText(2), 72, 114, { skew: 0.012 }),
        ...ocrWords(bodyText(3), 72, 128, { skew: 0.012 }),
      ],
      redactions: [],
    };
    expect(texts(layout)).toEqual([bodyText(1), bodyText(2), bodyText(3)]);
  });

  it('groups rows by vertical closeness to the nearest word', () => {
    const rows = groupWordsIntoRows([...words('a b c', 72, 100), ...words('d e f', 72, 114)]);
    expect(rows.map((r) => r.map((w) => w.text).join(' ')).sort()).toEqual(['a b c', 'd e f']);
  });
});

describe('redaction placeholders in the flow', () => {
  it('puts an inline box at its position in the line', () => {
    // "The agent [box] met the source": box between "agent" and "met".
    const layout: PageLayout = {
      page: 1,
      width: PAGE_W,
      height: PAGE_H,
      words: [...words('The agent', 72, 100), ...words('met the source', 200, 100)],
      redactions: [{ id: 'p1-r1', page: 1, bbox: [130, 99, 195, 112], source: 'vector', style: 'solid', label: '(b)(6)' }],
    };
    expect(texts(layout)).toEqual(['The agent [REDACTED (b)(6)] met the source']);
  });

  it('places a box spanning several lines once, at its first line', () => {
    const layout = pageOf(1, [
      { text: 'Line one is visible' },
      { text: 'Line two starts', boxes: [{ x0: 200, x1: 540, rows: 3 }] },
      { text: 'Line three' },
      { text: 'Line four' },
      { text: 'Line five after the box' },
    ]);
    expect(texts(layout)).toEqual([
      'Line one is visible',
      'Line two starts [REDACTED]',
      'Line three',
      'Line four',
      'Line five after the box',
    ]);
  });

  it('gives a full-width box with no words beside it a line of its own, in place', () => {
    const layout = pageOf(1, [
      { text: 'Before the box' },
      { boxes: [{ x0: 72, x1: 540, rows: 2 }] },
      {},
      { text: 'After the box' },
    ]);
    expect(texts(layout)).toEqual(['Before the box', '[REDACTED]', 'After the box']);
  });

  it('puts side-by-side boxes of an otherwise empty line on one line', () => {
    const layout = pageOf(1, [{ text: 'Top' }, { boxes: [{ x0: 300, x1: 400 }, { x0: 72, x1: 250, label: '(b)(5)' }] }, { text: 'Bottom' }]);
    expect(texts(layout)).toEqual(['Top', '[REDACTED (b)(5)] [REDACTED]', 'Bottom']);
  });

  it('keeps a slightly taller one-line box on its own line, not the one above', () => {
    const layout: PageLayout = {
      page: 1,
      width: PAGE_W,
      height: PAGE_H,
      words: [...words('upper line', 72, 100), ...words('lower line', 72, 114)],
      redactions: [{ id: 'p1-r1', page: 1, bbox: [150, 111, 300, 127], source: 'vector', style: 'solid' }],
    };
    expect(texts(layout)).toEqual(['upper line', 'lower line [REDACTED]']);
  });
});

describe('two columns', () => {
  const columnPage = (): PageLayout => {
    const ws = [...words('A Two Column Newsletter Title Across', 150, 60, { size: 14 })];
    for (let i = 0; i < 12; i++) {
      ws.push(...words(`left ${i} column words here`, 72, 100 + i * 14));
      ws.push(...words(`right ${i} column words here`, 330, 100 + i * 14));
    }
    return { page: 1, width: PAGE_W, height: PAGE_H, words: ws, redactions: [] };
  };

  it('finds the gutter only when there is one', () => {
    const g = findGutter(columnPage().words.map((w) => w.bbox), PAGE_W, PAGE_H);
    expect(g).not.toBeNull();
    expect(g!.x0).toBeGreaterThanOrEqual(198);
    expect(g!.x1).toBeLessThan(330);
    const single = pageOf(1, Array.from({ length: 20 }, (_, i) => bodyText(i)));
    expect(findGutter(single.words.map((w) => w.bbox), PAGE_W, PAGE_H)).toBeNull();
  });

  it('reads the left column, then the right one, below a spanning title', () => {
    const lines = buildPageLines(columnPage());
    expect(lines[0].text).toBe('A Two Column Newsletter Title Across');
    expect(lines[0].region).toBe('full');
    expect(lines.slice(1, 13).map((l) => l.text)).toEqual(Array.from({ length: 12 }, (_, i) => `left ${i} column words here`));
    expect(lines.slice(13).map((l) => l.text)).toEqual(Array.from({ length: 12 }, (_, i) => `right ${i} column words here`));
    expect(lines[13].region).toBe('right');
  });

  it('splits rows at the gutter and flushes columns at spanning rows', () => {
    const t = (text: string, x0: number, y: number) => ({ text, bbox: [x0, y, x0 + 20, y + 10] as [number, number, number, number] });
    const parts = readColumns(
      [[t('L1', 10, 0), t('R1', 200, 0)], [t('L2', 10, 20)], [t('SPAN', 110, 40), t('X', 135, 40)], [t('L3', 10, 60), t('R3', 200, 60)]],
      { x0: 100, x1: 140 },
    );
    expect(parts.map((p) => p.tokens.map((x) => x.text).join(' '))).toEqual(['L1', 'L2', 'R1', 'SPAN X', 'L3', 'R3']);
  });
});

describe('line records', () => {
  it('carries page, size, a union box and token kinds', () => {
    const r: Redaction = { id: 'p2-r1', page: 2, bbox: [150, 99, 200, 112], source: 'annotation', style: 'solid' };
    const [line] = buildPageLines({ page: 2, width: 600, height: 800, words: words('Name', 72, 100), redactions: [r] });
    expect(line).toMatchObject({ page: 2, pageWidth: 600, pageHeight: 800, region: 'full', text: 'Name [REDACTED]' });
    expect(line.bbox).toEqual([72, 99, 200, 112]);
    expect(line.tokens.map((t) => t.kind)).toEqual(['word', 'redaction']);
  });

  it('returns no lines for an empty page', () => {
    expect(buildPageLines({ page: 1, width: PAGE_W, height: PAGE_H, words: [], redactions: [] })).toEqual([]);
  });
});
