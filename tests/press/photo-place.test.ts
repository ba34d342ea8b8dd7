// Where the press says a photo is (tests/press/fixtures/small-photo: a 1200 × 800 grey photo,
// black at its left edge, in a slot nearer square, so the page crops its sides away; its file is
// named 照片.jpg). A low-resolution warning names the photo as its file is named, not as the page's
// URL encodes it, and places it at the photo's centre on the page: it was placed at the photo's
// darkest pixel, which lay in the part the page crops away, 19 mm left of the trim.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { pressBuild } from './helpers/press-build.js';

const FIX = path.join(ROOT, 'tests/press/fixtures/small-photo');
const press = pressBuild('small-photo');

describe('a low-resolution photo that the page crops', () => {
  it('is named as its file is, at its manuscript line', () => {
    expect(press.build.code, press.build.stderr).toBe(0);
    expect(press.build.stdout + press.build.stderr).toMatch(/8:1\s+warning\s+Press: photo “images\/照片\.jpg” prints at \d+ ppi/);
  });

  it('prints at the resolution the copy desk said: both measure the photo in its part of the slot, above its caption', () => {
    // The copy desk measured the whole slot (87 ppi over 233.3 mm) where the press measured the photo
    // the page prints (90 ppi over 226.5 mm: the caption and the slot's foot take the rest).
    const out = press.build.stdout + press.build.stderr;
    const desk = /Image "images\/照片\.jpg" is 1200 × 800 px: (\d+) ppi at 263\.5 × ([\d.]+) mm/.exec(out);
    const printed = /Press: photo “images\/照片\.jpg” prints at (\d+) ppi/.exec(out);
    expect(desk, out).not.toBeNull();
    expect(printed, out).not.toBeNull();
    expect(desk![1]).toBe(printed![1]);
    expect(Number(desk![2])).toBeCloseTo(press.report.photos[0].placedMm[1], 0);
    expect(press.report.photos[0].effectivePpi).toBe(Number(desk![1]));
  });

  it('is named in page.preflight.json by its manuscript line, not by a path of this machine', () => {
    const problem = press.report.problems.find((p) => p.rule === 'press-photo-resolution')!;
    expect(problem.line).toBe(8);
    const json = readFileSync(path.join(press.out, 'small-photo', 'page.preflight.json'), 'utf8');
    expect(json).not.toContain(FIX);
    expect(json).not.toMatch(/": "\//);
  });

  it('is counted in the summary, whose preflight passed with a warning, and which names the conformance level a plant asks for', () => {
    expect(press.build.stdout).toMatch(/press: PDF\/X-1a:2001, output intent CGATS TR 002, .*; preflight passed with 1 warning\n/);
  });

  it('is placed on the page where the photo prints, inside the trim and inside the photo', () => {
    const problem = press.report.problems.find((p) => p.rule === 'press-photo-resolution')!;
    const photo = press.report.photos[0];
    expect(problem.where).toEqual(photo.centre);
    const trimWidth = 390; // feature-8col
    const { xMm, yMm } = problem.where!;
    expect(xMm).toBeGreaterThan(0);
    expect(xMm).toBeLessThan(trimWidth);
    // within the photo's slot, which starts at the type area's left (about 20 mm) and is 263.5 mm wide
    expect(xMm).toBeGreaterThan(20 + 263.5 / 2 - 10);
    expect(xMm).toBeLessThan(20 + 263.5 / 2 + 10);
    expect(yMm).toBeGreaterThan(0);
  });

  it('has its ink measured on what the page shows of it: the solid K at its left edge is cropped away, off the trim', () => {
    const photo = press.report.photos[0];
    // the darkest pixel that prints is at the slot's left edge (the type area's, about 20 mm from the trim's)
    expect(photo.maxInkAt.xMm).toBeGreaterThan(15);
    expect(photo.maxInkAt.xMm).toBeLessThan(25);
    // lighter than the solid K (100 %) of the file's first column, which lies 19 mm left of the trim
    expect(photo.maxInk).toBeLessThan(99);
    expect(photo.maxInk).toBeGreaterThan(90);
  });
});

describe('a press build (--final) into the folder of an earlier build', () => {
  it('leaves in images/ only the copies of the photo it printed (and files that are not copies)', () => {
    const images = path.join(press.out, 'small-photo', 'images');
    const before = readdirSync(images);
    expect(before.length).toBeGreaterThan(0);
    // copies an earlier build made of a photo since renamed, with what the press made from them, and an editor's file
    const stale = [
      '旧照片-0123abcd.89abcdef.2075w1837h.1200x800.jpg',
      '旧照片-0123abcd.89abcdef.2075w1837h.1200x800.899feef9-240.gray.jpg',
      '旧照片-0123abcd.89abcdef.2075w1837h.1200x800.899feef9-240.gray.jpg.ink.json',
      '旧照片-0123abcd.89abcdef.2075w1837h.1200x800.899feef9-240.proof600w.jpg',
    ];
    for (const name of [...stale, 'notes.txt']) writeFileSync(path.join(images, name), 'x');
    const r = runCli(['build:pdf', FIX, '--out', press.out, '--no-preview', '--final']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(images).sort()).toEqual([...before, 'notes.txt'].sort());
    for (const name of stale) expect(existsSync(path.join(images, name)), name).toBe(false);
  });
});
