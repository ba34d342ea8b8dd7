// A newcomer's mistakes on the command line, run as the user runs them (the CLI in a child
// process): each is one line in words, what is wrong and how to fix it (a "did you mean" for a
// typo), exit 2, never a stack trace; and a command run through npm from a manuscript's own folder
// takes the paths typed there.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'baoban-usage-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const SEED = 'manuscript/ningju-gongshi';
const PLAN = 'manuscript/editions/2024-01-19.yaml';
const SERIES = 'manuscript/series.yaml';

/** The one line a refused command prints (exit 2, no stack trace, nothing on stdout). */
function refusal(args: string[], env: Record<string, string> = {}): string {
  const cli = runCli(args, env);
  expect(cli.stderr).not.toMatch(/^\s+at |node:internal|ERR_PARSE_ARGS/m);
  const lines = cli.stderr.split('\n').filter((l) => l.startsWith('error: '));
  expect(lines, cli.stderr).toHaveLength(1);
  expect(cli.code).toBe(2);
  return lines[0];
}

describe('a typo in a command or a flag', () => {
  it('a misspelt command, or a part of a name, says which was meant', () => {
    expect(refusal(['build:pfd'])).toBe(
      'error: unknown command "build:pfd": did you mean npm run build:pdf? ' +
        '(the commands: build:pdf, build:proof, proof:notes, build:html, build:epub, check, standins, browser, bench; each takes --help)',
    );
    expect(refusal(['epub'])).toMatch(/^error: unknown command "epub": did you mean npm run build:epub\?/);
    expect(refusal(['proof'])).toMatch(/did you mean npm run build:proof or npm run proof:notes\?/);
    expect(refusal(['publish'])).toMatch(/^error: unknown command "publish" \(the commands: build:pdf, /);
  });

  it('a misspelt flag says which was meant and where the options are listed', () => {
    expect(refusal(['check', SEED, '--fromat', 'json'])).toBe(
      'error: unknown option --fromat: did you mean --format? (the options: npm run check -- --help)',
    );
    expect(refusal(['build:pdf', SEED, '--layuot', 'tabloid-5col'])).toMatch(/unknown option --layuot: did you mean --layout\?/);
    expect(refusal(['build:epub', '--no-valdate'])).toMatch(/unknown option --no-valdate: did you mean --no-validate\?/);
    expect(refusal(['check', '--json'])).toMatch(/^error: unknown option --json: did you mean --format json\?/);
    expect(refusal(['proof:notes', 'x.pdf', '--json'])).toMatch(/^error: unknown option --json: did you mean --format json\?/);
    expect(refusal(['check', '-x'])).toBe('error: unknown option -x (the options: npm run check -- --help)');
  });

  it('a flag without its value, a switch given one, an argument where none is taken', () => {
    expect(refusal(['build:pdf', SEED, '--out'])).toBe(
      'error: --out needs a value after it: --out VALUE (the options: npm run build:pdf -- --help)',
    );
    // a negative number after the flag is read as an option: said so, not as a value missing
    expect(refusal(['build:proof', SEED, '--round', '-1'])).toMatch(
      /^error: --round -1: a value starting with - is read as an option, not as --round's value; write --round=-1 if you mean it/,
    );
    expect(refusal(['build:proof', SEED, '--round=-1'])).toMatch(/^error: --round must be a whole number of at least 1/);
    expect(refusal(['build:pdf', SEED, '--final=yes'])).toMatch(/^error: --final takes no value: write --final alone/);
    expect(refusal(['bench', 'fast'])).toMatch(/^error: unexpected argument "fast": this command takes only options/);
    expect(refusal(['bench', '--runs', 'many'])).toBe('error: --runs must be a whole number of at least 1, not "many"');
  });

  it('--concurrency with a manuscript (it lays out an edition plan’s pages) is refused, not taken and ignored', () => {
    expect(refusal(['build:pdf', SEED, '--concurrency', '2', '--out', path.join(dir, 'conc')])).toMatch(
      /^error: --concurrency does not apply to a manuscript: it lays out the pages of an edition plan at once/,
    );
    expect(existsSync(path.join(dir, 'conc'))).toBe(false);
  });

  it('no command at all: the list of commands, on stderr, exit 2', () => {
    const cli = runCli([]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/^Usage: npm run <command>/m);
  });
});

describe('the wrong kind of file for a command', () => {
  it('build:epub given an edition plan, a series file or a manuscript: what it is and the command that takes it', () => {
    expect(refusal(['build:epub', PLAN])).toMatch(
      /^error: manuscript\/editions\/2024-01-19\.yaml is an edition plan: build it with npm run build:pdf -- manuscript\/editions\/2024-01-19\.yaml; build:epub takes volume numbers/,
    );
    expect(refusal(['build:epub', SERIES])).toMatch(
      /is an e-book series file: name it with --series \(npm run build:epub -- --series manuscript\/series\.yaml\)/,
    );
    expect(refusal(['build:epub', SEED])).toMatch(/manuscript\/ningju-gongshi is a manuscript, not a volume: .*--series/);
    expect(refusal(['build:epub', '7'])).toMatch(/there is no volume "7"; volumes are 1$/);
  });

  it('--series given a plan or a layout, --layout given the series or a plan: what it is, not every key the schema refuses', () => {
    expect(refusal(['build:epub', '--series', PLAN])).toBe(
      `error: --series ${PLAN} is an edition plan file (manuscript/editions/<name>.yaml), not an e-book series file ` +
        `(manuscript/series.yaml): build it with \`npm run build:pdf -- ${PLAN}\``,
    );
    expect(refusal(['build:epub', '--series', 'templates/newspaper/layouts/tabloid-5col.yaml'])).toMatch(
      /is a page layout file .*: use it with `npm run build:pdf -- --layout templates\/newspaper\/layouts\/tabloid-5col\.yaml`$/,
    );
    expect(refusal(['build:pdf', SEED, '--layout', SERIES, '--out', path.join(dir, 'lay')])).toMatch(
      /^error: --layout manuscript\/series\.yaml is an e-book series file \(manuscript\/series\.yaml\), not a page layout file/,
    );
    expect(refusal(['build:proof', SEED, '--layout', PLAN, '--out', path.join(dir, 'lay')])).toMatch(
      /^error: --layout manuscript\/editions\/2024-01-19\.yaml is an edition plan file/,
    );
    expect(existsSync(path.join(dir, 'lay'))).toBe(false);
  });

  it('build:html and build:proof given a plan or a series file: what it is and the command that takes it (check takes a plan: tests/check/plan)', () => {
    expect(refusal(['build:html', PLAN])).toBe(
      `error: ${PLAN}: not a manuscript: it is an edition plan; build it with \`npm run build:pdf -- ${PLAN}\``,
    );
    expect(refusal(['build:html', SERIES])).toMatch(
      /not a manuscript: it is an e-book series file .*npm run build:epub -- --series manuscript\/series\.yaml/,
    );
    expect(refusal(['build:proof', 'templates/fonts.yaml'])).toMatch(
      /not a manuscript: it is a fonts file .*npm run check -- --config-only templates\/fonts\.yaml/,
    );
  });

  it('a manuscript folder without article.md names the files it holds and says to rename the manuscript', () => {
    const folder = 'tests/fixtures/usage/no-article';
    expect(refusal(['build:pdf', folder, '--out', path.join(dir, 'out')])).toBe(
      `error: ${folder}: no manuscript in this folder: a manuscript is a folder holding article.md (or other *.md files), ` +
        'or a .md file named itself; it holds draft.markdown, notes.txt: rename the manuscript to article.md, or name the file',
    );
    const empty = path.join(dir, 'empty');
    mkdirSync(empty);
    expect(refusal(['check', empty])).toMatch(/no manuscript in this folder: .*; the folder is empty$/);
  });
});

describe('summaries that say what happened', () => {
  it('standins with nothing to draw says why: the stand-ins are there, or none is named', () => {
    const kept = runCli(['standins', SEED]);
    expect(kept.code).toBe(0);
    expect(kept.stdout).toMatch(/^standins: 0 outputs written in .*\n {2}1 stand-in already drawn, kept \(--force draws it again\)$/m);
    const none = runCli(['standins', 'manuscript/editions/2024-01-19/heli']);
    expect(none.stdout).toContain('  no figure names a stand-in (*.standin.jpg or *.standin.png) in 1 manuscript');
  });

  it('build:epub lists the findings report it writes beside each volume among its outputs', () => {
    const out = path.join(dir, 'epub');
    const cli = runCli(['build:epub', '--no-validate', '--out', out]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/^build:epub: 3 outputs written in /m);
    for (const name of ['zhengxie-lvzhi-1.epub', 'zhengxie-lvzhi-1.onix.xml', 'zhengxie-lvzhi-1.findings.txt']) {
      expect(cli.stdout).toContain(`  ${path.join(out, name)}\n`);
      expect(existsSync(path.join(out, name))).toBe(true);
    }
  });
});

describe('options typed without "--" after npm run', () => {
  // npm takes them as its own settings (a warning, then the command runs without them): a press
  // build that is not --final, a check that does not --fix. Run through npm, as the user types it.
  const npm = (args: string[]) => {
    const { npm_lifecycle_event: _e, INIT_CWD: _i, ...env } = process.env;
    return spawnSync('npm', ['run', ...args], { cwd: ROOT, encoding: 'utf8', env, timeout: 120_000 });
  };

  it('`npm run check --fix` fixes nothing and says how to type it', () => {
    const before = readFileSync(path.join(ROOT, SEED, 'article.md'), 'utf8');
    const run = npm(['check', '--fix']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(
      'error: npm took --fix for itself (typed without "--" before it), so check would run without it: ' +
        'write the options after "--", as in npm run check -- --fix …',
    );
    expect(readFileSync(path.join(ROOT, SEED, 'article.md'), 'utf8')).toBe(before);
  });

  it('`npm run build:pdf --final --out DIR --no-preview` builds nothing', () => {
    const out = path.join(dir, 'npm-final');
    const run = npm(['build:pdf', '--final', '--no-preview', '--out', out]);
    expect(run.status).toBe(2);
    // In the order of the command's usage line.
    expect(run.stderr).toContain(
      'error: npm took --out --no-preview --final for itself (typed without "--" before them), so build:pdf would run without them: ' +
        'write the options after "--", as in npm run build:pdf -- --out --no-preview --final …',
    );
    expect(existsSync(out)).toBe(false);
  });
});

describe('where the command runs', () => {
  it('`npm run check -- article.md` typed in the manuscript folder reads that folder’s article.md', () => {
    // What npm gives the script: the project as the working folder, the user's folder in INIT_CWD.
    const env = { INIT_CWD: path.join(ROOT, SEED), npm_lifecycle_event: 'check' };
    const cli = runCli(['check', 'article.md', '--format', 'json'], env);
    expect(cli.stderr).not.toMatch(/cannot read manuscript/);
    expect(cli.code).toBe(1);
    const files = new Set((JSON.parse(cli.stdout) as Array<{ file: string }>).map((f) => f.file));
    expect([...files]).toEqual([path.join(ROOT, SEED, 'article.md')]);
    // The full report's place as the user can follow it from there.
    const text = runCli(['check', 'article.md'], env);
    expect(text.stdout).toContain('full report: ../../dist/check/findings.txt');
  });

  it('a CLI that another npm script runs (a test under npm test) keeps the project as its folder', () => {
    const cli = runCli(['check', `${SEED}/article.md`, '--format', 'json'], { INIT_CWD: dir, npm_lifecycle_event: 'test' });
    expect(cli.code).toBe(1);
  });
});

describe('colours', () => {
  // A terminal, as a user has one: util-linux script(1) runs the command on a pseudo-terminal.
  const inTerminal = (command: string, env: Record<string, string> = {}) => {
    const { NO_COLOR: _n, FORCE_COLOR: _f, ...rest } = process.env;
    return spawnSync('script', ['-qec', command, '/dev/null'], { cwd: ROOT, encoding: 'utf8', env: { ...rest, TERM: 'xterm', ...env } });
  };
  const cli = `${process.execPath} src/cli/run.mjs check ${SEED}/article.md`;
  const ESC = '\u001b[';

  it('on a terminal the findings are coloured; with NO_COLOR they are not', () => {
    expect(inTerminal(cli).stdout).toContain(ESC);
    expect(inTerminal(cli, { NO_COLOR: '1' }).stdout).not.toContain(ESC);
  });

  it('in a terminal narrower than the rows, the findings are not padded into columns of spaces', () => {
    const rows = (cols: number) =>
      inTerminal(`stty cols ${cols}; ${cli}`, { NO_COLOR: '1' })
        .stdout.split(/\r?\n/)
        .filter((l) => /^\s*\d+:\d+-\d+:\d+\s/.test(l));
    const narrow = rows(80);
    expect(narrow.length).toBeGreaterThan(10);
    for (const row of narrow) expect(row).not.toMatch(/\S {3,}\S/);
    expect(narrow).toContain(
      '4:8-4:12  error  Front matter "paper" is still a placeholder (〔报名〕): fill it in  matter-placeholder  baoban',
    );
    // A terminal wide enough keeps vfile-reporter's columns.
    expect(rows(300).some((row) => /\S {3,}\S/.test(row))).toBe(true);
  });

  it('`npm run check > report.txt` in a terminal writes no escape codes into the file', () => {
    const report = path.join(dir, 'report.txt');
    inTerminal(`${cli} > ${report}`);
    const text = readFileSync(report, 'utf8');
    expect(text).toContain('matter-placeholder');
    expect(text).not.toContain(ESC);
  });
});
