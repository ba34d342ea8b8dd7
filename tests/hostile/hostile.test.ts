// The hostile corpus (tests/fixtures/hostile/<case>/, see its README.md): every case × every
// command, run as a user runs them (the CLI in a child process), each asserting
//   - exit code 0, 1 or 2 only (and the one the case expects), no stack trace, no Node warning;
//   - no byte of an outside canary file in any output (text, PDF text, EPUB entries, decoded images);
//   - nothing written outside the command's output folder (the workspace snapshotted before/after;
//     stand-ins and --fix --backup may write only their own files in the manuscript folder);
//   - the expected finding ids (console or findings reports), and none of those it must not give;
//   - time and peak memory of the whole process tree within the limits;
//   - no process of the tree (Chromium above all) left running, no temporary file left behind.
// Cases run two at a time (two cores) in their own workspaces; a case's commands run in order.
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import JSZip from 'jszip';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CANARY_RGB,
  type Command,
  type Expectation,
  type HostileCase,
  listCases,
  makeWorkspace,
  type Workspace,
} from '../fixtures/hostile/make.js';
import { ROOT } from '../helpers/cli.js';
import { runTree, type TreeRun } from '../helpers/process-tree.js';

/** Limits unless a case states its own (README.md). Generous: the machine is shared and loaded. */
const DEFAULT_LIMITS = { seconds: 180, rssMb: 2500 };

const packageScripts = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')).scripts as Record<string, string>;
const COMMANDS: Command[] = [
  'check',
  'build:html',
  'build:pdf',
  ...(packageScripts['build:proof'] ? (['build:proof'] as Command[]) : []),
  // the proof build:proof made, read back as a reviewer returns it (unmarked: exit 0)
  ...(packageScripts['proof:notes'] ? (['proof:notes'] as Command[]) : []),
  'build:epub',
  'standins',
  'check --fix --backup',
];

// BAOBAN_HOSTILE=case-a,case-b runs only those cases (while working on them).
const only = process.env.BAOBAN_HOSTILE?.split(',').filter(Boolean);
const cases = listCases().filter((c) => !only?.length || only.includes(c.name));

// ---- what a run did -------------------------------------------------------------------------

interface Entry {
  type: string;
  size: number;
  mtime: number;
  hash?: string;
  link?: string;
}

/** Every path under `dir` (links not followed, FIFOs not opened) with what it holds. */
function snapshot(dir: string, skip: string): Map<string, Entry> {
  const out = new Map<string, Entry>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const full = path.join(d, name);
      if (full === skip) continue;
      const st = lstatSync(full);
      const type = st.isSymbolicLink() ? 'link' : st.isDirectory() ? 'dir' : st.isFile() ? 'file' : st.isFIFO() ? 'fifo' : 'other';
      const e: Entry = { type, size: type === 'file' ? st.size : 0, mtime: type === 'file' ? st.mtimeMs : 0 };
      if (type === 'file') e.hash = createHash('sha1').update(readFileSync(full)).digest('hex');
      if (type === 'link') e.link = readlinkSync(full);
      out.set(path.relative(dir, full), e);
      if (type === 'dir') walk(full);
    }
  };
  walk(dir);
  return out;
}

const same = (a?: Entry, b?: Entry) => !!a && !!b && a.type === b.type && a.size === b.size && a.hash === b.hash && a.link === b.link;

/** What changed between two snapshots. */
function changes(before: Map<string, Entry>, after: Map<string, Entry>): Array<{ path: string; change: string; entry?: Entry }> {
  const out: Array<{ path: string; change: string; entry?: Entry }> = [];
  for (const [p, e] of after) if (!before.has(p)) out.push({ path: p, change: 'added', entry: e });
  for (const [p, e] of before) {
    if (!after.has(p)) out.push({ path: p, change: 'removed' });
    else if (!same(e, after.get(p))) out.push({ path: p, change: 'changed', entry: after.get(p) });
  }
  return out;
}

/** Changes a command may make outside its output folder. */
function allowedChange(command: Command, c: { path: string; change: string; entry?: Entry }): boolean {
  const inCase = c.path.startsWith(`case${path.sep}`);
  if (!inCase || c.change === 'removed') return false;
  if (command === 'standins') return c.entry?.type === 'file' && /\.standin\.(jpe?g|png)$/i.test(c.path);
  if (command === 'check --fix --backup') return c.entry?.type === 'file' && /\.(md|markdown|txt)(\.bak)?$/i.test(c.path);
  return false;
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

/** Share of an image's pixels that are the canary photo's colour. */
async function canaryShare(bytes: Buffer): Promise<number> {
  let raw: { data: Buffer; info: { channels: number } };
  try {
    raw = await sharp(bytes).resize(200, 200, { fit: 'inside' }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  } catch {
    return 0; // not an image
  }
  let hits = 0;
  const n = raw.data.length / raw.info.channels;
  for (let i = 0; i < raw.data.length; i += raw.info.channels) {
    if (CANARY_RGB.every((v, k) => Math.abs(raw.data[i + k] - v) <= 16)) hits++;
  }
  return hits / n;
}

async function pdfText(bytes: Buffer): Promise<string> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const doc = await pdfjs.getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, isEvalSupported: false }).promise;
  let text = '';
  for (let i = 1; i <= doc.numPages; i++) {
    const page = await doc.getPage(i);
    text += (await page.getTextContent()).items.map((it) => ('str' in it ? it.str : '')).join('');
  }
  await doc.destroy();
  return text;
}

