/**
 * The OCR engine behind the scan stage, chosen by the `ocrEngine` setting:
 *
 * - `native`: the `tesseract` program (Debian's tesseract-ocr), see ocr-native.ts;
 * - `wasm`: tesseract.js (WebAssembly, in worker threads), see ocr-pool.ts;
 * - `auto` (default): native when a usable `tesseract` (5 or newer, with English) is installed,
 *   else tesseract.js.
 *
 * Both engines take the same grey images (boxes already masked) and give the same word boxes
 * (tesseract's TSV), so the rest of the pipeline does not know which one read a page; the report
 * says it per page (`ocrEngine`). Each engine's module is imported only when a page needs OCR:
 * a born-digital analysis loads neither.
 */
import { execFile } from 'node:child_process';
import type { OcrEngineChoice } from '../settings.js';
import { AnalysisError } from '../errors.js';
import type { GreyImage } from './render.js';
import type { OcrRecognizeOptions, OcrWord } from './ocr-pool.js';

/** Names an engine goes by in the report (`pages[].ocrEngine`). */
export type OcrEngineName = 'tesseract.js' | 'tesseract';

/** What the scan stage needs from an OCR engine: a pool of `size` workers reading grey images. */
export interface OcrEngine {
  readonly name: OcrEngineName;
  /** Workers (pages recognised at once). */
  readonly size: number;
  /** Recognise a grey image (or a rectangle of it); words in reading order. */
  recognize(img: GreyImage, opts?: OcrRecognizeOptions): Promise<OcrWord[]>;
  /** Stop every worker; queued jobs are rejected. Safe to call twice. */
  terminate(): Promise<void>;
}

/** Oldest tesseract program used: 5 flushes its TSV after every page of a streamed file list. */
export const MIN_NATIVE_TESSERACT_MAJOR = 5;

export interface NativeTesseract {
  /** The program, as found on PATH. */
  program: string;
  version: string;
}

let probe: Promise<NativeTesseract | string> | undefined;

function run(program: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(program, args, { timeout: 10_000, env: { ...process.env, OMP_THREAD_LIMIT: '1' } }, (err, stdout, stderr) =>
      err ? reject(err) : resolve(`${stdout}\n${stderr}`),
    ),
  );
}

/**
 * The installed tesseract program when it can serve as the native engine (version 5 or newer, the
 * English model present), else the reason it cannot (one line). Probed once per process.
 */
export function findNativeTesseract(program = 'tesseract'): Promise<NativeTesseract | string> {
  if (program !== 'tesseract') return probeTesseract(program);
  return (probe ??= probeTesseract(program));
}

async function probeTesseract(program: string): Promise<NativeTesseract | string> {
  let version: string;
  try {
    version = /tesseract\s+v?(\d+\.\d+(?:\.\d+)?)/i.exec(await run(program, ['--version']))?.[1] ?? '';
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `the ${program} program is not installed (apt-get install tesseract-ocr)` : `${program} --version failed (${String(code ?? e)})`;
  }
  if (!version) return `cannot tell the version of ${program}`;
  if (Number(version.split('.')[0]) < MIN_NATIVE_TESSERACT_MAJOR) {
    return `${program} ${version} is too old (the native engine needs ${MIN_NATIVE_TESSERACT_MAJOR} or newer)`;
  }
  try {
    const langs = await run(program, ['--list-langs']);
    if (!/^eng$/m.test(langs)) return `${program} has no English model (apt-get install tesseract-ocr-eng)`;
  } catch {
    return `${program} --list-langs failed`;
  }
  return { program, version };
}

/**
 * Start an OCR engine of `size` workers. `auto` falls back to tesseract.js when the native
 * program is missing, too old or fails to start; `native` then fails with the reason.
 */
export async function startOcrEngine(size: number, choice: OcrEngineChoice = 'auto', opts: { program?: string } = {}): Promise<OcrEngine> {
  if (choice !== 'wasm') {
    const native = await findNativeTesseract(opts.program);
    if (typeof native !== 'string') {
      const { NativeOcrPool } = await import('./ocr-native.js');
      try {
        return await NativeOcrPool.create(size, { program: native.program });
      } catch (e) {
        if (choice === 'native') throw e;
      }
    } else if (choice === 'native') {
      throw new AnalysisError('internal', `OCR engine "native" unavailable: ${native}`);
    }
  }
  const { OcrPool } = await import('./ocr-pool.js');
  return OcrPool.create(size);
}
