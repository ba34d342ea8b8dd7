// A photo slot's caption (tests/page/fixtures/captions): the caption takes the slot's foot and the
// photo the rest, so a long caption squeezed the photo to a strip, and a longer one left no room
// for the photo at all and ran past the slot over the text below it; both with no finding.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { MM, openPdf, textItems } from './helpers/pdf.js';

const FIX = path.join(ROOT, 'tests/page/fixtures/captions');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'baoban-captions-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('a caption too long for its photo slot', () => {
  it('is cut at the slot’s edge and is an error at the figure’s line; a press build writes nothing', { timeout: 300_000 }, async () => {
    const r = runCli(['build:pdf', path.join(FIX, 'overflow'), '--out', tmp, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    const findings = readFileSync(path.join(tmp, 'overflow', 'findings.txt'), 'utf8');
    expect(findings).toMatch(
      /^13:1\s+error\s+The caption of photo 1 runs past its slot, with no room left for the photo; it is cut at the slot's edge: shorten the caption, or give the slot more lines in the layout \(photos\[0\]\.lines\)\s+page-caption-overflow/m,
    );
    // The text after the photo still prints in column 1 under the slot, which ends 71 lines (of 11.6 pt) below the type area's top.
    const { doc, lib } = await openPdf(path.join(tmp, 'overflow', 'page.pdf'));
    const trim = lib.getPage(0).getTrimBox();
    const slotFoot = trim.y + trim.height - 36 * MM - 71 * 11.6;
    const body = (await textItems(doc)).filter((i) => Math.abs(i.size - 9) < 0.1 && i.y < slotFoot);
    await doc.destroy();
    expect(body.map((i) => i.str).join('')).toContain('第一段正文');
    const final = runCli(['build:pdf', path.join(FIX, 'overflow'), '--out', path.join(tmp, 'final'), '--no-preview', '--final']);
    expect(final.code).toBe(1);
    expect(existsSync(path.join(tmp, 'final'))).toBe(false);
  });

  it('that leaves the photo a strip of its slot is a warning; the seed’s caption is not reported', { timeout: 300_000 }, () => {
    const r = runCli(['build:pdf', path.join(FIX, 'squeezed'), '--out', tmp, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toMatch(
      /13:1\s+warning\s+Photo 1 prints in \d+% of its slot's height, its caption takes the rest.*page-photo-squeezed/,
    );
    expect(r.stdout + r.stderr).not.toMatch(/page-caption-overflow/);
    const seed = runCli(['build:pdf', 'manuscript/ningju-gongshi', '--out', path.join(tmp, 'seed'), '--no-preview']);
    expect(seed.stdout + seed.stderr).not.toMatch(/page-caption-overflow|page-photo-squeezed/);
  });
});
