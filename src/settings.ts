/**
 * The analysis settings: one type that travels from the command line (or the library call, the
 * batch runner, a worker process) down through the pipeline, instead of options re-declared in
 * each layer. `resolveSettings` checks values where they enter (CLI flags, library options);
 * the defaults live here and nowhere else.
 */
import os from 'node:os';

export const OCR_MODES = ['auto', 'always', 'never'] as const;
export type OcrMode = (typeof OCR_MODES)[number];

/** OCR engine: the tesseract program when installed (auto), tesseract.js (wasm), or the program only (native). */
export const OCR_ENGINE_CHOICES = ['auto', 'wasm', 'native'] as const;
export type OcrEngineChoice = (typeof OCR_ENGINE_CHOICES)[number];
/** Environment variable giving the OCR engine when the caller does not (CLI, library, batch workers). */
export const OCR_ENGINE_ENV = 'REDACTMAP_OCR_ENGINE';

/** Range of --dpi (the render resolution of scans whose own resolution cannot be read). */
export const DPI_RANGE = { min: 72, max: 600 } as const;
export const DEFAULT_DPI = 300;

/** Memory ceiling of one analysis, MiB (--max-memory): 1.5 GiB. */
export const DEFAULT_MAX_MEMORY_MB = 1536;
/** The smallest ceiling accepted: below it pdf.js and one OCR worker do not fit. */
export const MIN_MEMORY_MB = 256;
/** Time limit of one analysis, seconds (--timeout); 0 for none. */
export const DEFAULT_TIMEOUT_SECONDS = 300;

/**
 * Named limits on the work one file can make the analysis do (README "Limits"). A page over a
 * per-page limit is skipped (its text source is none, `unread: "skipped"`, and a warning says why);
 * whatever else is skipped is a warning too, never silence.
 */
export const LIMITS = {
  /** Operators in one page's content. Real filings stay under 10,000; vector maps reach ~100,000. */
  maxOperatorsPerPage: 1_000_000,
  /** Form XObjects nested in one another; what is drawn deeper is skipped. Real filings: 3. */
  maxFormDepth: 64,
  /** Pixels of one image (pdf.js `maxImageSize`): larger images are not decoded. A 600-dpi tabloid scan is 67 MP. */
  maxImagePixels: 100_000_000,
  /** Pages rendered (scans, pages to OCR) per file; later ones are skipped. */
  maxRenderedPages: 1000,
  /** Dark filled boxes (redaction candidates) on one page, duplicates counted once. */
  maxBoxesPerPage: 20_000,
} as const;

/** Settings as given (every field optional). */
export interface SettingsInput {
  /** Password for encrypted PDFs. */
  password?: string;
  /** OCR policy: auto uses a usable text layer and OCRs the rest; always OCRs every page; never OCRs. */
  ocr?: OcrMode;
  /** Render resolution for scanned pages whose own resolution cannot be read. */
  dpi?: number;
  /** OCR engine (src/scan/ocr-engine.ts). Default: $REDACTMAP_OCR_ENGINE, else auto. */
  ocrEngine?: OcrEngineChoice;
  /** OCR workers for one file (and pages rendered at once). Default: number of cores. */
  jobs?: number;
  /** Memory ceiling of one analysis, MiB: enforced on the worker process that runs it (see batch/isolated.ts). */
  maxMemoryMb?: number;
  /** Time limit of one analysis, seconds; 0 for none. */
  timeoutSeconds?: number;
  maxOperatorsPerPage?: number;
  maxFormDepth?: number;
  maxImagePixels?: number;
  maxRenderedPages?: number;
  maxBoxesPerPage?: number;
}

/** Settings with their defaults filled in. */
export type Settings = Required<Omit<SettingsInput, 'password' | 'jobs'>> & Pick<SettingsInput, 'password' | 'jobs'>;

export class SettingsError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

/**
 * How each setting is checked: a reason when the value is wrong. Plain checks rather than a schema
 * library: the settings are checked by every process at its start (the CLI before anything else),
 * and zod's import alone costs ~150 ms there (measured).
 */
