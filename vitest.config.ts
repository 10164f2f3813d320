import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // OCR tests start tesseract workers; two cores: keep files from oversubscribing the machine
    maxWorkers: 2,
  },
});
