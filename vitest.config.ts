import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // OCR tests start tesseract workers; two cores: keep files from oversubscribing the machine
    maxWorkers: 2,
    // every report a test builds (in-process or in a spawned bin/redactmap) is checked against the
    // zod schema: accepted and given back unchanged (src/report/build-report.ts)
    env: { REDACTMAP_VALIDATE_REPORTS: '1' },
  },
});
