/**
 * The command line: a thin shell over the library. Parses arguments with commander, maps
 * outcomes to the documented exit codes, and never lets a stack trace reach the user.
 */
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { oneLine } from '../errors.js';
import { reportJsonSchema } from '../report/schema.js';
import { VERSION } from '../report/build-report.js';
import { runAnalyze, type AnalyzeCommandOptions, type Io } from './analyze-command.js';
import { EXIT } from './exit-codes.js';

function positiveInt(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`${name} must be a whole number of at least 1`);
    return n;
  };
}

export function buildProgram(io: Io, setExit: (code: number) => void): Command {
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
    .argument('<file>', 'the PDF to analyse')
    .option('--json', 'print the JSON report (same as --format json)')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json']))
    .option('--out <file>', 'write the report to a file (format from --format, or the extension: .json)')
    .option('--password <password>', 'password for an encrypted PDF')
    .option('--fail-on-leak', 'exit with code 3 when any redaction leaks')
    .addOption(new Option('--ocr <mode>', 'OCR policy for scanned pages').choices(['auto', 'always', 'never']).default('auto'))
    .option('--dpi <n>', 'render resolution for scans whose own resolution is unknown', positiveInt('--dpi'))
    .option('--jobs <n>', 'OCR workers (default: number of cores)', positiveInt('--jobs'))
    .action(async (file: string, opts: AnalyzeCommandOptions) => {
      setExit(await runAnalyze(file, opts, io));
    });

  program
    .command('schema')
    .description('print the JSON Schema of the report')
    .action(() => {
      io.stdout(JSON.stringify(reportJsonSchema(), null, 2) + '\n');
      setExit(EXIT.ok);
    });

  return program;
}

/** Run the CLI; resolves to the exit code. */
export async function main(argv: string[], io: Io): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    if (argv.length === 0) {
      program.outputHelp();
      return EXIT.usage;
    }
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return EXIT.ok;
      return EXIT.usage;
    }
    io.stderr(`redactmap: internal error: ${oneLine(e)}\n`);
    return EXIT.failed;
  }
}
