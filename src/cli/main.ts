// The edgefuse command line. One table maps a command name to its summary, usage and run function; each
// command lives in src/cli/commands/<name>.ts. Adding one is a new file plus one line in `commands`.
// `main` returns an exit code instead of exiting, so it can be called from tests and from bin/edgefuse.js.
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { demoCommand } from './commands/demo';
import { profileCommand } from './commands/profile';
import { relateCommand } from './commands/relate';
import { linkCommand } from './commands/link';
import { embedCommand } from './commands/embed';
import { pretrainCommand } from './commands/pretrain';
import { finetuneCommand } from './commands/finetune';
import { classifyCommand } from './commands/classify';
import { recommendCommand } from './commands/recommend';
import { rulesCommand } from './commands/rules';
import { searchEvalCommand } from './commands/search-eval';

/** What a command gets besides its arguments: output streams and the directory paths resolve against. */
export interface CommandContext {
  cwd: string;
  out(text: string): void;
  err(text: string): void;
  /** Reports a usage mistake (bad or missing flag) on stderr and returns the usage exit code. */
  fail(message: string): number;
}

export interface Command {
  /** One line for the command list. */
  summary: string;
  /** Full help for `edgefuse <command> --help`. */
  usage: string;
  /** Runs with the arguments after the command name; resolves to the process exit code. */
  run(args: readonly string[], context: CommandContext): Promise<number>;
}

const commands: Readonly<Record<string, Command>> = {
  demo: demoCommand,
  profile: profileCommand,
  relate: relateCommand,
  link: linkCommand,
  embed: embedCommand,
  pretrain: pretrainCommand,
  finetune: finetuneCommand,
  classify: classifyCommand,
  recommend: recommendCommand,
  rules: rulesCommand,
  'search-eval': searchEvalCommand,
};

export const exitOk = 0;
export const exitFailure = 1;
export const exitUsage = 2;

export interface Io {
  cwd: string;
  out(text: string): void;
  err(text: string): void;
}

const processIo: Io = {
  cwd: process.cwd(),
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

function overview(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const list = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return [
    'edgefuse: analyse commerce data locally, from the command line.',
    '',
    'Usage: edgefuse <command> [options]',
    '',
    'Commands:',
    ...list,
    '',
    "Run 'edgefuse <command> --help' for a command's options.",
    '',
  ].join('\n');
}

/** Node's parseArgs throws TypeErrors with these codes for unknown flags, missing values and stray words. */
function isParseArgsError(error: unknown): error is Error {
  return error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS');
}

export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  const first = argv.findIndex((a) => !a.startsWith('-'));
  const globalFlags = first === -1 ? argv : argv.slice(0, first);
  let help: boolean | undefined;
  try {
    ({ values: { help } } = parseArgs({ args: [...globalFlags], options: { help: { type: 'boolean', short: 'h' } } }));
  } catch (error) {
    if (!isParseArgsError(error)) throw error;
    io.err(`edgefuse: ${error.message}\n\n${overview()}`);
    return exitUsage;
  }
  const name = first === -1 ? undefined : argv[first];
  const rest = first === -1 ? [] : argv.slice(first + 1);
  if (name === undefined || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    const command = topic === undefined ? undefined : commands[topic];
    if (topic !== undefined && command === undefined) {
      io.err(`edgefuse: unknown command '${topic}'.\n\n${overview()}`);
      return exitUsage;
    }
    io.out(command === undefined ? overview() : `${command.usage}\n`);
    return exitOk;
  }
  const command = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (command === undefined) {
    io.err(`edgefuse: unknown command '${name}'.\n\n${overview()}`);
    return exitUsage;
  }
  if (help === true || rest.includes('--help') || rest.includes('-h')) {
    io.out(`${command.usage}\n`);
    return exitOk;
  }
  const fail = (message: string): number => {
    io.err(`edgefuse ${name}: ${message}\nRun 'edgefuse ${name} --help' for usage.\n`);
    return exitUsage;
  };
  try {
    return await command.run(rest, { ...io, fail });
  } catch (error) {
    if (isParseArgsError(error)) return fail(error.message);
    io.err(`edgefuse ${name}: ${error instanceof Error ? error.message : String(error)}\n`);
    return exitFailure;
  }
}

// Run when executed directly (`tsx src/cli/main.ts`, i.e. `npm run cli`); bin/edgefuse.js imports and calls main.
const entry = process.argv[1];
if (entry !== undefined && import.meta.url === pathToFileURL(entry).href) {
  process.exitCode = await main(process.argv.slice(2));
}
