/**
 * The command line: a thin shell over the library. Parses arguments with commander, maps
 * outcomes to the documented exit codes, and never lets a stack trace reach the user.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { FAILURE_CODES, oneLine } from '../errors.js';
import { VERSION } from '../report-constants.js';
import { DEFAULT_MAX_MEMORY_MB, DEFAULT_TIMEOUT_SECONDS } from '../settings.js';
import { OUTPUT_FORMATS, runAnalyze, type AnalyzeCommandOptions, type Io } from './analyze-command.js';
import type { BatchCommandOptions } from './batch-command.js';
import { formatChecks } from './checks.js';
import { EXIT } from './exit-codes.js';
import { DPI_RANGE, OCR_ENGINE_CHOICES, OCR_ENGINE_ENV } from '../settings.js';
import { DEFAULT_HOST, DEFAULT_MAX_BYTES, DEFAULT_PORT, parseBytes, QUEUE_PER_SLOT } from '../serve/defaults.js';
import { DEFAULT_QUEUE_NAME, DEFAULT_STALLED_SECONDS, MAX_PRIORITY, sourceAfterRetryFlag, URGENT_PRIORITY } from '../queue/jobs.js';
// what a command needs beyond its options is loaded when it runs: the batch runner, Fastify, BullMQ
// and zod (the schema) stay out of every other command's start (~0.5 s of CPU, measured on --version)
import type { EnqueueCommandOptions, StatusCommandOptions, WorkerCommandOptions } from './queue-commands.js';
import type { CommandHooks, ServeCommandOptions } from './serve-command.js';

function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number of at least 1`);
    return n;
  };
}

/** A whole number; its range is checked by resolveSettings (src/settings.ts), the one place that knows it. */
function wholeNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n)) throw new InvalidArgumentError(`${name} must be a whole number`);
    return n;
  };
}

function seconds(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new InvalidArgumentError(`${name} must be a number of seconds (0 for no limit)`);
    return n;
  };
}

function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('--port must be a whole number from 0 to 65535 (0: any free port)');
  return n;
}

function bytes(value: string): number {
  const n = parseBytes(value);
  if (n === undefined) throw new InvalidArgumentError('--max-bytes must be a size in bytes, e.g. 104857600 or 100M');
  return n;
}

function count(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`${name} must be a whole number`);
    return n;
  };
}

function priority(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || n > MAX_PRIORITY) throw new InvalidArgumentError(`--priority must be a whole number from 1 (first) to ${MAX_PRIORITY}`);
  return n;
}

/** A memory size in MiB: "1536", "1536M", "1.5G", "2GiB" (whole MiB; the minimum is checked by the settings). */
export function parseMemory(name: string) {
  return (value: string): number => {
    const m = value.trim().match(/^(\d+(?:\.\d+)?)\s*(?:(m|g|t)(?:i?b)?)?$/i);
    if (!m) throw new InvalidArgumentError(`${name} must be a size in MiB, or with a unit: 1536, 1536M, 1.5G`);
    const factor = { m: 1, g: 1024, t: 1024 * 1024 }[(m[2] ?? 'm').toLowerCase() as 'm' | 'g' | 't'];
    return Math.round(Number(m[1]) * factor);
  };
}

const MEMORY_HELP = `memory ceiling of the analysis in MiB, or 1.5G (default: ${DEFAULT_MAX_MEMORY_MB}); past it the file fails as too large`;

/** --ocr-engine: no default here, so that $REDACTMAP_OCR_ENGINE, then auto, apply (settings.ts). */
function ocrEngineOption(): Option {
  return new Option('--ocr-engine <engine>', `OCR engine: the tesseract program when installed, else tesseract.js (auto); tesseract.js only (wasm); the program only (native) [env: ${OCR_ENGINE_ENV}]`).choices([
    ...OCR_ENGINE_CHOICES,
  ]);
}

