// Modules too small for what a layout editor put in them (tests/page/fixtures/edition-cramped/):
// a continuation its head fills, a 主题 far too big for its block, a module its headline block
// takes whole. Each is reported at the plan's line and column, the overset counted in the
// module's column (not a character a line), no head prints over the stories beside it, and the
// story whose continuation has no room is not told that it "fits its module". A jump backwards
// (a story continuing on an earlier page) is refused at the plan's line and column.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { runCli, runCliAsync, ROOT } from '../helpers/cli.js';
import { openPdf, textItems, type Glyphs } from './helpers/pdf.js';
import { type Box, PageFrame, readPlan } from './helpers/edition.js';
import type { EditionFit } from '../../src/page/write-edition.js';

const DIR = 'tests/page/fixtures/edition-cramped';
const PLAN = `${DIR}/cramped.yaml`;
let out: string;
let cli: Awaited<ReturnType<typeof runCliAsync>>;
let fit: EditionFit;
let doc: PDFDocumentProxy;
let items: Glyphs[];
let frame: PageFrame;

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'baoban-cramped-'));
  cli = await runCliAsync(['build:pdf', PLAN, '--out', out]);
  fit = JSON.parse(await readFile(path.join(out, 'cramped', 'edition.fit.json'), 'utf8'));
  const pdf = await openPdf(path.join(out, 'cramped', 'page-1.pdf'));
  doc = pdf.doc;
  items = await textItems(doc);
  frame = new PageFrame((await readPlan(path.join(ROOT, PLAN))).grid, pdf.lib.getPage(0).getTrimBox());
}, 300_000);

afterAll(async () => {
  await doc?.destroy();
  if (out) await rm(out, { recursive: true, force: true });
});

/** The finding lines of the build's report that carry `rule`. */
const findings = (rule: string) => cli.stderr.split('\n').filter((l) => l.includes(rule));
/** Does the glyph's em box (88 % above its baseline, 12 % below: the layouts' font metrics) reach into the box? */
const overlaps = (i: Glyphs, b: Box) =>
  i.x < b.right && i.x + i.width > b.left && i.y - 0.12 * i.size < b.top && i.y + 0.88 * i.size > b.bottom;

describe('an edition whose modules are too small for their heads', () => {
  it('builds, and reports a continuation its head fills at the plan’s continue:, never as a story that fits', () => {
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stderr).not.toMatch(/\n\s+at /);
    const noRoom = findings('edition-module-no-room');
    expect(noRoom.filter((l) => l.includes(`${PLAN}:19:19 pages[0].stories[0].continue`) && /no line left for text/.test(l))).toHaveLength(
      1,
    );
    expect(findings('edition-jump-unused')).toEqual([]);
    const long = fit.stories.find((s) => s.flow === 'p1s1')!;
    expect(long.fit.status).toBe('overset');
    expect(long.continues).toEqual({ page: 2, used: false, room: false });
    expect(cli.stdout).toMatch(/p1s1 long: OVERSET \d+ lines .*continues on page 2 \(no line for text there\)/);
  });

  it('counts the overset of a module with no text frame in its column, not a character a line', () => {
    const brief = fit.stories.find((s) => s.flow === 'p1s3')!;
    expect(brief.fit.status).toBe('overset');
    expect(brief.fit.oversetChars).toBe(18);
    // 18 characters in a 13-character column: 2 lines
    expect(brief.fit.oversetLines).toBe(2);
    expect(findings('edition-module-no-room').filter((l) => l.includes(`${PLAN}:25:9 pages[0].stories[2]`))).toHaveLength(1);
  });

  it('reports a 主题 too big for its block as an error at the plan’s story, and cuts it at the block’s edge', () => {
    const cut = findings('edition-headline-overflow').filter((l) => l.includes(`${PLAN}:20:9 pages[0].stories[1]`));
    expect(cut, cli.stderr).toHaveLength(1);
    expect(cut[0]).toMatch(/error/);
    expect(fit.stories.find((s) => s.flow === 'p1s2')!.headOverflow).toEqual([
      expect.objectContaining({ page: 1, kind: 'story', lines: 3 }),
    ]);
    // zhuti's 60 pt 主题, centred in a block of 3 lines of column 2, would run 30 lines above and
    // below it: every glyph printed touches the block.
    const block = frame.box([2, 2], 1, 3);
    const head = items.filter((i) => i.str.trim() && i.size > 50);
    expect(head.length).toBeGreaterThan(0);
    for (const i of head) expect(overlaps(i, block), `“${i.str}” at ${i.x.toFixed(1)}, ${i.y.toFixed(1)}`).toBe(true);
  });
});

