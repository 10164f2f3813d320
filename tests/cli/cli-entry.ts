/**
 * The command line as a real process, from the TypeScript sources (bin/redactmap runs the compiled
 * dist/ the same way): `node --import tsx tests/cli/cli-entry.ts <args>`.
 */
import { main } from '../../src/cli/main.js';

process.on('unhandledRejection', (e) => {
  process.stderr.write(`redactmap: internal error: ${String(e instanceof Error ? e.message : e).split('\n')[0]}\n`);
  process.exit(1);
});

const code = await main(process.argv.slice(2), {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
  color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
});
process.exitCode = code;
