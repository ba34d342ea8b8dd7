// Characters a face's web slices leave out but its whole file has (templates/fonts.yaml
// faces.body.whole): rare name characters beyond U+FFFF (𬘭 U+2C62D, 𬌗 U+2C317) and Ⅻ (U+216B)
// are served from the whole file, for those characters alone; 𠀀 (U+20000), which neither has,
// is still missing. A face with no whole file: for it all three are missing.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cmapCodePoints } from '../../src/config/font-cmap.js';
import { planFace } from '../../src/config/font-coverage.js';
import { loadFontConfig } from '../../src/config/fonts.js';
import { NODE_MODULES } from '../../src/core/paths.js';

const fonts = loadFontConfig();
const body = fonts.faces.body;
const wholeFile = (weight: number) => path.join(NODE_MODULES, body.whole!.package, body.whole!.files[String(weight)]);
const RARE = [0x2c62d, 0x2c317, 0x216b];
const NONE = 0x20000;

describe('a font file’s cmap', () => {
  it('lists the BMP and the characters beyond it that the whole Noto Serif SC has, and not what it lacks', () => {
    const cps = cmapCodePoints(wholeFile(400));
    expect(cps.size).toBeGreaterThan(30_000);
    for (const cp of [0x4e00, 0x3002, 0x41, ...RARE]) expect(cps.has(cp), cp.toString(16)).toBe(true);
    expect(cps.has(NONE)).toBe(false);
    expect(cps.has(0x1f600)).toBe(false);
  });

  it('is empty for a file that is not a font', () => {
    const file = path.join(os.tmpdir(), `baoban-not-a-font-${process.pid}.ttf`);
    writeFileSync(file, 'not a font');
    expect(cmapCodePoints(file).size).toBe(0);
  });
});

describe('planFace', () => {
  it('serves what the slices lack from the body face’s whole file, in each weight, and reports only what that lacks too', () => {
    const plan = planFace(body, new Set([0x4e00, ...RARE, NONE]));
    expect(plan.missing).toEqual([NONE]);
    const whole = plan.slices.filter((s) => s.file.endsWith('.ttf'));
    expect(whole.map((s) => [s.weight, s.file, s.unicodeRange])).toEqual(
      body.weights.map((w) => [w, wholeFile(w), 'U+216B,U+2C317,U+2C62D']),
    );
    // what the slices have is never taken from the whole file
    expect(planFace(body, new Set([0x4e00])).slices.some((s) => s.file.endsWith('.ttf'))).toBe(false);
  });

  it('reports what a slice’s unicode-range claims but the face has no glyph for: ₂ ⁵ and Hangul, not a thin space', () => {
    // Noto Serif SC's slices claim ₀–₃, ⁵–⁸ and the Hangul of KS X 1001; neither its slices nor its whole file has them
    const claimed = [0x2082, 0x2075, 0xd55c, 0x2009];
    const plan = planFace(body, new Set([0x4e2d, 0xb2, ...claimed]));
    expect(plan.missing.sort((a, b) => a - b)).toEqual([0x2075, 0x2082, 0xd55c]);
    for (const cp of claimed) expect(cmapCodePoints(wholeFile(400)).has(cp), cp.toString(16)).toBe(false);
    // ² (U+00B2) the face has
    expect(plan.missing).not.toContain(0xb2);
    // combining marks are set in the face's precomposed letters (Zoë, Niño): left to the slices' answer
    expect(planFace(body, new Set([0x6f, 0x308, 0x6e, 0x303])).missing).toEqual([]);
  });

  it('reports all of them for a face with no whole file', () => {
    const heading = { ...fonts.faces.heading, whole: undefined };
    expect(planFace(heading, new Set([...RARE, NONE])).missing.sort((a, b) => a - b)).toEqual([0x216b, 0x20000, 0x2c317, 0x2c62d]);
  });
});
