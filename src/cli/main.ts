#!/usr/bin/env node
// baoban: one markdown manuscript → typeset HTML, newspaper page PDF, proof PDF, EPUB 3.
// Commands are thin: flags → options → core modules.
import { InputError } from '../manuscript/read.js';

interface Command {
  usage: string;
  run(argv: string[]): Promise<number>;
}

const commands: Record<string, () => Promise<Command>> = {
  'build:html': () => import('./build-html.js'),
  'build:pdf': () => import('./build-pdf.js'),
  bench: () => import('./bench.js'),
  'build:epub': () => import('./build-epub.js'),
  check: () => import('./check.js'),
  standins: () => import('./standins.js'),
};

function help(): string {
  return `baoban — Chinese newspaper pages and e-books from markdown

Usage: npm run <command> -- [manuscript …] [options]
Commands:
${Object.keys(commands).map((c) => `  ${c}`).join('\n')}

Run a command with --help for its options. Manuscripts default to manuscript/.`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(help() + '\n');
    return name ? 0 : 1;
  }
  const load = commands[name];
  if (!load) throw new InputError(`unknown command "${name}"; try --help`);
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.usage + '\n');
    return 0;
  }
  return command.run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof InputError) process.stderr.write(`error: ${error.message}\n`);
    else if (process.env.BAOBAN_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? error}\n`);
    else process.stderr.write(`error: ${(error as Error)?.message ?? error} (set BAOBAN_DEBUG=1 for details)\n`);
    process.exitCode = 2;
  },
);
