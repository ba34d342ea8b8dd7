// Black text overprints (tests/press/fixtures/overprint: a red kicker, a headline, a bold lead-in,
// body text, a photo and its caption on the tabloid page). The press PDF had no overprint at all:
// black text knocked a white hole in whatever was under it (a tinted box in a colour, a photo),
// which misregistration on a web press shows as a white rim round each character; plants set small
// black text to overprint, in the nonzero mode (OPM 1) so that the zero C, M and Y of K-only black
// leave the plates under it alone. Read back from page.pdf's content streams, as a RIP runs them:
// every black text run overprints, and nothing else does (the red kicker, the rules, white, the photo).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import os from 'node:os';
import path from 'node:path';
import { PDFArray, PDFBool, PDFDict, PDFDocument, PDFName, PDFNumber, PDFRawStream, type PDFRef } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operations } from '../../src/press/content.js';
import { ROOT, runCli } from '../helpers/cli.js';

const out = mkdtempSync(path.join(os.tmpdir(), 'baoban-overprint-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
const N = (s: string) => PDFName.of(s);

interface Painted {
  what: 'text' | 'path' | 'image';
  fill: string;
  /** overprint of fills (op) and its mode */
  op: boolean;
  opm: number;
}

/** What each painting operator of a page paints, in which fill colour and overprint state (forms followed). */
function painted(doc: PDFDocument, pageIndex: number): Painted[] {
  const page = doc.getPage(pageIndex);
  const found: Painted[] = [];
  const run = (stream: PDFRawStream, resources: PDFDict | undefined) => {
    const bytes = stream.dict.get(N('Filter')) === N('FlateDecode') ? inflateSync(stream.contents) : Buffer.from(stream.contents);
    const states = resources?.lookupMaybe(N('ExtGState'), PDFDict);
    const xobjects = resources?.lookupMaybe(N('XObject'), PDFDict);
    let g = { fill: '0 0 0 1', op: false, opm: 0 };
    const stack: Array<typeof g> = [];
    for (const o of operations(bytes.toString('latin1'))) {
      if (o.op === 'q') stack.push({ ...g });
      else if (o.op === 'Q') g = stack.pop() ?? g;
      else if (o.op === 'k') g.fill = o.args.map(Number).join(' ');
      else if (o.op === 'g') g.fill = `0 0 0 ${1 - Number(o.args[0])}`;
      else if (o.op === 'rg') g.fill = `rgb ${o.args.join(' ')}`;
      else if (o.op === 'gs') {
        const s = states?.lookup(N(o.args[0].slice(1)), PDFDict);
        const op = s?.get(N('op')) ?? s?.get(N('OP'));
        if (op instanceof PDFBool) g.op = op.asBoolean();
        const opm = s?.get(N('OPM'));
        if (opm instanceof PDFNumber) g.opm = opm.asNumber();
      } else if (['Tj', 'TJ', "'", '"'].includes(o.op)) found.push({ what: 'text', ...g });
      else if (['f', 'F', 'f*', 'B', 'B*', 'b', 'b*'].includes(o.op)) found.push({ what: 'path', ...g });
      else if (o.op === 'Do') {
        const x = xobjects?.lookup(N(o.args[0].slice(1)));
        if (x instanceof PDFRawStream && x.dict.get(N('Subtype')) === N('Form'))
          run(x, x.dict.lookupMaybe(N('Resources'), PDFDict) ?? resources);
        else found.push({ what: 'image', ...g });
      }
    }
  };
  const contents = page.node.get(N('Contents'));
  for (const ref of contents instanceof PDFArray ? contents.asArray() : [contents])
    run(doc.context.lookup(ref as PDFRef) as PDFRawStream, page.node.Resources());
  return found;
}

describe('black text on the press page', () => {
  let doc: PDFDocument;
  let said: string;
  beforeAll(async () => {
    const r = runCli(['build:pdf', path.join(ROOT, 'tests/press/fixtures/overprint'), '--out', out, '--no-preview']);
    expect(r.code, r.stderr).toBe(0);
    said = r.stdout;
    doc = await PDFDocument.load(readFileSync(path.join(out, 'overprint', 'page.pdf')), { updateMetadata: false });
  }, 120_000);

  it('overprints, in the nonzero overprint mode, wherever it is K 100 % alone', () => {
    const text = painted(doc, 0).filter((p) => p.what === 'text');
    const black = text.filter((p) => p.fill === '0 0 0 1');
    expect(black.length).toBeGreaterThan(50);
    expect(black.filter((p) => !p.op || p.opm !== 1)).toEqual([]);
  });

  it('text in another colour (the red kicker), paths and the photo knock out as before', () => {
    const all = painted(doc, 0);
    const red = all.filter((p) => p.what === 'text' && p.fill === '0 1 1 0');
    expect(red.length).toBeGreaterThan(0);
    expect(red.filter((p) => p.op)).toEqual([]);
    const others = all.filter((p) => p.what !== 'text');
    expect(others.some((p) => p.what === 'path' && p.fill === '0 0 0 0')).toBe(true); // white: overprinting it would erase it
    expect(others.some((p) => p.what === 'image')).toBe(true);
    expect(others.filter((p) => p.op)).toEqual([]);
  });

  it('is still PDF/X-1a that passes the preflight', () => {
    expect(said).toMatch(/press: PDF\/X-1a:2001, .*preflight passed/);
  });
});
