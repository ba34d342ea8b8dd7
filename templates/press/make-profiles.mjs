// Rebuilds the newsprint profiles in this folder from the CGATS TR 002 characterization data
// (TR002.ti3). A maintainer's tool, not part of a build: it needs ArgyllCMS (`apt-get install
// argyll`), which the product, its tests and CI never run; the profiles it wrote are committed.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const dir = path.dirname(new URL(import.meta.url).pathname);
const data = (name) => path.join(dir, name);
const srgb = '/usr/share/color/argyll/ref/sRGB.icm';
const credit = 'Made with ArgyllCMS from CGATS/SNAP TR 002-2007 characterization data (NPES); free to distribute';

// CMYK, one profile per total ink limit (newsprint-cmyk-<limit>.icc; a layout's `inkLimit:` picks
// the highest at or below it, src/press/profiles.ts): black ink to 100 %; black generation (-k p):
// K from 5 % of the tone scale, to full K at black, concave (0.7) = more K earlier, a GCR that
// keeps grey balance in the black plate as newspaper plants prefer; perceptual table gamut-mapped
// from sRGB. 240 % is ISO 12647-3's coldset limit; plants ask for 200–260 %.
// Usage: node make-profiles.mjs [--limits 200,220,240] [--gray-only | --cmyk-only]
const arg = (name) => process.argv[process.argv.indexOf(name) + 1];
const limits = process.argv.includes('--limits') ? arg('--limits').split(',').map(Number) : [200, 220, 240, 260, 280, 300];
if (!process.argv.includes('--gray-only'))
  for (const limit of limits)
    execFileSync('colprof', [
      '-v', '-qm', '-nc', '-A', 'baoban', '-M', 'Coldset newsprint',
      '-D', `baoban newsprint CMYK (CGATS TR 002, ${limit}% TAC, GCR)`, '-C', credit,
      '-k', 'p', '0', '0.05', '1.0', '1.0', '0.7', '-l', String(limit), '-L', '100',
      '-S', srgb, '-c', 'mt', '-d', 'pp', '-O', `newsprint-cmyk-${limit}.icc`, 'TR002',
    ], { cwd: dir, stdio: 'inherit' });

// Grey (K only): a monochrome output profile whose tone curve is the K ramp of the same data set
// (patches with C = M = Y = 0, repeats averaged), so that a greyscale photo prints on the black
// plate alone with newsprint's own dot gain. colprof makes no monochrome printer profiles, so the
// few tags of an ICC v2 grey profile are written here; littleCMS does the conversions at build time.
// The curve is black-point compensated (device black = solid K on newsprint, L* 37) as a
// perceptual table is, so that shadows keep their detail instead of clipping to solid K.
const lines = readFileSync(data('TR002.ti3'), 'latin1').split(/\r?\n/).map((l) => l.trim());
const rows = lines.slice(lines.indexOf('BEGIN_DATA') + 1, lines.indexOf('END_DATA')).filter(Boolean).map((l) => l.split(/\s+/).map(Number));
const byK = new Map();
for (const r of rows.filter((r) => r[1] === 0 && r[2] === 0 && r[3] === 0)) byK.set(r[4], [...(byK.get(r[4]) ?? []), r.slice(5, 8)]);
const ramp = [...byK.keys()].sort((a, b) => a - b).map((k) => {
  const xyz = byK.get(k);
  return { k: k / 100, xyz: [0, 1, 2].map((j) => xyz.reduce((s, p) => s + p[j], 0) / xyz.length) };
});
const white = ramp[0].xyz;
const black = ramp[ramp.length - 1].xyz[1];
const yAt = (k) => {
  const i = Math.max(1, ramp.findIndex((p) => p.k >= k));
  const [a, b] = [ramp[i - 1], ramp[i]];
  return a.xyz[1] + ((b.xyz[1] - a.xyz[1]) * (k - a.k)) / (b.k - a.k);
};
// Device grey g (0 = solid K, 1 = paper) → relative luminance; 256 entries.
const curve = Array.from({ length: 256 }, (_, i) => (yAt(1 - i / 255) - black) / (white[1] - black));
if (!process.argv.includes('--cmyk-only')) writeFileSync(data('newsprint-gray.icc'), grayProfile(
  'baoban newsprint K (CGATS TR 002 black ramp)',
  'Written by baoban (make-profiles.mjs) from the K patches of CGATS/SNAP TR 002-2007 characterization data (NPES); free to distribute',
  white.map((v) => v / white[1]),
  curve,
));

function grayProfile(description, copyright, wtpt, trc) {
  const pad4 = (b) => Buffer.concat([b, Buffer.alloc((4 - (b.length % 4)) % 4)]);
  const s15 = (v) => {
    const b = Buffer.alloc(4);
    b.writeInt32BE(Math.round(v * 65536));
    return b;
  };
  const desc = Buffer.concat([Buffer.from('desc\0\0\0\0'), u32(description.length + 1), Buffer.from(description + '\0', 'latin1'), Buffer.alloc(4 + 4 + 2 + 1 + 67)]);
  const cprt = Buffer.concat([Buffer.from('text\0\0\0\0'), Buffer.from(copyright + '\0', 'latin1')]);
  const xyz = Buffer.concat([Buffer.from('XYZ \0\0\0\0'), ...wtpt.map(s15)]);
  const curv = Buffer.concat([Buffer.from('curv\0\0\0\0'), u32(trc.length), ...trc.map((v) => u16(Math.round(Math.min(1, Math.max(0, v)) * 65535)))]);
  const tags = [['desc', desc], ['cprt', cprt], ['wtpt', xyz], ['kTRC', curv]].map(([sig, body]) => [sig, pad4(body)]);
  let offset = 128 + 4 + 12 * tags.length;
  const table = [u32(tags.length)];
  for (const [sig, body] of tags) {
    table.push(Buffer.from(sig, 'latin1'), u32(offset), u32(body.length));
    offset += body.length;
  }
  const header = Buffer.alloc(128);
  header.writeUInt32BE(offset, 0);
  header.writeUInt32BE(0x02400000, 8); // ICC v2.4: PDF/X-1a:2001 (PDF 1.3) readers take v2 profiles
  header.write('prtrGRAYXYZ ', 12, 'latin1');
  const now = new Date();
  [now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate(), 0, 0, 0].forEach((v, i) => header.writeUInt16BE(v, 24 + 2 * i));
  header.write('acsp', 36, 'latin1');
  header.writeUInt32BE(0, 64); // perceptual
  s15(0.9642).copy(header, 68);
  s15(1).copy(header, 72);
  s15(0.8249).copy(header, 76);
  return Buffer.concat([header, ...table, ...tags.map(([, body]) => body)]);
}

function u32(v) {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(v);
  return b;
}
function u16(v) {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(v);
  return b;
}
