/**
 * The analysis settings: one type that travels from the command line (or the library call, the
 * batch runner, a worker process) down through the pipeline, instead of options re-declared in
 * each layer. `settingsSchema` validates values where they enter (CLI flags, library options);
 * the defaults live here and nowhere else.
 */
import os from 'node:os';
import { z } from 'zod';

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

export const settingsSchema = z.object({
  /** Password for encrypted PDFs. */
  password: z.string().optional(),
  /** OCR policy: auto uses a usable text layer and OCRs the rest; always OCRs every page; never OCRs. */
  ocr: z.enum(OCR_MODES).default('auto'),
  /** Render resolution for scanned pages whose own resolution cannot be read. */
  dpi: z
    .number()
    .int()
    .min(DPI_RANGE.min, `--dpi must be between ${DPI_RANGE.min} and ${DPI_RANGE.max}`)
    .max(DPI_RANGE.max, `--dpi must be between ${DPI_RANGE.min} and ${DPI_RANGE.max}`)
    .default(DEFAULT_DPI),
  /** OCR engine (src/scan/ocr-engine.ts). Default: $REDACTMAP_OCR_ENGINE, else auto. */
  ocrEngine: z.enum(OCR_ENGINE_CHOICES, `--ocr-engine must be one of ${OCR_ENGINE_CHOICES.join(', ')}`).default('auto'),
  /** OCR workers for one file (and pages rendered at once). Default: number of cores. */
  jobs: z.number().int().min(1, '--jobs must be at least 1').optional(),
});

/** Settings as given (every field optional). */
export type SettingsInput = z.input<typeof settingsSchema>;
/** Settings with their defaults filled in. */
export type Settings = z.output<typeof settingsSchema>;

export class SettingsError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'SettingsError';
  }
}

/**
 * Fill in the defaults; a value out of range is a SettingsError with a one-line reason that names
 * the setting (the message itself when it does, as "--dpi must be ...", else "ocr: <reason>").
 */
export function resolveSettings(input: SettingsInput = {}): Settings {
  const env = process.env[OCR_ENGINE_ENV];
  if (input.ocrEngine === undefined && env) {
    if (!(OCR_ENGINE_CHOICES as readonly string[]).includes(env)) throw new SettingsError(`${OCR_ENGINE_ENV} must be one of ${OCR_ENGINE_CHOICES.join(', ')}`);
    input = { ...input, ocrEngine: env as OcrEngineChoice };
  }
  const r = settingsSchema.safeParse(input);
  if (!r.success) throw new SettingsError(r.error.issues.map(namedIssue).join('; '));
  return r.data;
}

function namedIssue(issue: { path: PropertyKey[]; message: string }): string {
  const name = issue.path.map(String).join('.');
  return !name || issue.message.includes(name) ? issue.message : `${name}: ${issue.message}`;
}

/** OCR workers for one file: the setting, else the number of cores. */
export function ocrJobs(settings: Settings): number {
  return settings.jobs ?? os.availableParallelism();
}