export function buildProgram(io: Io, setExit: (code: number) => void, hooks: CommandHooks = {}): Command {
  const program = new Command();
  program
    .name('redactmap')
    .description('Read redacted legal filings: redactions, readable text, section status and leaks.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .showHelpAfterError('(run redactmap --help for usage)');

  program
    .command('analyze')
    .description('analyse one PDF and print a summary (or the JSON report)')
    .argument('[file]', 'the PDF to analyse ("-": read it from standard input)')
    .option('--checks', 'list what is checked (every leak kind and notice) and exit')
    .option('--json', 'print the JSON report (same as --format json)')
    .addOption(new Option('--format <format>', 'output format (html: the review page)').choices([...OUTPUT_FORMATS]))
    .option('--out <file>', 'write the report to a file (format from --format, or the extension: .json, .md, .html)')
    .option('--overlays <dir>', 'write one PNG per page with the redactions, leaks and section starts drawn on it')
    .option('--sidecar <file>', 'write the readable text, page by page (form feed between pages)')
    .option('--password <password>', 'password for an encrypted PDF')
    .option('--password-file <file>', 'read the password from the first line of a file')
    .option('--fail-on-leak', 'exit with code 3 when anything leaks (any leak kind; notices never fail)')
    .addOption(new Option('--ocr <mode>', 'OCR policy for scanned pages').choices(['auto', 'always', 'never']).default('auto'))
    .addOption(ocrEngineOption())
    .option('--dpi <n>', `render resolution for scans whose own resolution is unknown (${DPI_RANGE.min}-${DPI_RANGE.max})`, wholeNumber('--dpi'))
    .option('--jobs <n>', 'OCR workers (default: number of cores)', positiveInt('--jobs'))
    .option('--max-memory <size>', MEMORY_HELP, parseMemory('--max-memory'))
    .option('--timeout <seconds>', `time limit, 0 for none (default: ${DEFAULT_TIMEOUT_SECONDS})`, seconds('--timeout'))
    .addHelpText('after', '\nEvery leak kind and notice: redactmap analyze --checks')
    .action(async (file: string | undefined, opts: AnalyzeCommandOptions & { checks?: boolean }, cmd: Command) => {
      if (opts.checks) {
        io.stdout(formatChecks());
        return setExit(EXIT.ok);
      }
      if (file === undefined) cmd.error("error: missing required argument 'file'", { exitCode: EXIT.usage });
      setExit(await runAnalyze(file, opts, io));
    });

  program
    .command('batch')
    .description('analyse every PDF in a folder: one report per file, index.json and summary.csv')
    .argument('<folder>', 'the folder of PDFs')
    .requiredOption('--out <dir>', 'output folder (created when missing)')
    .option('-r, --recursive', 'include sub-folders (mirrored in the output folder)')
    .option('--jobs <n>', 'files analysed at once (default: number of cores)', positiveInt('--jobs'))
    .option('--timeout <seconds>', `time limit per file, 0 for none (default: ${DEFAULT_TIMEOUT_SECONDS})`, seconds('--timeout'))
    .option('--resume', 'skip files whose report already exists and matches the file (sha256)')
    .option('--markdown', 'also write a Markdown report beside each JSON report')
    .option('--overlays', 'also write overlay PNGs for each file (<name>.overlays/page-001.png ...)')
    .option('--html', 'also write a review page for each file (<name>.html) and index.html')
    .option('--fail-on-leak', 'exit with code 3 when any file leaks (failures still exit 1)')
    .option('-q, --quiet', 'no progress on stderr')
    .option('--password <password>', 'password tried on encrypted PDFs')
    .option('--password-file <file>', 'read the password from the first line of a file')
    .addOption(new Option('--ocr <mode>', 'OCR policy for scanned pages').choices(['auto', 'always', 'never']).default('auto'))
    .addOption(ocrEngineOption())
    .option('--dpi <n>', `render resolution for scans whose own resolution is unknown (${DPI_RANGE.min}-${DPI_RANGE.max})`, wholeNumber('--dpi'))
    .option('--max-memory <size>', `${MEMORY_HELP} (per file analysed at once)`, parseMemory('--max-memory'))
    .action(async (folder: string, opts: BatchCommandOptions) => {
      const { runBatchCommand } = await import('./batch-command.js');
      setExit(await runBatchCommand(folder, opts, io));
    });

  program
    .command('serve')
    .description('run the HTTP service: POST /analyze, GET /health, /schema, /metrics')
    .option('--host <address>', 'address to listen on', DEFAULT_HOST)
    .option('--port <n>', `port to listen on (0: any free port)`, port, DEFAULT_PORT)
    .option('--jobs <n>', 'analyses at once (default: number of cores)', positiveInt('--jobs'))
    .option('--queue <n>', `requests that may wait for an analysis beyond --jobs; more get 503 (default: ${QUEUE_PER_SLOT} x --jobs)`, count('--queue'))
    .option('--max-bytes <size>', 'largest request body (bytes; k, M, G allowed)', bytes, DEFAULT_MAX_BYTES)
    .option('--timeout <seconds>', `time limit per analysis, 0 for none (default: ${DEFAULT_TIMEOUT_SECONDS})`, seconds('--timeout'))
    .option('--max-memory <size>', `${MEMORY_HELP} (per analysis running at once)`, parseMemory('--max-memory'))
    .option('--token <token>', 'require "Authorization: Bearer <token>" (default: $REDACTMAP_TOKEN)')
    .action(async (opts: ServeCommandOptions) => {
      const { runServeCommand } = await import('./serve-command.js');
      setExit(await runServeCommand(opts, io, hooks));
    });

  const redisHelp = 'Redis URL, redis://host:port[/db] (default: $REDACTMAP_REDIS)';
  const queueNameHelp = `queue name (default: ${DEFAULT_QUEUE_NAME})`;
  program
    .command('enqueue')
    .description('add one job per PDF of a folder or manifest to the queue on Redis (job id: the file\'s sha256)')
    .argument('[source]', 'a folder of PDFs, or a text file with one PDF path per line')
    // required, but optional to commander: `--retry-failed docket/` may have taken it (sourceAfterRetryFlag)
    .usage('[options] <source>')
    .option('--redis <url>', redisHelp)
    .option('--queue-name <name>', queueNameHelp)
    .option('-r, --recursive', 'include sub-folders')
    .option('--priority [n]', `run before ordinary jobs (1 = first; ordinary jobs: 100)`, priority)
    .option('--wait', 'show progress until every job has ended; exit 0 when all were analysed, 1 otherwise')
    .option('--out <dir>', 'with --wait: write index.json and summary.csv there (the workers\' --out folder)')
    .option('--markdown', 'workers also write a Markdown report beside each JSON report')
    .option('-q, --quiet', 'no progress')
    .option('--password <password>', 'password tried on encrypted PDFs (stored in the job data in Redis)')
    .option('--password-file <file>', 'read that password from the first line of a file')
    .addOption(new Option('--ocr <mode>', 'OCR policy for scanned pages').choices(['auto', 'always', 'never']))
    .option('--dpi <n>', `render resolution for scans whose own resolution is unknown (${DPI_RANGE.min}-${DPI_RANGE.max})`, wholeNumber('--dpi'))
    .option(
      '--retry-failed [codes]',
      'also queue again the failed jobs of these files (only those whose failure code is listed, comma-separated, e.g. needs-password,too-large; default: all), with this enqueue\'s options',
    )
    .addHelpText(
      'after',
      `\nFailure codes for --retry-failed:\n  ${FAILURE_CODES.join(', ')}\nA retried job carries this enqueue's options (give them again) and gets its attempts anew;\nwaiting, running and analysed jobs are left alone. E.g., once the password is known:\n  redactmap enqueue docket/ --retry-failed needs-password --password-file pw.txt --wait`,
    )
    .action(async (given: string | undefined, opts: Omit<EnqueueCommandOptions, 'priority'> & { priority?: number | true }, cmd: Command) => {
      const p = opts.priority === true ? URGENT_PRIORITY : opts.priority;
      // `enqueue --retry-failed docket/`: the flag took the source as its value
      const { source, retryFailed } = sourceAfterRetryFlag(given, opts.retryFailed);
      if (source === undefined) cmd.error("error: missing required argument 'source'", { exitCode: EXIT.usage });
      const { runEnqueueCommand } = await import('./queue-commands.js');
      setExit(await runEnqueueCommand(source, { ...opts, retryFailed, priority: p }, io));
    });

  program
    .command('worker')
    .description('analyse jobs from the queue on Redis, writing reports to a (shared) folder, until SIGTERM')
    .option('--redis <url>', redisHelp)
    .option('--queue-name <name>', queueNameHelp)
    .requiredOption('--out <dir>', 'output folder (created when missing)')
    .option('--jobs <n>', 'files analysed at once (default: number of cores)', positiveInt('--jobs'))
    .option('--timeout <seconds>', `time limit per file, 0 for none (default: ${DEFAULT_TIMEOUT_SECONDS})`, seconds('--timeout'))
    .option('--max-memory <size>', `${MEMORY_HELP} (per file analysed at once)`, parseMemory('--max-memory'))
    .option('--stalled-seconds <s>', `a dead worker's job is taken back after about twice this (default: ${DEFAULT_STALLED_SECONDS})`, positiveInt('--stalled-seconds'))
    .option('-q, --quiet', 'no line per job')
    .action(async (opts: WorkerCommandOptions) => {
      const { runWorkerCommand } = await import('./queue-commands.js');
      setExit(await runWorkerCommand(opts, io, hooks));
    });

  program
    .command('status')
    .description('counts of the queue on Redis (waiting, active, done, failed) and its failures')
    .option('--redis <url>', redisHelp)
    .option('--queue-name <name>', queueNameHelp)
    .option('--json', 'print JSON')
    .action(async (opts: StatusCommandOptions) => {
      const { runStatusCommand } = await import('./queue-commands.js');
      setExit(await runStatusCommand(opts, io));
    });

  program
    .command('schema')
    .description('print the JSON Schema of the report (or, with --index, of a batch index.json)')
    .option('--index', 'the schema of index.json written by batch')
    .action(async (opts: { index?: boolean }) => {
      const schema = opts.index ? (await import('../batch/index-schema.js')).indexJsonSchema() : (await import('../report/schema.js')).reportJsonSchema();
      io.stdout(JSON.stringify(schema, null, 2) + '\n');
      setExit(EXIT.ok);
    });

  return program;
}

/** Run the CLI; resolves to the exit code. */
export async function main(argv: string[], io: Io, hooks: CommandHooks = {}): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c), hooks);
  try {
    await program.parseAsync(argv, { from: 'user' });
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.usage;
    }
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // help or version asked for: 0; help shown because the command line was incomplete: usage
      return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    io.stderr(`redactmap: internal error: ${oneLine(e)}\n`);
    return EXIT.failed;
  }
}
