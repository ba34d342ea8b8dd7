// Flags shared by the commands, parsed with node:util parseArgs.
import { parseArgs } from 'node:util';
import { InputError } from '../core/input-error.js';
import { DEFAULT_MANUSCRIPTS } from '../core/paths.js';
import { suggest } from '../core/suggest.js';

/** A flag the command does not take, or takes otherwise: main.ts adds where the command's options are listed. */
export class UsageError extends InputError {}

export interface CommonOptions {
  paths: string[];
  final: boolean;
  out?: string;
  values: Record<string, string | boolean | undefined>;
}

export type Spec = Record<string, { type: 'string' | 'boolean'; short?: string }>;
export interface Flags {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/**
 * node:util parseArgs, its refusals in words: a misspelt flag with the one it was meant to be
 * ("--fromat": did you mean --format?), a flag without its value, a switch given a value.
 */
export function parseFlags(argv: string[], options: Spec, allowPositionals = true): Flags {
  try {
    return parseArgs({ args: argv, allowPositionals, options }) as Flags;
  } catch (error) {
    throw new UsageError(flagProblem(error as Error & { code?: string }, options, argv));
  }
}

function flagProblem(error: Error & { code?: string }, options: Spec, argv: string[]): string {
  const flag = error.message.match(/^Unknown option '([^']+)'/)?.[1] ?? error.message.match(/^Option '(-[^' ]+)/)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && flag) {
    const name = flag.replace(/^-+/, '').replace(/=.*$/, '');
    // --json is how many tools ask for JSON; here it is --format json.
    const meant =
      name === 'json' && options.format
        ? 'format json'
        : suggest(
            name,
            Object.keys(options).filter((o) => o !== 'help'),
          );
    return meant ? `unknown option ${flag}: did you mean --${meant}?` : `unknown option ${flag}`;
  }
  if (error.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && flag) {
    const name = flag.replace(/^-+/, '');
    if (options[name]?.type === 'boolean') return `${flag} takes no value: write ${flag} alone`;
    // A value that starts with a dash (--round -1) is read as an option, not as the value: said so,
    // not "needs a value after it", which the user had given.
    const next = argv[argv.indexOf(flag) + 1];
    if (next !== undefined && /^-\d/.test(next))
      return `${flag} ${next}: a value starting with - is read as an option, not as ${flag}'s value; write ${flag}=${next} if you mean it`;
    return `${flag} needs a value after it: ${flag} VALUE`;
  }
  const positional = error.message.match(/^Unexpected argument '([^']*)'/)?.[1];
  if (error.code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL' && positional !== undefined)
    return `unexpected argument "${positional}": this command takes only options`;
  return error.message;
}

export function parseCommon(argv: string[], extra: Spec = {}): CommonOptions {
  const parsed = parseFlags(argv, {
    final: { type: 'boolean' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    ...extra,
  });
  const values = parsed.values;
  return {
    paths: parsed.positionals.length ? parsed.positionals : [DEFAULT_MANUSCRIPTS],
    final: Boolean(values.final),
    out: values.out as string | undefined,
    values,
  };
}

/** The flag of every command that uses a browser: an existing browser to connect to (src/browser/remote.ts). */
export const BROWSER_FLAG: Spec = { 'browser-ws': { type: 'string' } };

export const BROWSER_USAGE = `  --browser-ws ws://… (or BAOBAN_BROWSER_WS) connects to a running browser (a browserless/chrome
  pool, or a Chromium started with --remote-debugging-port) instead of launching one; Node serves
  it everything a page needs, so it reads no file of this machine.`;
