/** The command line as a real process (like tests/cli/cli-entry.ts), its analyses run by gate-worker.ts. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';

const GATE_WORKER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'gate-worker.ts');

const code = await main(
  process.argv.slice(2),
  { stdout: (s) => process.stdout.write(s), stderr: (s) => process.stderr.write(s), color: false },
  { pool: { workerModule: GATE_WORKER } },
);
process.exitCode = code;
