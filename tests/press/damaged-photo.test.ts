// A photo that cannot be decoded (tests/press/fixtures/damaged-photo: a JPEG cut off a third of the
// way through) passes the check, which reads only its header, and fails when the page decodes it.
// The page is then printed with an empty, labelled frame: an error at the figure's line, so that a
// press build (--final) writes nothing, for a single page and for an edition alike.
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const FIX = path.join(ROOT, 'tests/press/fixtures/damaged-photo');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'baoban-damaged-photo-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const FINDING =
  /8:1\s+error\s+Photo 1 \(“images\/photo\.jpg”\) cannot be placed: cannot read the image \(.*premature end.*\); its frame is left empty and labelled: export it again as JPEG or PNG.*page-photo-missing/;

describe('a photo that cannot be decoded', () => {
  it('passes the check (its header is whole)', () => {
    const r = runCli(['check', path.join(FIX, 'story')]);
    expect(r.code, r.stdout + r.stderr).toBe(0);
  });

  it('is an error at the figure’s line in an everyday build, which writes the page and says errors remain', { timeout: 300_000 }, () => {
    const out = path.join(tmp, 'draft');
    const r = runCli(['build:pdf', path.join(FIX, 'story'), '--out', out, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout + r.stderr).toMatch(FINDING);
    expect(r.stdout + r.stderr).toMatch(/errors remain/);
    expect(existsSync(path.join(out, 'story', 'page.pdf'))).toBe(true);
  });

  it('stops build:pdf --final: exit 1, nothing written', { timeout: 300_000 }, () => {
    const out = path.join(tmp, 'final');
    const r = runCli(['build:pdf', path.join(FIX, 'story'), '--out', out, '--no-preview', '--final']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout + r.stderr).toMatch(FINDING);
    expect(r.stderr).toMatch(/story\/article\.md: 1 error\(s\) remain; --final writes nothing/);
    expect(existsSync(out), existsSync(out) ? readdirSync(out, { recursive: true }).join(', ') : '').toBe(false);
  });

  it('stops an edition built with --final: exit 1, nothing written', { timeout: 300_000 }, () => {
    const out = path.join(tmp, 'edition');
    const r = runCli(['build:pdf', path.join(FIX, 'plan.yaml'), '--out', out, '--no-preview', '--final']);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout + r.stderr).toMatch(FINDING);
    expect(r.stderr).toMatch(/plan\.yaml: overset stories, press errors or page errors; --final writes nothing/);
    expect(existsSync(out), existsSync(out) ? readdirSync(out, { recursive: true }).join(', ') : '').toBe(false);
  });
});
