/** `redactmap analyze --checks`: what an analysis checks, from the report schema's own kind list. */
import { LEAK_KIND_INFO, NOTICE_KIND_INFO } from '../report-constants.js';

/** Wrap `text` to `width` columns, every line after the first indented by `indent`. */
function wrap(text: string, width: number, indent: number): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width - indent) {
      out.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push(line);
  return out.join('\n' + ' '.repeat(indent));
}

function entries(info: Record<string, string>, width: number): string[] {
  const col = 2 + Math.max(...Object.keys(info).map((k) => k.length)) + 2;
  return Object.entries(info).map(([k, v]) => `  ${k.padEnd(col - 2)}${wrap(v, width, col)}`);
}

export function formatChecks(width = 100): string {
  return [
    'What `redactmap analyze` checks.',
    '',
    wrap(
      'Redactions on every page: dark vector boxes, white or coloured boxes over live text, Redact and dark or white Square/FreeText annotations, marker ink, and boxes burned into scans.',
      width,
      0,
    ),
    '',
    'Leaks (any of them makes --fail-on-leak exit with code 3):',
    ...entries(LEAK_KIND_INFO, width),
    '',
    'Notices (reported, never a failure):',
    ...entries(NOTICE_KIND_INFO, width),
    '',
  ].join('\n');
}