describe('a boxed module of two lines (all of them the air inside its box)', () => {
  it('gives its headline block no line, reports it cut and why the module has no room, and prints none of it outside', async () => {
    const place = `${PLAN}:38:9 pages[1].stories[1]`;
    const cut = findings('edition-headline-overflow').filter((l) => l.includes(place));
    expect(cut, cli.stderr).toHaveLength(1);
    expect(cut[0]).toMatch(/does not fit its 0 line\(s\)/);
    expect(findings('edition-module-no-room').filter((l) => l.includes(place))[0]).toMatch(
      /its 2 line\(s\) go to the air inside its box \(2\) and the gap above the module below it \(1\)/,
    );
    // Laid out, the block grew to its text's height (a negative height is no height) and its 主题
    // printed over the story below: now nothing of it lies outside the module.
    const pdf = await openPdf(path.join(out, 'cramped', 'page-2.pdf'));
    const page2 = await textItems(pdf.doc);
    await pdf.doc.destroy();
    const module = frame.box([2, 2], 1, 2);
    const heads = page2.filter((i) => i.str.includes('二') && i.size > frame.g.em * 1.2); // yuan's 主题 短讯二则
    for (const i of heads) expect(overlaps(i, module), `“${i.str}” at ${i.x.toFixed(1)}, ${i.y.toFixed(1)}`).toBe(true);
  });
});

describe('a photo slot the plan gives a story with no photo', () => {
  it('is said to be the plan’s, not the layout’s', () => {
    const empty = cli.stderr.split('\n').filter((l) => l.includes('page-photo-slot-empty'));
    expect(empty).toHaveLength(1);
    expect(empty[0]).toContain('1 photo slot(s) the edition plan gives the story have no photo and stay empty');
  });
});

