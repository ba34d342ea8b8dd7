// PDF/X-1a:2001 is PDF 1.3: the preflight finds cross-reference and object streams (PDF 1.5) in the
// written bytes, and only where they are (it looks for their names before reading the file as text).
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { loadLayoutFile } from '../../src/config/layout.js';
import { writePdfx } from '../../src/press/pdfx.js';
import { preflight } from '../../src/press/preflight.js';
import { pressSettings } from '../../src/press/profiles.js';
import { ROOT } from '../helpers/cli.js';

const layout = loadLayoutFile(path.join(ROOT, 'tests/press/fixtures/layouts/held-out.yaml'));
const settings = pressSettings(layout);

/** A one-page press file, and the same document saved again with object streams. */
async function pressed() {
  const doc = await PDFDocument.create();
  const page = doc.addPage([200, 200]);
  page.setTrimBox(10, 10, 180, 180);
  page.setBleedBox(5, 5, 190, 190);
  const out = await writePdfx(doc, layout, settings, [], { title: 'xref', lang: 'zh-CN' });
  const back = await PDFDocument.load(out.bytes, { updateMetadata: false });
  const streams = await back.save({ useObjectStreams: true });
  streams.set(out.bytes.subarray(0, 8), 0); // the same %PDF-1.3 header: only the streams differ
  return { plain: out.bytes, streams };
}

const xrefProblems = async (bytes: Uint8Array) => {
  const report = await preflight(await PDFDocument.load(bytes, { updateMetadata: false }), bytes, settings, [], 200);
  return { flag: report.standard.crossReferenceStreams, problems: report.problems.filter((p) => /object streams/.test(p.message)) };
};

describe('the preflight on cross-reference streams', () => {
  it('passes a PDF/X-1a file with a classic cross-reference table', async () => {
    expect(settings.pdfx).toBe('x1a');
    const { plain } = await pressed();
    expect(await xrefProblems(plain)).toEqual({ flag: false, problems: [] });
  });

  it('fails the same file saved with object and cross-reference streams', async () => {
    const { streams } = await pressed();
    const found = await xrefProblems(streams);
    expect(found.flag).toBe(true);
    expect(found.problems).toHaveLength(1);
    expect(found.problems[0]).toMatchObject({ rule: 'press-pdfx', error: true });
  });
});
