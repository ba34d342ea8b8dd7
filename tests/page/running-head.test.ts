// The 报眉 and the headline block of a single manuscript's page (tests/page/fixtures/running-head). A section too long for the
// type area printed past the trim, and keys the layout's 报眉 names that the front matter does not
// give printed as nothing (“第3版”, “责任编辑：　美术编辑：”), both without a word. Now the first is an
// error at its front matter line (a press build refuses it), the second a warning at the front matter.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { MM, openPdf, textItems } from './helpers/pdf.js';

const FIX = path.join(ROOT, 'tests/page/fixtures/running-head');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'baoban-running-head-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a 报眉 wider than the type area', () => {
  it('is an error at the front matter line of its longest value, and a press build writes nothing', { timeout: 300_000 }, async () => {
    const r = runCli(['build:pdf', path.join(FIX, 'long'), '--out', tmp, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    const findings = readFileSync(path.join(tmp, 'long', 'findings.txt'), 'utf8');
    expect(findings).toMatch(
      /^5:1\s+error\s+The 报眉 does not fit the type area's width \(it runs \d+\.\d mm past it\): “内蒙古日报　2024年1月19日 星期五.*｜第5版　专版 大寒前一天.*｜责任编辑：王某　美术编辑：李某”; shorten the front matter's paper, date, page, section, editor, designer, or the layout's runningHead\s+page-running-head-overflow/m,
    );
    expect(findings).not.toMatch(/page-running-head-missing/);
    // It is so: the 报眉's text, read back from the PDF, runs past the trim's right edge.
    const { doc, lib } = await openPdf(path.join(tmp, 'long', 'page.pdf'));
    const trim = lib.getPage(0).getTrimBox();
    const head = (await textItems(doc)).filter((i) => i.y > trim.y + trim.height - 36 * MM);
    await doc.destroy();
    expect(Math.max(...head.map((i) => i.x + i.width))).toBeGreaterThan(trim.x + trim.width);

    const final = runCli(['build:pdf', path.join(FIX, 'long'), '--out', path.join(tmp, 'final'), '--no-preview', '--final']);
    expect(final.code).toBe(1);
    expect(final.stdout + final.stderr).toMatch(/page-running-head-overflow/);
    expect(existsSync(path.join(tmp, 'final'))).toBe(false);
  });
});

describe('a 报眉 naming front matter the manuscript does not give', () => {
  it('is one warning at the front matter naming each missing key; what is given prints', { timeout: 300_000 }, async () => {
    const r = runCli(['build:pdf', path.join(FIX, 'bare'), '--out', tmp, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    const findings = readFileSync(path.join(tmp, 'bare', 'findings.txt'), 'utf8');
    const missing = findings.split('\n').filter((l) => l.includes('page-running-head-missing'));
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatch(
      /^1:1\s+warning\s+The 报眉 \(layout feature-8col, runningHead\) names \{\{paper\}\}, \{\{date\}\}, \{\{section\}\}, \{\{editor\}\}, \{\{designer\}\}, which the front matter does not give, so they print as nothing: add paper:, date:, section:, editor:, designer: to the front matter/,
    );
    expect(findings).not.toMatch(/page-running-head-overflow/);
    const { doc } = await openPdf(path.join(tmp, 'bare', 'page.pdf'));
    const text = (await textItems(doc)).map((i) => i.str).join('');
    await doc.destroy();
    expect(text.replace(/\s+/g, '')).toContain('第3版');
  });
});

describe('a 报眉 key the layout misspells ({{secton}})', () => {
  // It was said at the manuscript's 1:1 as "add secton: to the front matter": the typo is the layout's.
  it('is a warning naming the layout file’s line and column and the key it means; nothing else is said missing', {
    timeout: 300_000,
  }, () => {
    const dir = path.join(FIX, 'typo');
    const layout = 'tests/page/fixtures/running-head/typo/typo-8col.yaml';
    const r = runCli(['build:pdf', dir, '--layout', layout, '--out', tmp, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    const findings = readFileSync(path.join(tmp, 'typo', 'findings.txt'), 'utf8');
    const missing = findings.split('\n').filter((l) => l.includes('page-running-head-missing'));
    expect(missing).toHaveLength(1);
    expect(missing[0]).toContain(
      `The 报眉 (layout typo-8col) names {{secton}} at ${layout}:30:23 runningHead.center: did you mean {{section}}?; ` +
        'the front matter gives no secton:, so it prints as nothing: correct the key in the layout file',
    );
  });
});

describe("a headline too long for the layout's headline block", () => {
  // It ran over the 报眉, off the trim and into the text frames beside it, with no finding.
  it("is cut at the block's edge and is an error at its front matter line; a press build writes nothing", { timeout: 300_000 }, () => {
    const r = runCli(['build:pdf', path.join(FIX, 'huge-headline'), '--out', tmp, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    const findings = readFileSync(path.join(tmp, 'huge-headline', 'findings.txt'), 'utf8');
    expect(findings).toMatch(
      /^9:1\s+error\s+The headline block does not fit its 14 line\(s\): its text needs \d+; it is cut at the block's edge\. Shorten the headline, kicker or subheadline, or give the layout's headline more lines \(headline\.lines\) or a smaller type\.headlineSize\s+page-headline-overflow/m,
    );
    const final = runCli(['build:pdf', path.join(FIX, 'huge-headline'), '--out', path.join(tmp, 'final-head'), '--no-preview', '--final']);
    expect(final.code).toBe(1);
    expect(existsSync(path.join(tmp, 'final-head'))).toBe(false);
  });

  it('a headline that fits is not reported', { timeout: 300_000 }, () => {
    const r = runCli(['build:pdf', path.join(FIX, 'long'), '--out', path.join(tmp, 'fits'), '--no-preview']);
    expect(r.stdout + r.stderr).not.toMatch(/page-headline-overflow/);
  });
});
