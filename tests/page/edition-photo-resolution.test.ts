// image-resolution in an edition (tests/page/fixtures/edition-photo-resolution/): the copy desk
// measured every story's photo at the layout's single-page photo slot 1 (3 columns × 30 lines),
// not at the slot the plan gives it, and a photo without a slot at two columns, not at its
// module's column: a photo ample for its plan slot was reported, one too small for a large plan
// slot passed, and the finding named the layout's slot, which the edition does not print. Now each
// photo is measured where the plan prints it, and the finding names the plan's slot at its line.
// A slot's photo is measured in its part of the slot, above its caption, as the press measures it.
// The press's findings name the page by its number in the edition (第3版), not as page 1 of the
// one-page PDF the press checked.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLayout } from '../../src/config/layout.js';
import { loadArticle } from '../../src/pipeline.js';
import { ROOT, runCliAsync } from '../helpers/cli.js';

const DIR = 'tests/page/fixtures/edition-photo-resolution';
const PLAN = `${DIR}/photores.yaml`;
let out: string;
let cli: Awaited<ReturnType<typeof runCliAsync>>;

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'baoban-edition-photores-'));
  cli = await runCliAsync(['build:pdf', PLAN, '--out', out, '--no-preview']);
}, 300_000);

afterAll(async () => {
  if (out) await rm(out, { recursive: true, force: true });
});

/** The findings of one rule the build printed under one manuscript's heading. */
function findingsOf(story: string, rule = 'image-resolution'): string[] {
  const found: string[] = [];
  let current = '';
  for (const line of cli.stderr.split('\n')) {
    if (line.startsWith('/')) current = line.trim();
    else if (current.endsWith(`${story}/article.md`) && line.includes(rule)) found.push(line.trim());
  }
  return found;
}
const resolutionFindings = (story: string) => findingsOf(story);

describe('image-resolution in an edition', () => {
  it('does not report photos ample for the plan’s slot and the module’s column', () => {
    expect(cli.code, cli.stderr).toBe(0);
    expect(cli.stderr).not.toMatch(/\n\s+at /);
    expect(cli.stderr).toContain(`${DIR}/ample/article.md`);
    expect(resolutionFindings('ample'), cli.stderr).toEqual([]);
  });

  it('reports a photo too small for its plan slot, naming the slot at its line in the plan', () => {
    const found = resolutionFindings('small');
    expect(found, cli.stderr).toHaveLength(2);
    expect(found[0]).toMatch(/^7:1-7:42\s+warning\s+Image "images\/lead.jpg" is 1100 × 1000 px: 106 ppi at 130.2 × 238.8 mm /);
    expect(found[0]).toContain(`(photo slot 1 in the plan, ${PLAN}:26:13 pages[0].stories[1].photos[0]); 200 ppi needs 1025 × 1881 px`);
  });

  it('measures a photo without a slot across a column of its story’s module', () => {
    const found = resolutionFindings('small');
    expect(found[1]).toMatch(/^11:1-11:42\s+warning\s+Image "images\/inset.jpg" is 150 × 100 px: 92 ppi at 41.3 mm /);
    expect(found[1]).toContain(`no photo slot for it in the plan, ${PLAN}:21:9 pages[0].stories[1]); 200 ppi needs 325 px across`);
  });

  it('measures a single page at the layout’s slot 1, and a figure without a slot across the text column it prints in', async () => {
    const layout = loadLayout('tabloid-5col');
    const ample = await loadArticle(path.join(ROOT, DIR, 'ample', 'article.md'), { layout });
    const small = await loadArticle(path.join(ROOT, DIR, 'small', 'article.md'), { layout });
    const reasons = (a: typeof ample) => a.file.messages.filter((m) => m.ruleId === 'image-resolution').map((m) => m.reason);
    // the inset (400 px) is ample for the one column it prints across (it was measured at two, 119 ppi,
    // where the press measured it at 200 ppi in its column)
    expect(reasons(ample)).toEqual([
      'Image "images/lead.jpg" is 1200 × 800 px: 175 ppi at 130.2 × 116.0 mm (photo slot 1 of tabloid-5col); 200 ppi needs 1025 × 914 px: use a larger original',
    ]);
    // the lead photo passes at the layout's slot; only the small inset is reported
    expect(reasons(small)).toEqual([
      'Image "images/inset.jpg" is 150 × 100 px: 92 ppi at 41.3 mm (1 column, no slot in tabloid-5col); 200 ppi needs 325 px across: use a larger original',
    ]);
  });

  it('says the press’s finding on a photo to the manuscript whose photo it is, not to the page’s first story', () => {
    // Both stories print an images/inset.jpg at line 11: small's (150 px) prints at 92 ppi.
    const press = (story: string) => findingsOf(story, 'press-photo-resolution').filter((l) => l.includes('inset.jpg'));
    expect(press('small'), cli.stderr).toEqual([
      expect.stringMatching(/^11:1\s+warning\s+Press: photo “images\/inset.jpg” prints at \d+ ppi .*\(page 3, [\d.]+ mm from the left/),
    ]);
    expect(press('ample'), cli.stderr).toEqual([]);
    // small's lead photo, which the preflight cannot name (Chromium re-encodes a photo it crops),
    // goes to the story whose module it is printed in, not to the page's first story
    const unnamed = (story: string) => findingsOf(story, 'press-photo-resolution').filter((l) => !l.includes('“'));
    expect(unnamed('small'), cli.stderr).toHaveLength(1);
    expect(unnamed('ample'), cli.stderr).toEqual([]);
    // at the resolution the copy desk gave it: both measure the photo in its part of the slot, above its caption
    const desk = /: (\d+) ppi at /.exec(resolutionFindings('small')[0])![1];
    expect(unnamed('small')[0]).toContain(`Press: photo prints at ${desk} ppi`);
  });
});