describe('a photo slot where the story’s headline block goes', () => {
  it('is an error at the slot’s line and column, naming the lines the headline takes', async () => {
    const file = `${DIR}/photo-over.yaml`;
    const run = await runCliAsync(['build:pdf', file, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const over = run.stderr.split('\n').filter((l) => l.includes('edition-photo-over-headline'));
    expect(over).toHaveLength(1);
    expect(over[0]).toMatch(/ error /);
    expect(over[0]).toMatch(
      new RegExp(
        `Photo slot 1 \\(${file}:16:13 pages\\[0\\]\\.stories\\[0\\]\\.photos\\[0\\]\\) lies over the story's headline block \\(columns 1–2, lines 1–\\d+,`,
      ),
    );
  }, 300_000);
});

describe('a photo story whose headline block and photo slot take its whole module', () => {
  it('says where the module’s lines went, its photo slot’s included', async () => {
    const file = `${DIR}/photo-fills.yaml`;
    const run = await runCliAsync(['build:pdf', file, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const noRoom = run.stderr.split('\n').filter((l) => l.includes('edition-module-no-room'));
    expect(noRoom, run.stderr).toHaveLength(1);
    expect(noRoom[0]).toContain(
      `The story's module on page 1 (${file}:12:9 pages[0].stories[0]) has no line left for text: its 40 line(s) go to its headline block (3) ` +
        'and its photo slot (37); none of its text is printed there; give the module more lines, or its headline block or photo slots fewer ' +
        '(headline: { lines: … }, photos: [{ lines: … }])',
    );
  }, 300_000);
});

describe('a page whose section is too long for its 报眉', () => {
  it('is an error naming the page and its section’s line and column; the page whose 报眉 fits is not named; credits the plan does not give are said', async () => {
    const file = `${DIR}/long-head.yaml`;
    const run = await runCliAsync(['build:pdf', file, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const over = run.stderr.split('\n').filter((l) => l.includes('edition-running-head-overflow'));
    expect(over, run.stderr).toHaveLength(1);
    expect(over[0]).toMatch(/ error +The 报眉 of page 1 does not fit the type area's width \(it runs [\d.]+ mm past it\)/);
    expect(over[0]).toContain(`the page's section (${file}:10:14 pages[0].section)`);
    // page 1's 报眉 names the credits the plan does not give: said, with where to add them; page 2 gives its own
    const missing = run.stderr.split('\n').filter((l) => l.includes('edition-running-head-missing'));
    expect(missing, run.stderr).toHaveLength(1);
    expect(missing[0]).toMatch(
      / warning +The 报眉 of page 1 \(layout tabloid-5col, runningHead\) names \{\{editor\}\}, \{\{designer\}\}, which the plan does not give, so they print as nothing: add editor: and designer: to /,
    );
    expect(missing[0]).toContain(`or to the page (${file}:9:5 pages[0])`);
  }, 300_000);
});

describe('a plan whose 报眉 values are still placeholders', () => {
  it('is an error for each value, at its place in the plan, naming the pages whose 报眉 would print it', async () => {
    const file = `${DIR}/placeholder.yaml`;
    const run = await runCliAsync(['build:pdf', file, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const said = run.stderr.split('\n').filter((l) => l.includes('edition-plan-placeholder'));
    expect(said, run.stderr).toHaveLength(3);
    const at = (text: string) =>
      expect(
        said.some((l) => / error +/.test(l) && l.includes(text)),
        `${text}\n${said.join('\n')}`,
      ).toBe(true);
    at(
      `The plan's editor is still a placeholder (〔责任编辑〕) at ${file}:8:9 editor: the 报眉 of pages 1, 2 prints it as written; fill it in`,
    );
    at(
      `The plan's designer is still a placeholder (〔美术编辑〕) at ${file}:9:11 designer: the 报眉 of page 1 prints it as written; fill it in`,
    );
    at(
      `The plan's section is still a placeholder (〔版别〕) at ${file}:19:14 pages[1].section: the 报眉 of page 2 prints it as written; fill it in`,
    );
    // a press build refuses it, as it refuses a manuscript's own placeholder
    const final = await runCliAsync(['build:pdf', file, '--final', '--out', path.join(out, 'final')]);
    expect(final.code, final.stderr).toBe(1);
    expect(existsSync(path.join(out, 'final', 'placeholder'))).toBe(false);
  }, 300_000);
});

describe('two plans of one name, from two folders, in one run', () => {
  it('is refused before either is built: exit 2, nothing written', async () => {
    const fresh = await mkdtemp(path.join(os.tmpdir(), 'baoban-same-name-'));
    try {
      const [a, b] = [`${DIR}/twice.yaml`, `${DIR}/again/twice.yaml`];
      const run = runCli(['build:pdf', a, b, '--out', fresh]);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr.trim()).toBe(
        `error: ${b} and ${a} would both be written to ${fresh}/twice/; rename one of them, or build them one at a time with --out`,
      );
      expect(existsSync(path.join(fresh, 'twice'))).toBe(false);
    } finally {
      await rm(fresh, { recursive: true, force: true });
    }
  });
});

describe('characters the fonts cannot show, in the plan and in a manuscript that continues', () => {
  it('says the plan’s once per page, naming the plan, and the manuscript’s once, to it', async () => {
    const file = `${DIR}/glyphs.yaml`;
    const run = await runCliAsync(['build:pdf', file, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const said = run.stderr.split('\n').filter((l) => l.includes('page-font-coverage'));
    expect(said, run.stderr).toHaveLength(3);
    for (const page of [1, 2])
      expect(
        said.filter(
          (l) => l.includes(`1 character(s) the plan puts on page ${page} (its 报眉, heads or jump lines): 📰;`) && l.includes(file),
        ),
      ).toHaveLength(1);
    // the manuscript's own: once (it prints on pages 1 and 2), and only its own character
    const zi = run.stderr.slice(run.stderr.indexOf('zi/article.md'));
    expect(said.filter((l) => /cannot show 1 character\(s\): 𠀀;/.test(l))).toHaveLength(1);
    expect(zi).toMatch(/cannot show 1 character\(s\): 𠀀;/);
  }, 300_000);
});

describe('an edition plan named like another config file', () => {
  it('is refused with what it is read as and how to name it, exit 2', () => {
    const file = `${DIR}/book.yaml`;
    const run = runCli(['build:pdf', file, '--out', out]);
    expect(run.code, run.stderr).toBe(2);
    expect(run.stderr.trim()).toBe(
      `error: ${file}: is named like an e-book settings file (templates/epub/book.yaml), so it is read as that; an edition plan needs a name of its own, e.g. 2024-01-19.yaml: rename it`,
    );
  });
});

describe('a plan whose story jumps back to an earlier page', () => {
  it('is refused at the jump’s page, exit 2, nothing written', () => {
    const file = `${DIR}/backward.yaml`;
    const refused = runCli(['build:pdf', file, '--out', out]);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    expect(refused.stderr.trim()).toBe(
      `error: ${file}:21:27: pages[1].stories[0].continue.page is 1, before the story's own page 2; a story continues on a later page (下转 runs forward): continue on a page after 2, or start the story on page 1`,
    );
    expect(existsSync(path.join(out, 'backward'))).toBe(false);
  });
});

describe('a plan whose layout is wrong', () => {
  it('shows each problem of its layout at the layout’s own line and column, and names the layouts a plan can name', () => {
    const broken = `${DIR}/plan-broken-layout.yaml`;
    const named = `${DIR}/plan-layout-name.yaml`;
    const refused = runCli(['build:pdf', broken, named, '--out', out]);
    expect(refused.code, refused.stderr).toBe(2);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    const lines = refused.stderr.trim().split('\n');
    expect(lines[0]).toBe('error: 4 problems in the configuration:');
    const layout = `${DIR}/broken-layout.yaml`;
    const own = `${broken}:4:9: layout: names ${layout}, which has a problem of its own — ${layout}`;
    expect(lines.filter((l) => l.startsWith(`${own}:10:15: type.lineHeight is "big"; write a type size`))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith(`${own}:14:12: grid.columns is 0; write a whole number of at least 1`))).toHaveLength(1);
    expect(lines).toContain(
      `${named}:4:9: layout is "小报 两栏", not a layout of templates/newspaper/layouts/ (feature-8col, tabloid-5col); name one of them, or a .yaml file relative to the plan`,
    );
  });
});

describe('a plan that names one manuscript three times', () => {
  it('prints it each time and says each repeat, with both places in the plan', async () => {
    const file = `${DIR}/twice.yaml`;
    const twice = await runCliAsync(['build:pdf', file, '--out', out]);
    expect(twice.code, twice.stderr).toBe(0);
    const said = twice.stderr.split('\n').filter((l) => l.includes('edition-story-twice'));
    expect(said).toHaveLength(2);
    const first = `${file}:11:21 pages[0].stories[0].manuscript`;
    expect(said[0]).toContain(`printed twice in the edition: at ${first} and again at ${file}:15:21 pages[0].stories[1].manuscript`);
    expect(said[1]).toContain(`at ${first} and again at ${file}:19:29 pages[0].stories[2].manuscripts[1]`);
    const { doc } = await openPdf(path.join(out, 'twice', 'page-1.pdf'));
    const text = (await textItems(doc)).map((i) => i.str.replace(/\s+/g, '')).join('');
    await doc.destroy();
    expect(text.split('自治区政协机关组织开展学习活动').length - 1).toBe(3);
  }, 300_000);
});

describe('a layout whose 报眉 misspells a key ({{desinger}})', () => {
  // It was said at the manuscript's 1:1 as "take {{desinger}} out of the layout's runningHead", nowhere near where it is written.
  it('is a warning naming the layout file’s line and column and the key it means', async () => {
    const run = await runCliAsync(['build:pdf', `${DIR}/head-typo.yaml`, '--out', out]);
    expect(run.code, run.stderr).toBe(0);
    const missing = run.stderr.split('\n').filter((l) => l.includes('edition-running-head-missing'));
    expect(missing, run.stderr).toHaveLength(1);
    expect(missing[0]).toContain(
      `names {{desinger}}, which the plan does not give, so it prints as nothing: a plan gives no such value: correct or take out {{desinger}} at ${DIR}/head-typo-5col.yaml:32:32 runningHead.right: did you mean {{designer}}?`,
    );
  }, 300_000);
});