type Check = (value: unknown, name: string) => string | undefined;
/** A wrong type names the setting ("dpi: must be a whole number"); a value out of range gets the option's own message. */
const wholeAtLeast =
  (min: number, message: string, max = Infinity): Check =>
  (v, name) =>
    typeof v !== 'number' || !Number.isInteger(v) ? `${name}: must be a whole number` : v < min || v > max ? message : undefined;
const oneOf =
  (choices: readonly string[], message: string): Check =>
  (v) =>
    typeof v === 'string' && choices.includes(v) ? undefined : message;
const limit = (name: string, min: number): Check => wholeAtLeast(min, `${name} must be a whole number of at least ${min}`);

const CHECKS: { [K in keyof SettingsInput]-?: Check } = {
  password: (v, name) => (typeof v === 'string' ? undefined : `${name}: must be a string`),
  ocr: oneOf(OCR_MODES, `ocr: must be one of ${OCR_MODES.join(', ')}`),
  dpi: wholeAtLeast(DPI_RANGE.min, `--dpi must be between ${DPI_RANGE.min} and ${DPI_RANGE.max}`, DPI_RANGE.max),
  ocrEngine: oneOf(OCR_ENGINE_CHOICES, `--ocr-engine must be one of ${OCR_ENGINE_CHOICES.join(', ')}`),
  jobs: wholeAtLeast(1, '--jobs must be at least 1'),
  maxMemoryMb: wholeAtLeast(MIN_MEMORY_MB, `--max-memory must be at least ${MIN_MEMORY_MB} MiB`),
  timeoutSeconds: (v, name) =>
    typeof v !== 'number' ? `${name}: must be a number` : Number.isFinite(v) && v >= 0 ? undefined : '--timeout must be a number of seconds (0 for no limit)',
  maxOperatorsPerPage: limit('maxOperatorsPerPage', 1000),
  maxFormDepth: limit('maxFormDepth', 1),
  maxImagePixels: limit('maxImagePixels', 1_000_000),
  maxRenderedPages: limit('maxRenderedPages', 1),
  maxBoxesPerPage: limit('maxBoxesPerPage', 100),
};

const DEFAULTS: Omit<Settings, 'password' | 'jobs'> = {
  ocr: 'auto',
  dpi: DEFAULT_DPI,
  ocrEngine: 'auto',
  maxMemoryMb: DEFAULT_MAX_MEMORY_MB,
  timeoutSeconds: DEFAULT_TIMEOUT_SECONDS,
  ...LIMITS,
};

/**
 * Fill in the defaults; a value out of range is a SettingsError with a one-line reason that names
 * the setting (all wrong values, joined by "; "). Keys that are not settings are dropped.
 */
export function resolveSettings(input: SettingsInput = {}): Settings {
  const env = process.env[OCR_ENGINE_ENV];
  if (input.ocrEngine === undefined && env) {
    if (!(OCR_ENGINE_CHOICES as readonly string[]).includes(env)) throw new SettingsError(`${OCR_ENGINE_ENV} must be one of ${OCR_ENGINE_CHOICES.join(', ')}`);
    input = { ...input, ocrEngine: env as OcrEngineChoice };
  }
  const settings: Record<string, unknown> = { ...DEFAULTS };
  const wrong: string[] = [];
  for (const key of Object.keys(CHECKS) as (keyof SettingsInput)[]) {
    const value = input[key];
    if (value === undefined) continue;
    const why = CHECKS[key](value, key);
    if (why) wrong.push(why);
    else settings[key] = value;
  }
  if (wrong.length) throw new SettingsError(wrong.join('; '));
  return settings as unknown as Settings;
}

/** Memory one analysis needs besides OCR (pdf.js, a rendered page), and one OCR worker's, MiB (measured: ~370 and ~100). */
export const ANALYSIS_BASE_MB = 512;
export const OCR_WORKER_MB = 128;

/**
 * OCR workers for one file: the setting, else the number of cores; never more than fit in the
 * memory ceiling beside the rest of the analysis (at least one).
 */
export function ocrJobs(settings: Settings): number {
  const fit = Math.max(1, Math.floor((settings.maxMemoryMb - ANALYSIS_BASE_MB) / OCR_WORKER_MB));
  return Math.min(settings.jobs ?? os.availableParallelism(), fit);
}
