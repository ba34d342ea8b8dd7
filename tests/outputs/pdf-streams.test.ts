// pdf-lib's writer with streams copied whole (src/output/pdf-finish.ts streamsCopiedWhole): the
// same file, byte for byte, as pdf-lib's own method writes, for every kind of stream it saves
// (content, raw, Flate-compressed, image, embedded font) with and without object streams.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as lib from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { streamsCopiedWhole } from '../../src/output/pdf-finish.js';
import { ROOT } from '../helpers/cli.js';

const PNG = readFileSync(path.join(ROOT, 'tests/fixtures/manuscripts/plain/images/reading.png'));

async function saved(useObjectStreams: boolean): Promise<Uint8Array> {
  const doc = await lib.PDFDocument.create({ updateMetadata: false });
  const page = doc.addPage([200, 300]);
  const font = await doc.embedFont(lib.StandardFonts.Helvetica);
  page.drawText('stream bytes', { x: 10, y: 250, size: 12, font, color: lib.rgb(0.2, 0.4, 0.6) });
  page.drawImage(await doc.embedPng(PNG), { x: 10, y: 10, width: 100, height: 100 });
  doc.context.register(doc.context.stream(new Uint8Array([0, 1, 2, 255, 10, 13]), { Type: 'Test' }));
  doc.context.register(doc.context.flateStream('q 1 0 0 1 0 0 cm Q', { Type: 'Test' }));
  return doc.save({ useObjectStreams });
}

describe('streams copied whole', () => {
  it('gives the file pdf-lib writes, byte for byte', async () => {
    const proto = lib.PDFStream.prototype;
    const own = proto.copyBytesInto;
    try {
      const before = [await saved(false), await saved(true)];
      streamsCopiedWhole(lib);
      expect(proto.copyBytesInto).not.toBe(own);
      const after = [await saved(false), await saved(true)];
      expect(Buffer.from(after[0]).equals(Buffer.from(before[0]))).toBe(true);
      expect(Buffer.from(after[1]).equals(Buffer.from(before[1]))).toBe(true);
      // the raw stream's bytes, as they are, between stream and endstream
      expect(Buffer.from(after[0]).includes(Buffer.from('\nstream\n\x00\x01\x02\xff\n\r\nendstream', 'latin1'))).toBe(true);
    } finally {
      proto.copyBytesInto = own;
    }
  });
});
