/**
 * What a `POST /analyze` request asks for, read from its query string and `X-Redactmap-*` headers:
 * the analysis settings (validated with the one settings type, src/settings.ts), the output format
 * and the name recorded in the report. Every mistake is an HttpError (400) that names the value.
 */
import { resolveSettings, SettingsError, type SettingsInput } from '../settings.js';
import { HttpError } from './http-errors.js';

/** Formats of `format=`: the JSON report, the Markdown report, the review page (HTML). */
export const SERVE_FORMATS = ['json', 'markdown', 'html'] as const;
export type ServeFormat = (typeof SERVE_FORMATS)[number];

/** Parameters a request may give, as `?name=value` or as the header `X-Redactmap-Name`. */
export const REQUEST_PARAMETERS = ['ocr', 'dpi', 'password', 'format', 'filename'] as const;
type Parameter = (typeof REQUEST_PARAMETERS)[number];
export const HEADER_PREFIX = 'x-redactmap-';

export interface AnalyzeRequestOptions {
  /** Request-level settings (password, ocr, dpi), already validated. */
  settings: Pick<SettingsInput, 'password' | 'ocr' | 'dpi'>;
  format: ServeFormat;
  /** Name recorded as the report's file.path, when the request gives one. */
  filename?: string;
}

type Headers = Record<string, string | string[] | undefined>;

/** The parameters given, each once: from the query string or from a header, never both. */
export function readParameters(query: Record<string, unknown>, headers: Headers): Partial<Record<Parameter, string>> {
  const known = new Set<string>(REQUEST_PARAMETERS);
  const out: Partial<Record<Parameter, string>> = {};
  const take = (name: string, value: unknown, where: string) => {
    if (!known.has(name)) throw new HttpError(400, 'bad-request', `unknown parameter ${where} (known: ${REQUEST_PARAMETERS.join(', ')})`);
    if (Array.isArray(value)) throw new HttpError(400, 'bad-request', `${name} given more than once`);
    if (out[name as Parameter] !== undefined) throw new HttpError(400, 'bad-request', `${name} given twice (query string and header)`);
    out[name as Parameter] = String(value);
  };
  for (const [name, value] of Object.entries(query)) take(name, value, `"${name}"`);
  for (const [header, value] of Object.entries(headers)) {
    if (header.startsWith(HEADER_PREFIX) && value !== undefined) take(header.slice(HEADER_PREFIX.length), value, `header ${header}`);
  }
  return out;
}

/** Parse and validate a request's parameters. */
export function requestOptions(query: Record<string, unknown>, headers: Headers): AnalyzeRequestOptions {
  const p = readParameters(query, headers);
  const format = p.format ?? 'json';
  if (!(SERVE_FORMATS as readonly string[]).includes(format)) {
    throw new HttpError(400, 'bad-setting', `format: must be one of ${SERVE_FORMATS.join(', ')} (got "${format}")`);
  }
  const settings: AnalyzeRequestOptions['settings'] = {};
  if (p.password !== undefined) settings.password = p.password;
  if (p.ocr !== undefined) settings.ocr = p.ocr as SettingsInput['ocr'];
  if (p.dpi !== undefined) settings.dpi = /^\d+$/.test(p.dpi) ? Number(p.dpi) : (p.dpi as unknown as number);
  try {
    resolveSettings(settings);
  } catch (e) {
    if (e instanceof SettingsError) throw new HttpError(400, 'bad-setting', e.message);
    throw e;
  }
  return { settings, format: format as ServeFormat, ...(p.filename ? { filename: p.filename } : {}) };
}