/** Where a canary shows in one output file (its bytes, its text, its images, its zip entries). */
async function leaksIn(name: string, bytes: Buffer, token: string): Promise<string[]> {
  const found: string[] = [];
  if (bytes.includes(token)) found.push(`${name}: contains the canary token`);
  if (/\.(png|jpe?g|webp|gif)$/i.test(name) && (await canaryShare(bytes)) > 0.02) found.push(`${name}: shows the canary photo`);
  if (/\.pdf$/i.test(name) && (await pdfText(bytes)).includes(token)) found.push(`${name}: its text holds the canary token`);
  if (/\.(epub|zip)$/i.test(name)) {
    const zip = await JSZip.loadAsync(bytes);
    for (const entry of Object.values(zip.files)) {
      if (entry.dir) continue;
      found.push(...(await leaksIn(`${name}!${entry.name}`, await entry.async('nodebuffer'), token)));
    }
  }
  return found;
}

const TEMP_NAME = /(^\.(warm|page)\.|^\.staging-|\.tmp$|^baoban-)/;

// ---- running a case -------------------------------------------------------------------------

interface CommandResult {
  run?: TreeRun;
  outDir: string;
  skipped?: boolean;
  /** problems found by the harness's own inspection (outside writes, leaks, temp files) */
  problems: string[];
  /** console + findings reports */
  reported: string;
  /** proof:notes: build:proof made the proof it was given (an unmarked proof has no notes: exit 0) */
  proofMade?: boolean;
}

function argsFor(command: Command, ws: Workspace, outDir: string): string[] {
  switch (command) {
    case 'build:epub':
      return ['build:epub', '--series', ws.series, '--out', outDir, '--no-validate'];
    case 'check --fix --backup':
      return ['check', ws.target, '--fix', '--backup', '--out', outDir];
    case 'proof:notes':
      // build:proof's proof, or where it would be (then a one-line "no such file", exit 2)
      return ['proof:notes', madeProof(ws) ?? path.join(ws.outRoot, 'build-proof', 'proof.pdf')];
    default:
      return [command, ws.target, '--out', outDir];
  }
}

/** The proof build:proof wrote for the case, if it wrote one. */
function madeProof(ws: Workspace): string | undefined {
  return filesUnder(path.join(ws.outRoot, 'build-proof')).find((f) => path.basename(f) === 'proof.pdf');
}

async function runCommand(hostile: HostileCase, ws: Workspace, command: Command): Promise<CommandResult> {
  const outDir = path.join(ws.outRoot, command.replace(/[^a-z]+/g, '-'));
  const limits = { ...DEFAULT_LIMITS, ...hostile.limits };
  const before = snapshot(ws.root, outDir);
  const run = await runTree(process.execPath, [path.join(ROOT, 'src/cli/run.mjs'), ...argsFor(command, ws, outDir)], {
    cwd: ROOT,
    env: { ...process.env, BAOBAN_QUIET: '1', NO_COLOR: '1', FORCE_COLOR: '0' },
    timeoutMs: limits.seconds * 1000,
  });
  const after = snapshot(ws.root, outDir);
  const problems: string[] = [];
  const changed = changes(before, after);
  for (const c of changed.filter((c) => !allowedChange(command, c)))
    problems.push(`written outside the output folder: ${c.change} ${c.path}`);
  // Outputs, and whatever the command may write in the manuscript folder, must hold no canary.
  const outputs = [...filesUnder(outDir), ...changed.filter((c) => allowedChange(command, c)).map((c) => path.join(ws.root, c.path))];
  for (const file of outputs) problems.push(...(await leaksIn(path.relative(ws.root, file), readFileSync(file), ws.token)));
  // The console too: a message quoting an outside file's keys or values is a leak like an output's.
  if (`${run.stdout}${run.stderr}`.includes(ws.token)) problems.push('the console shows the canary token');
  for (const file of [...filesUnder(outDir), ...filesUnder(ws.caseDir)]) {
    if (TEMP_NAME.test(path.basename(file))) problems.push(`temporary file left behind: ${path.relative(ws.root, file)}`);
  }
  const dirs = existsSync(outDir) ? readdirSync(outDir, { recursive: true, withFileTypes: true }).filter((e) => e.isDirectory()) : [];
  for (const dir of dirs) if (TEMP_NAME.test(dir.name)) problems.push(`staging folder left behind: ${dir.name}`);
  const reports = filesUnder(outDir)
    .filter((f) => /findings\.txt$/.test(f))
    .map((f) => readFileSync(f, 'utf8'));
  const proofMade = command === 'proof:notes' && madeProof(ws) !== undefined;
  return { run, outDir, problems, reported: [run.stdout, run.stderr, ...reports].join('\n'), proofMade };
}

