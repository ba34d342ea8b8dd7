// Which CMYK profile separates a layout's photos: the shipped newsprint profile made for the
// highest ink limit not above the layout's (templates/press/newsprint-cmyk-<limit>.icc), or the
// plant's profile the layout names; a limit below every shipped profile is refused with a message
// that says what to do.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadLayoutFile, newsprintProfiles } from '../../src/config/layout.js';
import { profileDescription } from '../../src/press/pdfx.js';
import { pressSettings } from '../../src/press/profiles.js';
import { ROOT } from '../helpers/cli.js';

const base = await readFile(path.join(ROOT, 'tests/press/fixtures/layouts/held-out.yaml'), 'utf8');
let tmp: string;
const layout = async (extra: string) => {
  const file = path.join(tmp, `l${Math.random().toString(36).slice(2)}.yaml`);
  await writeFile(file, base + extra);
  return loadLayoutFile(file);
};

beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'baoban-profiles-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('the CMYK profile for an ink limit', () => {
  it('ships profiles separated for 200, 220, 240 and 260 %, each saying its limit', async () => {
    const shipped = newsprintProfiles();
    expect(shipped.map((p) => p.limit)).toEqual([200, 220, 240, 260]);
    for (const p of shipped) {
      const icc = await readFile(path.join(ROOT, 'templates', p.file));
      expect(icc.subarray(16, 20).toString('latin1')).toBe('CMYK');
      expect(profileDescription(icc)).toContain(`${p.limit}% TAC`);
    }
  });

  it('takes the profile of the highest limit at or below the layout’s, and names it in the output condition', async () => {
    for (const [limit, file] of [
      ['240%', 'newsprint-cmyk-240.icc'],
      ['230%', 'newsprint-cmyk-220.icc'],
      ['220', 'newsprint-cmyk-220.icc'],
      ['300%', 'newsprint-cmyk-260.icc'],
    ]) {
      const s = pressSettings(await layout(`inkLimit: ${limit}\n`));
      expect(path.basename(s.profiles.cmykFile)).toBe(file);
      expect(s.profiles.intent.condition).toContain(`total ink ${file.match(/\d+/)![0]}%`);
    }
    expect(path.basename(pressSettings(await layout('')).profiles.cmykFile)).toBe('newsprint-cmyk-240.icc');
  });

  it('uses a profile the layout names as it is, whatever the limit', async () => {
    const s = pressSettings(await layout('inkLimit: 180%\noutputIntent: { profile: press/newsprint-cmyk-200.icc, identifier: Plant X }\n'));
    expect(path.basename(s.profiles.cmykFile)).toBe('newsprint-cmyk-200.icc');
    expect(s.profiles.intent.identifier).toBe('Plant X');
    expect(s.inkLimit).toBe(180);
  });

  it('refuses a limit below every shipped profile, saying how to make one or name one', async () => {
    await expect(layout('inkLimit: 180%\n')).rejects.toThrow(
      /\.yaml:\d+:\d+: inkLimit is 180%, below 200%, the lowest limit a shipped newsprint profile is separated for .*make-profiles\.mjs --limits 180.*outputIntent\.profile/,
    );
  });
});
