/**
 * Reports before and after a speed change must be byte-identical. This takes a snapshot (every
 * corpus file and both samples through bin/redactmap analyze --json, one at a time) and compares
 * two snapshots file by file.
 *
 *   node --import tsx scripts/bench/snapshot.ts take DIR [-- extra analyze args]
 *   node --import tsx scripts/bench/snapshot.ts compare DIR_A DIR_B [--ignore ocrEngine]
 *   node --import tsx scripts/bench/snapshot.ts counts DIR_A DIR_B      (a table of what changed)
 *
 * The corpus is REDACTMAP_CORPUS (skipped with a note when unset). `--ignore KEY` drops that key
 * everywhere before comparing (e.g. a field added on purpose), and says how often it differed.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

function inputs(): string[] {
  const files = [path.join(root, 'samples', 'mou-redacted.pdf'), path.join(root, 'samples', 'mou-scanned.pdf')];
  const corpus = process.env.REDACTMAP_CORPUS;
  if (corpus && existsSync(corpus)) {
    files.push(...readdirSync(corpus).filter((f) => f.toLowerCase().endsWith('.pdf')).sort().map((f) => path.join(corpus, f)));
  } else console.error('REDACTMAP_CORPUS unset: samples only');
  return files;
}

function take(dir: string, extra: string[]): void {
  mkdirSync(dir, { recursive: true });
  for (const file of inputs()) {
    const name = path.basename(file, '.pdf');
    const t0 = Date.now();
    const r = spawnSync(process.execPath, [path.join(root, 'bin', 'redactmap'), 'analyze', file, '--json', ...extra], { maxBuffer: 1 << 30, encoding: 'utf8' });
    writeFileSync(path.join(dir, `${name}.json`), r.stdout);
    console.log(`${name}\texit ${r.status}\t${((Date.now() - t0) / 1000).toFixed(1)} s${r.stderr ? `\t${r.stderr.trim().split('\n')[0]}` : ''}`);
  }
}

function strip(v: unknown, keys: Set<string>, seen: { n: number }): unknown {
  if (Array.isArray(v)) return v.map((x) => strip(x, keys, seen));
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      if (keys.has(k)) seen.n++;
      else out[k] = strip(x, keys, seen);
    }
    return out;
  }
  return v;
}

function compare(a: string, b: string, ignore: Set<string>): number {
  let differ = 0;
  const names = readdirSync(a).filter((f) => f.endsWith('.json')).sort();
  for (const name of names) {
    const pa = path.join(a, name);
    const pb = path.join(b, name);
    if (!existsSync(pb)) {
      console.log(`${name}: missing in ${b}`);
      differ++;
      continue;
    }
    const ta = readFileSync(pa, 'utf8');
    const tb = readFileSync(pb, 'utf8');
    if (ta === tb) {
      console.log(`${name}: identical`);
      continue;
    }
    if (ignore.size) {
      const sa = { n: 0 }, sb = { n: 0 };
      const ja = JSON.stringify(strip(JSON.parse(ta), ignore, sa));
      const jb = JSON.stringify(strip(JSON.parse(tb), ignore, sb));
      if (ja === jb) {
        console.log(`${name}: identical but for ${[...ignore].join(', ')} (${sa.n} vs ${sb.n} occurrences)`);
        continue;
      }
    }
    const la = ta.split('\n'), lb = tb.split('\n');
    const i = la.findIndex((l, k) => l !== lb[k]);
    console.log(`${name}: DIFFERS from line ${i + 1}: ${la[i]?.trim()} | ${lb[i]?.trim()}`);
    differ++;
  }
  console.log(differ ? `${differ} of ${names.length} differ` : `all ${names.length} identical`);
  return differ;
}

interface Counts {
  redactions: string;
  labels: number;
  leaks: number;
  sections: string;
  words: number;
  engine: string;
}

/** What a reader of the report counts: redactions (vector/annotation/raster), labels, leaks, sections (readable/partial/redacted/unread), visible words. */
function counts(file: string): Counts {
  const r = JSON.parse(readFileSync(file, 'utf8')) as {
    pages: { redactions: { source: string; label?: string }[]; text: string; ocrEngine?: string }[];
    leaks: unknown[];
    sections: { status: string }[];
  };
  const red = r.pages.flatMap((p) => p.redactions);
  const by = (src: string) => red.filter((x) => x.source === src).length;
  const st = (status: string) => r.sections.filter((x) => x.status === status).length;
  return {
    redactions: `${red.length} (${by('vector')}/${by('annotation')}/${by('raster')})`,
    labels: red.filter((x) => x.label).length,
    leaks: r.leaks.length,
    sections: `${r.sections.length} (${st('readable')}/${st('partial')}/${st('redacted')}/${st('unread')})`,
    words: r.pages.reduce((n, p) => n + p.text.replace(/\[REDACTED[^\]]*\]/g, ' ').split(/\s+/).filter(Boolean).length, 0),
    engine: [...new Set(r.pages.map((p) => p.ocrEngine).filter(Boolean))].join(',') || '-',
  };
}

function countTable(a: string, b: string): void {
  console.log('| file | redactions v/a/r | labels | leaks | sections R/P/X/U | words | engine |');
  console.log('|---|---|---|---|---|---|---|');
  for (const name of readdirSync(a).filter((f) => f.endsWith('.json')).sort()) {
    if (!existsSync(path.join(b, name))) continue;
    const x = counts(path.join(a, name));
    const y = counts(path.join(b, name));
    const cell = (k: keyof Counts) => (x[k] === y[k] ? String(x[k]) : `${x[k]} → ${y[k]}`);
    console.log(`| ${name.replace(/\.json$/, '')} | ${cell('redactions')} | ${cell('labels')} | ${cell('leaks')} | ${cell('sections')} | ${cell('words')} | ${cell('engine')} |`);
  }
}

const [mode, ...rest] = process.argv.slice(2);
if (mode === 'take' && rest[0]) take(rest[0], rest.slice(1).filter((x) => x !== '--'));
else if (mode === 'compare' && rest[0] && rest[1]) {
  const ignore = new Set<string>();
  for (let i = 2; i < rest.length; i++) if (rest[i] === '--ignore' && rest[i + 1]) ignore.add(rest[++i]);
  process.exitCode = compare(rest[0], rest[1], ignore) ? 1 : 0;
} else if (mode === 'counts' && rest[0] && rest[1]) countTable(rest[0], rest[1]);
else {
  console.error('usage: snapshot.ts take DIR [-- args] | compare DIR_A DIR_B [--ignore KEY] | counts DIR_A DIR_B');
  process.exitCode = 2;
}
