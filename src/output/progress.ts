// What a build shows while it works (progress on stderr) and the short summary it ends with.
import path from 'node:path';
import { oneLine } from '../core/input-error.js';
import { visibleControls } from '../core/controls.js';
import { DEFAULT_MANUSCRIPTS, PROJECT_ROOT } from '../core/paths.js';

const quiet = () => process.env.BAOBAN_QUIET === '1';

export function progress(message: string): void {
  // one line each: a value quoted in it (a plan's section typed with a line break) keeps it so
  if (!quiet()) process.stderr.write(`  › ${visibleControls(oneLine(message))}\n`);
}

/**
 * A path as the user can follow it from where the command runs: relative to the working folder
 * when below it, or when both are in the project (`../../dist/…` from a manuscript's folder);
 * else relative to the project, or whole when it lies outside.
 */
export function shortPath(file: string): string {
  const rel = path.relative(process.cwd(), file);
  const inProject = (p: string) => !path.relative(PROJECT_ROOT, p).startsWith('..');
  if (rel && (!rel.startsWith('..') || (inProject(process.cwd()) && inProject(file)))) return rel;
  return inProject(file) ? path.relative(PROJECT_ROOT, file) : file;
}

/** A path as a shell takes it: quoted when it holds a space or another character the shell reads. */
export const shellWord = (p: string) => (/^[\w@%+=:,./-]+$/.test(p) ? p : `'${p.replace(/'/g, `'\\''`)}'`);

/**
 * The check that shows a build's errors again: `npm run check` checks manuscript/, so manuscripts
 * elsewhere are named (up to three; else the folder that holds them all); undefined for manuscript/'s own.
 */
export function checkCommandFor(files: string[]): string | undefined {
  const inside = (f: string) => !path.relative(DEFAULT_MANUSCRIPTS, path.resolve(f)).startsWith('..');
  if (!files.length || files.every(inside)) return undefined;
  let named = [...new Set(files.map((f) => path.resolve(f)))];
  if (named.length > 3) {
    let dir = path.dirname(named[0]);
    while (!named.every((f) => !path.relative(dir, f).startsWith('..'))) dir = path.dirname(dir);
    named = [dir];
  }
  return `npm run check -- ${named.map((f) => shellWord(shortPath(f))).join(' ')}`;
}

export interface BuildSummary {
  command: string;
  outputs: string[];
  /** Extra facts, e.g. "pages: 1", "fit: overset 12 lines" */
  facts?: string[];
  errors: number;
  warnings: number;
  startedAt: number;
  /** The command that shows the errors again (default `npm run check`, which checks manuscript/). */
  check?: string;
  /**
   * Where the build's own errors are to be read, when `check` would show others (build:epub judges
   * photos and formats by the book's terms, not the page's): said instead of the command.
   */
  errorsAt?: string;
}

export function printSummary(s: BuildSummary): void {
  const seconds = ((performance.now() - s.startedAt) / 1000).toFixed(2);
  const lines = [`${s.command}: ${s.outputs.length} output${s.outputs.length === 1 ? '' : 's'} written in ${seconds} s`];
  for (const o of s.outputs) lines.push(`  ${shortPath(o)}`);
  for (const f of s.facts ?? []) lines.push(`  ${f}`);
  const problems = `problems: ${s.errors} error${s.errors === 1 ? '' : 's'}, ${s.warnings} warning${s.warnings === 1 ? '' : 's'}`;
  const check = s.check ?? 'npm run check';
  const see = s.errorsAt ?? `run \`${check}\` to see them`;
  lines.push(`  ${problems}${s.errors ? ` — errors remain: ${see}; a --final build refuses to write` : ''}`);
  // a path or a fact from the input (a returned proof's data names its manuscript) never runs as an escape code
  process.stdout.write(visibleControls(lines.join('\n')) + '\n');
}
