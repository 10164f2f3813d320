/** resolveSettings: the one place that fills in defaults and checks the settings' ranges (src/settings.ts). */
import { describe, expect, it } from 'vitest';
import { DEFAULT_DPI, DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS, LIMITS, resolveSettings, SettingsError, type SettingsInput } from '../src/settings.js';

const reason = (input: SettingsInput): string => {
  try {
    resolveSettings(input);
  } catch (e) {
    expect(e).toBeInstanceOf(SettingsError);
    return (e as Error).message;
  }
  throw new Error('no SettingsError');
};

describe('resolveSettings', () => {
  it('fills in every default and keeps what is given', () => {
    const s = resolveSettings({ ocr: 'never', dpi: 200, jobs: 3, password: 'pw', ocrEngine: 'wasm' });
    expect(s).toMatchObject({ ocr: 'never', dpi: 200, jobs: 3, password: 'pw', ocrEngine: 'wasm', maxMemoryMb: DEFAULT_MAX_MEMORY_MB, timeoutSeconds: DEFAULT_TIMEOUT_SECONDS, ...LIMITS });
    expect(resolveSettings({ ocrEngine: 'wasm' })).toMatchObject({ ocr: 'auto', dpi: DEFAULT_DPI });
    expect(resolveSettings({ ocrEngine: 'wasm', dpi: undefined }).dpi).toBe(DEFAULT_DPI);
  });
  it('drops keys that are not settings', () => {
    expect(resolveSettings({ ocrEngine: 'wasm', colour: 'red' } as SettingsInput)).not.toHaveProperty('colour');
  });
  it('a value out of range gets its option\'s message; a wrong type names the setting', () => {
    expect(reason({ dpi: 50 })).toBe('--dpi must be between 72 and 600');
    expect(reason({ dpi: 601 })).toBe('--dpi must be between 72 and 600');
    expect(reason({ dpi: 'high' as unknown as number })).toBe('dpi: must be a whole number');
    expect(reason({ dpi: 150.5 })).toBe('dpi: must be a whole number');
    expect(reason({ jobs: 0 })).toBe('--jobs must be at least 1');
    expect(reason({ maxMemoryMb: 100 })).toBe('--max-memory must be at least 256 MiB');
    expect(reason({ timeoutSeconds: -1 })).toBe('--timeout must be a number of seconds (0 for no limit)');
    expect(reason({ timeoutSeconds: Infinity })).toBe('--timeout must be a number of seconds (0 for no limit)');
    expect(reason({ ocr: 'sometimes' as 'auto' })).toBe('ocr: must be one of auto, always, never');
    expect(reason({ maxFormDepth: 0 })).toBe('maxFormDepth must be a whole number of at least 1');
    expect(reason({ password: 7 as unknown as string })).toBe('password: must be a string');
  });
  it('says every wrong value at once', () => {
    expect(reason({ dpi: 50, jobs: 0 })).toBe('--dpi must be between 72 and 600; --jobs must be at least 1');
  });
});
