// Flags shared by the commands, parsed with node:util parseArgs.
import { parseArgs } from 'node:util';
import { InputError } from '../core/input-error.js';
import { DEFAULT_MANUSCRIPTS } from '../core/paths.js';

export interface CommonOptions {
  paths: string[];
  final: boolean;
  out?: string;
  values: Record<string, string | boolean | undefined>;
}

type Spec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

export function parseCommon(argv: string[], extra: Spec = {}): CommonOptions {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { final: { type: 'boolean' }, out: { type: 'string' }, help: { type: 'boolean', short: 'h' }, ...extra },
    });
  } catch (error) {
    throw new InputError(`${(error as Error).message} (see --help)`);
  }
  const values = parsed.values as Record<string, string | boolean | undefined>;
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
