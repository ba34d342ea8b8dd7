#!/usr/bin/env node
// baoban: one markdown manuscript → typeset HTML, newspaper page PDF, proof PDF, EPUB 3.
// Commands are thin: flags → options → core modules.
import { InputError } from '../core/input-error.js';
import { visibleControls } from '../core/controls.js';
import { installCleanupHandlers } from '../core/cleanup.js';
import { suggest } from '../core/suggest.js';
import { describeError } from './errors.js';
import { UsageError } from './options.js';

interface Command {
  usage: string;
  run(argv: string[]): Promise<number>;
}

const commands: Record<string, { about: string; load: () => Promise<Command> }> = {
  'build:pdf': { about: 'lay out and print the newspaper page: page.pdf, page.png, page.fit.json', load: () => import('./build-pdf.js') },
  'build:proof': {
    about: 'the proof (校样) for reviewers: proof.pdf with marks, findings and changes, proof.json',
    load: () => import('./build-proof.js'),
  },
  'proof:notes': {
    about: "reviewers' comments in a returned proof PDF, as findings located in the manuscript",
    load: () => import('./proof-notes.js'),
  },
  'build:html': { about: 'the typeset article as a web page: article.html', load: () => import('./build-html.js') },
  'build:epub': {
    about: 'EPUB 3 volumes of the series in manuscript/series.yaml, with ONIX records',
    load: () => import('./build-epub.js'),
  },
  check: { about: 'the copy desk: every check rule; --fix rewrites what a machine can fix', load: () => import('./check.js') },
  standins: { about: 'draw labelled stand-ins for photos that have not arrived (*.standin.jpg)', load: () => import('./standins.js') },
  browser: {
    about: "start the project's Chromium for builds to share (--browser-ws): prints its endpoint",
    load: () => import('./browser.js'),
  },
  bench: { about: 'speed figures: page build vs baseline, long document, EPUB, checks', load: () => import('./bench.js') },
};

function help(): string {
  return `baoban — Chinese newspaper pages and e-books from markdown

Usage: npm run <command> -- [manuscript …] [options]
Commands:
${Object.entries(commands)
  .map(([c, { about }]) => `  ${c.padEnd(11)} ${about}`)
  .join('\n')}

Run a command with --help for its options. Manuscripts default to manuscript/.
Config files (layouts, fonts, e-book, series, desk, proof): \`npm run check -- --config-only\` checks them all at
once; every key, type and default is in docs/config.md.`;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    // No command is a usage mistake (exit 2), the help asked for is not.
    (name ? process.stdout : process.stderr).write(help() + '\n');
    return name ? 0 : 2;
  }
  const entry = commands[name];
  if (!entry) throw new InputError(unknownCommand(name));
  const command = await entry.load();
  npmTookFlags(name, command.usage);
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(command.usage + '\n');
    return 0;
  }
  try {
    return await command.run(rest);
  } catch (error) {
    if (error instanceof UsageError) throw new InputError(`${error.message} (the options: npm run ${name} -- --help)`);
    throw error;
  }
}

/**
 * `npm run build:pdf --final` (no `--` before the flags): npm takes --final as its own setting, says
 * so only in a warning, and runs an everyday build; `npm run check --fix` checked without fixing. npm
 * leaves such a setting in npm_config_<name>: a flag of this command found there is refused, with
 * the command as it should be typed.
 */
function npmTookFlags(name: string, usage: string): void {
  if (process.env.npm_lifecycle_event !== name) return;
  const flags = [...new Set([...usage.matchAll(/--([a-z][a-z-]*)/g)].map((m) => m[1]))].filter((f) => f !== 'help');
  const env = (f: string) => process.env[`npm_config_${f.replace(/-/g, '_')}`];
  const taken = flags.filter((f) => env(f) !== undefined || (f.startsWith('no-') && env(f.slice(3)) !== undefined));
  if (!taken.length) return;
  const list = taken.map((f) => `--${f}`).join(' ');
  const them = taken.length === 1 ? 'it' : 'them';
  throw new InputError(
    `npm took ${list} for itself (typed without "--" before ${them}), so ${name} would run without ${them}: ` +
      `write the options after "--", as in npm run ${name} -- ${list} …`,
  );
}

/** A command name that is not one, with the one it was meant to be: a typo ("build:pfd"), or a part of a name ("pdf", "epub"). */
function unknownCommand(name: string): string {
  const names = Object.keys(commands);
  const typo = suggest(name, names);
  const part = names.filter((c) => c.split(':').includes(name.replace(/^-+/, '').toLowerCase()));
  const meant = typo ? [typo] : part;
  const hint = meant.length ? `: did you mean ${meant.map((c) => `npm run ${c}`).join(' or ')}?` : '';
  return `unknown command "${name}"${hint} (the commands: ${names.join(', ')}; each takes --help)`;
}

// Browsers, temporary files and staging folders are cleaned up on every way out (src/core/cleanup.ts).
installCleanupHandlers();
// Output read by a command that stops early (\`proof:notes … | head\`): the rest is not wanted, which is
// no error of the command; it goes on to its end and exit code, writing nothing more there.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
// An error nobody awaited (a browser event, a stream) is still one line, never a stack trace.
for (const event of ['uncaughtException', 'unhandledRejection'] as const) {
  process.on(event, (error: unknown) => {
    if (process.env.BAOBAN_DEBUG) process.stderr.write(`${(error as Error)?.stack ?? error}\n`);
    process.stderr.write(`error: ${visibleControls(describeError(error))}\n`);
    process.exit(2);
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    if (process.env.BAOBAN_DEBUG && !(error instanceof InputError)) process.stderr.write(`${(error as Error)?.stack ?? error}\n`);
    process.stderr.write(`error: ${visibleControls(describeError(error))}\n`);
    process.exitCode = 2;
  },
);