const running = new Map<string, Promise<Map<Command, CommandResult>>>();
const workspaces: Workspace[] = [];

// Two cases at a time: each runs browsers, and the machine has two cores.
let slots = 2;
const queue: Array<() => void> = [];
async function withSlot<T>(work: () => Promise<T>): Promise<T> {
  if (slots === 0) await new Promise<void>((r) => queue.push(r));
  else slots--;
  try {
    return await work();
  } finally {
    const next = queue.shift();
    if (next) next();
    else slots++;
  }
}

function runCase(hostile: HostileCase): Promise<Map<Command, CommandResult>> {
  let job = running.get(hostile.name);
  if (!job) {
    job = withSlot(async () => {
      const ws = await makeWorkspace(hostile);
      workspaces.push(ws);
      const results = new Map<Command, CommandResult>();
      for (const command of COMMANDS) {
        if (hostile.commands?.[command]?.skip) {
          results.set(command, { outDir: '', skipped: true, problems: [], reported: '' });
          continue;
        }
        results.set(command, await runCommand(hostile, ws, command));
      }
      return results;
    });
    running.set(hostile.name, job);
  }
  return job;
}

afterAll(() => {
  if (!process.env.BAOBAN_KEEP_HOSTILE) for (const ws of workspaces) ws.remove();
});

// ---- the tests ------------------------------------------------------------------------------

const STACK = /^\s+at .+(:\d+:\d+\)?|\(native\))$|node:internal\//m;
const NODE_WARNING = /^\(node:\d+\) \w*Warning: /m;

function expectRun(hostile: HostileCase, command: Command, result: CommandResult, expected: Expectation): void {
  const run = result.run!;
  const limits = { ...DEFAULT_LIMITS, ...hostile.limits };
  const console_ = `${run.stdout}\n${run.stderr}`;
  const context = `${hostile.name} › ${command}\n--- stdout\n${run.stdout.slice(-3000)}\n--- stderr\n${run.stderr.slice(-3000)}`;
  expect(run.timedOut, `${context}\nran past ${limits.seconds} s`).toBe(false);
  expect([0, 1, 2], context).toContain(run.code);
  if (expected.exit !== undefined) expect([expected.exit].flat(), context).toContain(run.code);
  else if (result.proofMade) expect(run.code, `${context}\nan unmarked proof has no reviewer notes`).toBe(0);
  expect(console_, `${context}\nprinted a stack trace`).not.toMatch(STACK);
  // Node's own warnings ("(node:1234) Warning: …", a library's words about its API) say nothing
  // located: what a library warns of is a finding at its line.
  expect(console_, `${context}\nprinted a Node warning`).not.toMatch(NODE_WARNING);
  expect(result.problems, context).toEqual([]);
  expect(run.leftovers, `${context}\nprocesses left running`).toEqual([]);
  expect(run.peakRssMb, `${context}\npeak memory of the process tree`).toBeLessThanOrEqual(limits.rssMb);
  for (const id of expected.findings ?? [])
    expect(result.reported, `${context}\nexpected finding ${id}`).toMatch(new RegExp(`\\b${id}\\b`));
  for (const id of expected.absent ?? [])
    expect(result.reported, `${context}\nunexpected finding ${id}`).not.toMatch(new RegExp(`\\b${id}\\b`));
  if (expected.says) expect(console_, context).toMatch(new RegExp(expected.says));
}

describe('hostile corpus', () => {
  // Every case starts at once and waits for a slot; the tests then only wait for their results.
  beforeAll(() => {
    for (const hostile of cases) runCase(hostile).catch(() => undefined);
  });
  for (const hostile of cases) {
    for (const command of COMMANDS) {
      const expected = hostile.commands?.[command] ?? {};
      it.skipIf(Boolean(expected.skip))(`${hostile.name} › ${command}: ${hostile.about}`, { timeout: 3_600_000 }, async () => {
        const results = await runCase(hostile);
        expectRun(hostile, command, results.get(command)!, expected);
      });
    }
  }
});
