// What the preflight reads beyond colours: annotations on the printed sheet (PDF/X allows none
// within the BleedBox but trap networks and printer's marks) and the Info entries PDF/X names the
// document with (Title, CreationDate, ModDate). The press writes neither problem (it drops the
// page's links and sets Info), so a file is mended here after the press, as another tool might.
import path from 'node:path';
import { PDFDocument, PDFName, type PDFDict } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { loadLayoutFile } from '../../src/config/layout.js';
import { writePdfx } from '../../src/press/pdfx.js';
import { preflight } from '../../src/press/preflight.js';
import { pressSettings } from '../../src/press/profiles.js';
import { ROOT } from '../helpers/cli.js';

const N = (s: string) => PDFName.of(s);
const layout = loadLayoutFile(path.join(ROOT, 'tests/press/fixtures/layouts/held-out.yaml'));
const settings = pressSettings(layout);

describe('the preflight of annotations and of the Info entries PDF/X names', () => {
  it('reports an annotation within the BleedBox where it is, and Info without a title; not a printer’s mark, nor a note off the sheet', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage([300, 300]);
    page.setMediaBox(0, 0, 300, 300);
    page.setBleedBox(10, 10, 280, 280); // x, y, width, height: [10 10 290 290]
    page.setTrimBox(20, 20, 260, 260); // [20 20 280 280]
    doc.setTitle('annotations'); // as pdf-finish.ts sets it before the press
    const written = await writePdfx(doc, layout, settings, [], { title: 'annotations', lang: 'zh-CN' });
    const clean = await preflight(await PDFDocument.load(written.bytes), written.bytes, settings, [], 200);
    expect(clean.problems).toEqual([]);

    const mended = await PDFDocument.load(written.bytes, { updateMetadata: false });
    const annot = (subtype: string, rect: number[]) =>
      mended.context.register(mended.context.obj({ Type: 'Annot', Subtype: subtype, Rect: rect, Contents: 'x' }));
    mended
      .getPage(0)
      .node.set(
        N('Annots'),
        mended.context.obj([
          annot('Text', [48.35, 100, 68.35, 120]),
          annot('PrinterMark', [30, 30, 40, 40]),
          annot('Text', [292, 292, 298, 298]),
        ]),
      );
    (mended.context.lookup(mended.context.trailerInfo.Info) as PDFDict).delete(N('Title'));
    const bytes = await mended.save({ useObjectStreams: false });
    bytes.set(Buffer.from('%PDF-1.3', 'latin1'), 0);
    const report = await preflight(await PDFDocument.load(bytes), bytes, settings, [], 200);
    expect(report.problems.map((p) => [p.rule, p.message, p.where ?? null])).toEqual([
      ['press-pdfx', 'Info Title is missing; PDF/X needs it', null],
      [
        'press-pdfx',
        "page 1 has a Text annotation on the printed sheet (within the BleedBox); PDF/X allows none there but trap networks and printer's marks: remove it",
        // its top-left corner: 28.35 pt (10 mm) right of the trim's left edge, 160 pt (56.4 mm) below its top
        { page: 1, xMm: 10, yMm: 56.4 },
      ],
    ]);
  });
});
