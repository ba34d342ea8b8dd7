// The edition plan is checked before anything is built: a plan with overlapping modules, a module
// off the grid, holes and a jump to a page it does not have gives every problem at once, each at
// the plan's file:line:col, exit 2, no stack trace and nothing written; mistakes in the file's
// shape (unknown keys, wrong types, a story with no manuscript) are located the same way, by the
// project's one config schema (src/config/plan.ts is the plan's schema module).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { runCli, ROOT } from '../helpers/cli.js';
import { ConfigError } from '../../src/config/load.js';
import { holes, loadPlan } from '../../src/config/plan.js';
import type { EditionFit } from '../../src/page/write-edition.js';
import { openPdf, textItems } from './helpers/pdf.js';

const BROKEN = 'tests/page/fixtures/edition-fit/broken.yaml';
const GRID = { columns: 2, lines: 40 };
let out: string;

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'baoban-plan-'));
});
afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

/** The problems a plan text gives, as `line:col message` (the plan written into the fixture folder, so its manuscripts resolve). */
async function problemsOf(yaml: string): Promise<string[]> {
  const file = path.join(ROOT, 'tests/page/fixtures/edition-fit', `.plan-${process.pid}-${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(file, yaml);
  try {
    loadPlan(file);
    return [];
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => `${p.line}:${p.column} ${p.message}`);
  } finally {
    await rm(file, { force: true });
  }
}

const story = (s: string) => `      - manuscript: zhuti\n${s}`;
const plan = (stories: string, more = '') =>
  `paper: 测试报\ndate: 2024年1月19日\nlayout: ../layouts/edition-2col.yaml\n${more}pages:\n  - page: 1\n    section: 测试\n    stories:\n${stories}`;

describe('a broken edition plan', () => {
  it('reports every problem at once at its line and column, exits 2 and writes nothing', () => {
    const cli = runCli(['build:pdf', BROKEN, '--out', out]);
    expect(cli.code, cli.stderr).toBe(2);
    expect(cli.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const lines = cli.stderr.trim().split('\n');
    expect(lines[0]).toBe('error: 5 problems in the configuration:');
    const at = (l: number, c: number, pattern: RegExp) =>
      expect(
        lines.some((x) => x.startsWith(`${BROKEN}:${l}:${c}: `) && pattern.test(x)),
        `${l}:${c} ${pattern}\n${cli.stderr}`,
      ).toBe(true);
    // story 2 overlaps story 1: reported at story 2
    at(
      14,
      9,
      /pages\[0\]\.stories\[1\]: overlaps story 1 of page 1 .*\(column 1, lines 1–30\): story 2 of page 1 .* takes columns 1–2, lines 20–29/,
    );
    // story 3 runs off the 2-column grid
    at(18, 9, /pages\[0\]\.stories\[2\] does not fit the grid of 2 columns × 40 lines: story 3 of page 1 .* takes columns 2–3, lines 1–19/);
    // the jump goes to a page the plan does not have
    at(13, 27, /pages\[0\]\.stories\[0\]\.continue\.page is 3, a page the plan does not have \(its pages are 1, 2\)/);
    // and the grid cells no module covers
    at(9, 7, /pages\[0\]\.stories: leave a hole on page 1 at column 2, lines 30–40/);
    at(9, 7, /pages\[0\]\.stories: leave a hole on page 1 at column 1, lines 31–40/);
    expect(existsSync(path.join(out, 'broken'))).toBe(false);
  });

  it('locates mistakes in the plan’s shape: unknown keys with a suggestion, wrong types, a story without a manuscript', async () => {
    const problems = await problemsOf(
      plan(
        `${story('        colums: [1, 2]\n        top: 1\n        lines: 40\n')}` +
          `      - title: 简讯\n        columns: [1, 2]\n        top: 0\n        lines: many\n        box: dotted\n`,
      ),
    );
    expect(problems).toEqual([
      '9:9 unknown key "colums" in pages[0].stories[0]; did you mean "columns"? (pages[0].stories[0].columns is missing)',
      '12:9 pages[0].stories[1]: needs either "manuscript:" (one story) or "manuscripts:" (a brief column of several), and has neither',
      '12:16 pages[0].stories[1].title is the head of a brief column; use it with "manuscripts:"',
      '14:14 pages[0].stories[1].top is 0; write a whole number of at least 1 — the first grid line of the module, counted from 1 at the top of the type area',
      '15:16 pages[0].stories[1].lines is "many"; write a whole number of at least 1 — the module\'s height in grid lines',
      '16:14 pages[0].stories[1].box is "dotted"; write false or one of ruled, shaded — a rule all round the module (ruled) or a shaded box (shaded); false for none',
    ]);
  });

  it('names the key each misspelt key means, at every level of the plan at once (a typo’s value is checked as the key it means)', () => {
    const file = 'tests/page/fixtures/edition-fit/misspelt.yaml';
    const cli = runCli(['build:pdf', file, '--out', out]);
    expect(cli.code, cli.stderr).toBe(2);
    expect(cli.stderr).not.toMatch(/\n\s+at /);
    // every key of the plan, misspelt once in the fixture: line:column, as written, the key it means
    const typos: Array<[number, number, string, string]> = [
      [6, 1, 'papr', 'paper'],
      [7, 1, 'dtae', 'date'],
      [8, 1, 'layuot', 'layout'],
      [9, 1, 'editr', 'editor'],
      [10, 1, 'desinger', 'designer'],
      [12, 5, 'pgae', 'page'],
      [13, 5, 'secton', 'section'],
      [14, 5, 'edtior', 'editor'],
      [15, 5, 'desigenr', 'designer'],
      [16, 5, 'storeis', 'stories'],
      [18, 9, 'colums', 'columns'],
      [19, 9, 'tpo', 'top'],
      [20, 9, 'lnies', 'lines'],
      [21, 21, 'colmuns', 'columns'],
      [21, 38, 'liens', 'lines'],
      [21, 48, 'szie', 'size'],
      [23, 15, 'columsn', 'columns'],
      [23, 32, 'tpo', 'top'],
      [23, 41, 'lnies', 'lines'],
      [24, 21, 'pgae', 'page'],
      [24, 30, 'colums', 'columns'],
      [24, 46, 'tpo', 'top'],
      [24, 54, 'lnies', 'lines'],
      [24, 65, 'haed', 'head'],
      [25, 9, 'manuscirpts', 'manuscripts'],
      [26, 9, 'tilte', 'title'],
      [27, 9, 'kikcer', 'kicker'],
      [28, 9, 'subheadlnie', 'subheadline'],
      [29, 9, 'headlnie', 'headline'],
      [30, 9, 'photso', 'photos'],
      [31, 9, 'bxo', 'box'],
      [32, 9, 'contineu', 'continue'],
      [36, 9, 'manuscrpit', 'manuscript'],
    ];
    const lines = cli.stderr.trim().split('\n');
    for (const [l, c, typo, key] of typos)
      expect(
        lines.filter((x) => x.startsWith(`${file}:${l}:${c}: unknown key "${typo}" `) && x.includes(`did you mean "${key}"?`)),
        `${l}:${c} ${typo}\n${cli.stderr}`,
      ).toHaveLength(1);
    expect(lines.filter((x) => x.includes('unknown key'))).toHaveLength(typos.length);
    // a story's manuscript: or manuscripts: misspelt is said once, with what the story needs, not again as "has neither"
    expect(cli.stderr).not.toContain('has neither');
    expect(lines.filter((x) => x.endsWith('needs "manuscript:" or "manuscripts:")'))).toEqual([
      `${file}:25:9: unknown key "manuscirpts" in pages[0].stories[1]; did you mean "manuscripts"? (pages[0].stories[1] needs "manuscript:" or "manuscripts:")`,
      `${file}:36:9: unknown key "manuscrpit" in pages[0].stories[2]; did you mean "manuscript"? (pages[0].stories[2] needs "manuscript:" or "manuscripts:")`,
    ]);
    // the plan's pages misspelt: the key it means, not only "pages is missing"
    const pages = runCli(['build:pdf', 'tests/page/fixtures/edition-fit/misspelt-pages.yaml', '--out', out]);
    expect(pages.code).toBe(2);
    expect(pages.stderr).toMatch(
      /misspelt-pages\.yaml:5:1: unknown key "pagse" at the top of the file; did you mean "pages"\? \(pages is missing\)/,
    );
    expect(existsSync(path.join(out, 'misspelt'))).toBe(false);
  });

  it('refuses a 报眉 value holding a line break at its line:col, each problem one line (the break written as \\n)', () => {
    // The paper and the section were printed into the 报眉 with their line break (and a progress
    // line broke in two); a 报眉 is one line.
    const file = 'tests/page/fixtures/edition-fit/newline-value.yaml';
    const cli = runCli(['build:pdf', file, '--out', out]);
    expect(cli.code, cli.stderr).toBe(2);
    expect(cli.stderr.trim().split('\n')).toEqual([
      'error: 3 problems in the configuration:',
      `${file}:3:8: paper: holds a line break (after “测试报”), which a 报眉 cannot print: write the value on one line`,
      `${file}:8:14: pages[0].section: holds a line break (after “测试”), which a 报眉 cannot print: write the value on one line`,
      // …and, at once, the manuscript that is not there (config/plan.ts checkPartialPlan)
      `${file}:10:21: pages[0].stories[0].manuscript: "zhu\\nti" is not found in tests/page/fixtures/edition-fit; ` +
        'name a folder with article.md or a .md file, relative to the plan',
    ]);
    expect(existsSync(path.join(out, 'newline-value'))).toBe(false);
  });

  it('refuses a date that is no day or is written so it reads as another, at its line:col with the forms to write', async () => {
    // 2024年2月30日 printed in every page's 报眉 as typed; 19/01/2024 is another day in another country.
    const file = 'tests/page/fixtures/edition-fit/bad-date.yaml';
    const cli = runCli(['build:pdf', file, '--out', out]);
    expect(cli.code, cli.stderr).toBe(2);
    expect(cli.stderr.trim().split('\n')).toEqual([
      `error: ${file}:3:7: date: "2024年2月30日" is no date: 2024年2月 has 29 days; write it 2024-01-19 or 2024年1月19日`,
    ]);
    expect(existsSync(path.join(out, 'bad-date'))).toBe(false);
    const dated = (date: string) =>
      problemsOf(
        plan(story('        columns: [1, 2]\n        top: 1\n        lines: 40\n')).replace('date: 2024年1月19日', `date: ${date}`),
      );
    expect(await dated('19/01/2024')).toEqual([
      '2:7 date: "19/01/2024" is not in a form the desk writes: day and month in this order read differently in different countries; write it 2024-01-19 or 2024年1月19日',
    ]);
    expect(await dated('2024年1月19日 星期四')).toEqual(['2:7 date: "2024年1月19日 星期四": 2024年1月19日 is 星期五, not 星期四']);
    for (const good of ['2024-01-19', '2024年1月19日 星期五', '〔出版日期〕']) expect(await dated(good), good).toEqual([]);
  });

  it('names a manuscript holding a line break as the plan writes it, \\n, on one line', async () => {
    const text = (await readFile(path.join(ROOT, 'tests/page/fixtures/edition-fit/newline-value.yaml'), 'utf8'))
      .replace('"测试报\\n晚刊"', '测试报')
      .replace('"测试\\n第二行"', '测试');
    const file = path.join(ROOT, 'tests/page/fixtures/edition-fit', `.newline-${process.pid}.yaml`);
    await writeFile(file, text);
    try {
      const cli = runCli(['build:pdf', file, '--out', out]);
      expect(cli.code, cli.stderr).toBe(2);
      expect(cli.stderr.trim().split('\n')).toEqual([
        `error: ${path.relative(ROOT, file)}:10:21: pages[0].stories[0].manuscript: "zhu\\nti" is not found in tests/page/fixtures/edition-fit; ` +
          'name a folder with article.md or a .md file, relative to the plan',
      ]);
    } finally {
      await rm(file, { force: true });
    }
  });

  it('says why a continuation cannot continue again, at its key, not only that the key is unknown', async () => {
    const problems = await problemsOf(
      `${plan(story('        columns: [1, 2]\n        top: 1\n        lines: 20\n        continue: { page: 2, columns: [1, 2], top: 1, lines: 40, continue: { page: 3, columns: [1, 2], top: 1, lines: 40 } }\n'))}` +
        '  - page: 2\n    section: 二\n    stories: []\n  - page: 3\n    section: 三\n    stories: []\n',
    );
    expect(problems.filter((p) => p.includes('continue'))).toEqual([
      '12:66 "continue" cannot be in pages[0].stories[0].continue: a story jumps once (下转 on its first page, 上接 on the next): ' +
        'its continuation cannot jump again; give the continuation module more lines or columns, or cut the story to what its two modules hold',
    ]);
  });

  it('refuses a line break however it is typed: a block scalar, a CR, a line separator, in the editor and designer too', async () => {
    const problems = await problemsOf(
      'paper: 测试报\ndate: "2024年\\r1月19日"\nlayout: ../layouts/edition-2col.yaml\neditor: "张三\\u2028李四"\npages:\n' +
        '  - page: 1\n    section: |\n      测试\n      第二行\n    designer: "王五\\u2029赵六"\n    stories:\n' +
        '      - manuscript: zhuti\n        columns: [1, 2]\n        top: 1\n        lines: 40\n',
    );
    const refused = (what: string) => `holds a line break (after “${what}”), which a 报眉 cannot print: write the value on one line`;
    expect(problems).toEqual([
      `2:7 date: ${refused('2024年')}`,
      `4:9 editor: ${refused('张三')}`,
      `7:14 pages[0].section: ${refused('测试')}`,
      `10:15 pages[0].designer: ${refused('王五')}`,
    ]);
  });

  it('says a jump to a page the plan does not have with the plan’s other problems, though another story is broken', async () => {
    // Story 2 (a misspelt key, a continue of its own) is not whole, so holes wait for the whole plan;
    // every page has its number, so story 1's jump to page 3 is said now, not on the next run.
    const problems = await problemsOf(
      plan(
        story(
          '        columns: [1, 1]\n        top: 1\n        lines: 40\n        continue: { page: 3, columns: [1, 1], top: 1, lines: 40 }\n',
        ) +
          '      - manuscript: long\n        colums: [2, 2]\n        top: 1\n        lines: 40\n        continue: { page: 2, columns: [2, 2], top: 1, lines: 40 }\n',
        '',
      ) + '  - page: 2\n    section: 续\n',
    );
    expect(problems).toEqual([
      '12:27 pages[0].stories[0].continue.page is 3, a page the plan does not have (its pages are 1, 2); add that page or jump to one of them',
      '14:9 unknown key "colums" in pages[0].stories[1]; did you mean "columns"? (pages[0].stories[1].columns is missing)',
    ]);
    // a page entry without its number may be the page a jump names: that jump waits for the whole plan
    const unnumbered = await problemsOf(
      plan(
        story(
          '        columns: [1, 2]\n        top: 1\n        lines: 40\n        continue: { page: 3, columns: [1, 2], top: 1, lines: 40 }\n',
        ),
      ) + '  - pgae: 3\n    section: 续\n',
    );
    expect(unnumbered.filter((p) => p.includes('a page the plan does not have'))).toEqual([]);
    expect(unnumbered.some((p) => p.includes('"pgae"'))).toBe(true);
  });

  it('names the story and page the plan wrote when one before it is broken, not the next one along', async () => {
    // Story 1's module is refused by the schema (top: 0) and page 1's number is missing on the
    // second plan: the module off the grid is still story 2 of its page, at its own line.
    const problems = await problemsOf(
      plan(
        story('        columns: [1, 2]\n        top: 0\n        lines: 40\n') +
          story('        columns: [1, 2]\n        top: 1\n        lines: 41\n'),
      ),
    );
    expect(problems).toEqual([
      '10:14 pages[0].stories[0].top is 0; write a whole number of at least 1 — the first grid line of the module, counted from 1 at the top of the type area',
      '12:9 pages[0].stories[1] does not fit the grid of 2 columns × 40 lines: story 2 of page 1 (zhuti) takes columns 1–2, lines 1–41; keep the last column ≤ 2 and top + lines − 1 ≤ 40',
    ]);
    const pages = await problemsOf(
      `${plan(story('        columns: [1, 2]\n        top: 1\n        lines: 40\n')).replace('  - page: 1\n', '  - pgae: 1\n')}` +
        '  - page: 2\n    section: 续\n    stories:\n      - manuscript: long\n        columns: [1, 3]\n        top: 1\n        lines: 40\n',
    );
    expect(pages.filter((p) => p.includes('does not fit'))).toEqual([
      '15:9 pages[1].stories[0] does not fit the grid of 2 columns × 40 lines: story 1 of page 2 (long) takes columns 1–3, lines 1–40; keep the last column ≤ 2 and top + lines − 1 ≤ 40',
    ]);
  });

  it('says a jump to the story’s own page once, not also as the story overlapping its own continuation', async () => {
    const problems = await problemsOf(
      plan(
        story(
          '        columns: [1, 2]\n        top: 1\n        lines: 40\n        continue: { page: 1, columns: [1, 2], top: 1, lines: 10 }\n',
        ),
      ),
    );
    expect(problems).toEqual(["12:27 pages[0].stories[0].continue.page is 1, the story's own page; a jump continues on another page"]);
  });

  it('checks a continuation whose head has a mistake: its jump to an earlier page and its overlaps are said with it', async () => {
    const problems = await problemsOf(
      plan(story('        columns: [1, 2]\n        top: 1\n        lines: 40\n')) +
        '  - page: 2\n    section: 续\n    stories:\n      - manuscript: long\n        columns: [1, 2]\n        top: 1\n        lines: 40\n' +
        '        continue: { page: 1, columns: [1, 2], top: 1, lines: 40, head: "" }\n',
    );
    expect(problems).toEqual([
      '19:19 pages[1].stories[0].continue: overlaps story 1 of page 1 (zhuti) (columns 1–2, lines 1–40): the continuation of story 1 of page 2 (long) takes columns 1–2, lines 1–40; move one of them or make it smaller',
      "19:27 pages[1].stories[0].continue.page is 1, before the story's own page 2; a story continues on a later page (下转 runs forward): continue on a page after 2, or start the story on page 1",
      "19:72 pages[1].stories[0].continue.head is empty; write text — the continuation head (default: the story's headline)",
    ]);
  });

  it('checks photo slots and headline blocks against their story’s module, and names a manuscript that is missing', async () => {
    const problems = await problemsOf(
      plan(
        story(
          '        columns: [1, 2]\n        top: 1\n        lines: 40\n        headline: { columns: [1, 2], lines: 6 }\n' +
            '        photos:\n          - { columns: [1, 2], top: 4, lines: 10 }\n          - { columns: [2, 3], top: 30, lines: 20 }\n',
        ) + '      - manuscript: nowhere\n        columns: [1, 2]\n        top: 41\n        lines: 1\n',
      ),
    );
    expect(problems).toEqual([
      '14:13 pages[0].stories[0].photos[0]: overlaps the headline block of the same story (columns 1–2, lines 1–6): photo slot 1 takes columns 1–2, lines 4–13',
      "15:13 pages[0].stories[0].photos[1] is not inside its story's module (columns 1–2, lines 1–40): photo slot 2 takes columns 2–3, lines 30–49; move it into the module",
      '16:9 pages[0].stories[1] does not fit the grid of 2 columns × 40 lines: story 2 of page 1 (nowhere) takes columns 1–2, line 41; keep the last column ≤ 2 and top + lines − 1 ≤ 40',
      '16:21 pages[0].stories[1].manuscript: "nowhere" is not found in tests/page/fixtures/edition-fit; name a folder with article.md or a .md file, relative to the plan',
    ]);
  });

  it('refuses an absolute path into the plan’s own folder as an absolute path, naming the relative one', async () => {
    const abs = path.join(ROOT, 'tests/page/fixtures/edition-fit/zhuti');
    const problems = await problemsOf(plan(`      - manuscript: ${abs}\n        columns: [1, 2]\n        top: 1\n        lines: 40\n`));
    expect(problems).toEqual([
      `8:21 pages[0].stories[0].manuscript: "${abs}" is an absolute path; name the manuscript relative to the plan, as zhuti`,
    ]);
  });

  it('says a key written with empty text is empty, not missing (“add section:” to a plan that has it)', async () => {
    const problems = await problemsOf(
      plan(story('        columns: [1, 2]\n        top: 1\n        lines: 40\n')).replace('section: 测试', 'section: ""'),
    );
    expect(problems).toEqual(['6:14 pages[0].section is empty; write text — the page’s section (版别), printed in its 报眉']);
  });

  it('reads YAML merge keys (<<: *anchor): modules given one geometry, each with its own keys over it', () => {
    const read = loadPlan(path.join(ROOT, 'tests/page/fixtures/edition-fit/anchors.yaml'));
    expect(read.pages[0].stories.map((s) => [s.manuscript, s.columns, s.top, s.lines])).toEqual([
      ['zhuti', [1, 1], 1, 40],
      ['long', [2, 2], 1, 40],
    ]);
    // a merge of something that is not a mapping: said at the merge key's value, in its own words
    const file = 'tests/page/fixtures/edition-fit/merge-list.yaml';
    const cli = runCli(['build:pdf', file, '--out', out]);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trim()).toBe(`error: ${file}:10:13: Merge sources must be maps or map aliases; write the values out instead`);
  });

  it('builds a jump page: a page of continuations only, with no stories of its own; a page with neither is a hole', async () => {
    const cli = runCli(['build:pdf', 'tests/page/fixtures/edition-fit/jump-page.yaml', '--out', out]);
    expect(cli.code, cli.stderr).toBe(0);
    const { doc } = await openPdf(path.join(out, 'jump-page', 'page-2.pdf'));
    const text = (await textItems(doc)).map((i) => i.str.replace(/\s+/g, '')).join('');
    await doc.destroy();
    // both stories resume on page 2, each under its jump line
    expect(text.match(/（上接第1版）/g)).toHaveLength(2);
    const report: EditionFit = JSON.parse(await readFile(path.join(out, 'jump-page', 'edition.fit.json'), 'utf8'));
    expect(report.stories.map((s) => [s.flow, s.continues])).toEqual([
      ['p1s1', { page: 2, used: true, room: true }],
      ['p1s2', { page: 2, used: true, room: true }],
      ['p1s3', undefined],
    ]);
    const bare = 'tests/page/fixtures/edition-fit/bare-page.yaml';
    const refused = runCli(['build:pdf', bare, '--out', out]);
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim()).toBe(
      `error: ${bare}:28:5: pages[2].stories: leave a hole on page 3 at columns 1–2, lines 1–40: no module covers it; extend a module or add a story there`,
    );
  }, 120_000);

  it('builds the editions of a folder of plans (editions/) given to build:pdf, not its stories as pages of their own', () => {
    const cli = runCli(['build:pdf', 'tests/page/fixtures/editions', '--out', out]);
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stdout).toMatch(/one: 1 page, 1 story \(0 overset\), 1 page at a time/);
    expect(existsSync(path.join(out, 'one', 'page-1.pdf'))).toBe(true);
    expect(existsSync(path.join(out, 'duan'))).toBe(false);
  }, 120_000);

  it('finds the holes a page leaves as rectangles of the grid', () => {
    const m = (c: [number, number], top: number, lines: number) => ({ columns: c, top, lines });
    expect(holes([m([1, 2], 1, 40)], GRID)).toEqual([]);
    expect(holes([m([1, 1], 1, 40), m([2, 2], 1, 10)], GRID)).toEqual([m([2, 2], 11, 30)]);
    expect(holes([m([1, 2], 1, 10), m([1, 2], 21, 20)], GRID)).toEqual([m([1, 2], 11, 10)]);
  });
});
