// The seed's proof, built through the CLI as a desk runs it, next to its print page, then read
// back from the PDF with pdfjs-dist (text, annotations, attachment) and pdf-lib (boxes): the
// marks are there, every finding is drawn, annotated, listed and written once each, and the body
// text stands exactly where the print page has it.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { runCli, ROOT } from '../helpers/cli.js';
import { openPdf, textItems, type Glyphs } from '../page/helpers/pdf.js';
import { previewWidth, type ProofJson } from '../../src/proof/build-proof.js';
import { loadProofConfig } from '../../src/config/proof.js';
import { readData } from '../../src/proof/data.js';
import * as mupdf from 'mupdf';
import sharp from 'sharp';

const SEED = path.join(ROOT, 'manuscript/ningju-gongshi');
const MARKER_PT = 5.5;
const LINE_NUMBER_PT = 4.5;

let out: string;
let cli: ReturnType<typeof runCli>;
let proof: Awaited<ReturnType<typeof openPdf>>;
let print: Awaited<ReturnType<typeof openPdf>>;
let json: ProofJson;
let checked: Array<{ line: number | null; column: number | null; ruleId: string }>;

const size = (g: Glyphs, pt: number) => Math.abs(g.size - pt) < 0.05;
async function pageText(doc: PDFDocumentProxy, page: number): Promise<string> {
  return (await textItems(doc, page)).map((i) => i.str).join('');
}
/** Annotations baoban wrote on a page (author "baoban"). */
async function ownAnnotations(doc: PDFDocumentProxy, page: number) {
  return (await (await doc.getPage(page)).getAnnotations()).filter((a) => a.titleObj?.str === 'baoban');
}

beforeAll(async () => {
  out = await mkdtemp(path.join(os.tmpdir(), 'baoban-proof-'));
  cli = runCli(['build:proof', SEED, '--out', out]);
  const page = runCli(['build:pdf', SEED, '--out', out]);
  expect(page.code).toBe(0);
  const check = runCli(['check', SEED, '--format', 'json']);
  checked = JSON.parse(check.stdout);
  const dir = path.join(out, 'ningju-gongshi');
  proof = await openPdf(path.join(dir, 'proof.pdf'));
  print = await openPdf(path.join(dir, 'page.pdf'));
  json = JSON.parse(await readFile(path.join(dir, 'proof.json'), 'utf8'));
}, 240_000);

afterAll(async () => {
  await proof?.doc.destroy();
  await print?.doc.destroy();
  if (out) await rm(out, { recursive: true, force: true });
});

describe('the seed proof', () => {
  it('writes proof.pdf, proof-r1.pdf, proof.png and proof.json, even though errors remain', async () => {
    expect(cli.code).toBe(0);
    for (const f of ['proof.pdf', 'proof-r1.pdf', 'proof.png', 'proof.json']) expect(cli.stdout).toContain(f);
    expect(cli.stdout).toMatch(/第一校 \(round 1\)/);
    const r1 = await readFile(path.join(out, 'ningju-gongshi/proof-r1.pdf'));
    expect(Buffer.compare(r1, Buffer.from(proof.bytes))).toBe(0);
    expect(json.round).toBe(1);
    expect(json.inputHash).toMatch(/^[0-9a-f]{12}$/);
  });

  it('draws proof.png of the whole proof sheet, sheet.preview.width wide (lineNumberPx: 0 by default)', async () => {
    const png = await sharp(path.join(out, 'ningju-gongshi/proof.png')).metadata();
    const [, , width, height] = (await proof.doc.getPage(1)).view;
    expect(png.width).toBe(1400);
    expect(png.height! / png.width!).toBeCloseTo(height / width, 2);
  });

  it('makes proof.png wide enough for line numbers lineNumberPx high when a proof.yaml asks (9 px: 2710 px for the seed)', async () => {
    const config = loadProofConfig();
    const [, , width] = (await proof.doc.getPage(1)).view;
    const sheetPx = (width / 72) * 96; // the proof sheet in CSS px
    const wide = previewWidth({ ...config, sheet: { ...config.sheet, preview: { width: 1400, lineNumberPx: 9 } } }, sheetPx);
    expect(LINE_NUMBER_PT * (wide / width)).toBeGreaterThan(8.99); // 9 px, but for the rounding of the sheet to whole pixels
    expect(wide).toBeGreaterThan(2700);
    expect(previewWidth(config, sheetPx)).toBe(1400);
  });

  it('shows the watermark, the slug, the sign-off box and the line numbers', async () => {
    const text = await pageText(proof.doc, 1);
    expect(text).toContain('校样 · 第一校');
    // slug: page data from the front matter, the manuscript file, the input hash, date, round, layout and size
    for (const s of [
      '〔报名〕',
      'manuscript/ningju-gongshi/article.md',
      `输入 ${json.inputHash}`,
      '第一校 (round 1)',
      'feature-8col 390 × 550 mm',
    ])
      expect(text).toContain(s);
    expect(text).toMatch(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/);
    // sign-off box with the roles and the names the front matter gives
    for (const s of ['第一校 签字', '责任编辑', '美术编辑', '校对', '值班总编', '〔责任编辑〕', '〔美术编辑〕', '签字', '日期'])
      expect(text).toContain(s);
    expect(text).toContain('没有前一校可比较');
    // line numbers: every 5th line of each column, as the engine numbers them (from the fit report's frames)
    const items = (await textItems(proof.doc, 1)).filter((g) => size(g, LINE_NUMBER_PT) && g.str.trim());
    const byRow = new Map<string, Glyphs[]>();
    for (const g of items) {
      const key = g.y.toFixed(1);
      byRow.set(key, [...(byRow.get(key) ?? []), g]);
    }
    // Digits of one number sit side by side; numbers of different columns are a column apart.
    const numbers: number[] = [];
    for (const row of byRow.values()) {
      row.sort((a, b) => a.x - b.x);
      let cur = '';
      let right = -Infinity;
      for (const g of row) {
        if (g.x - right > 3 && cur) {
          numbers.push(Number(cur));
          cur = '';
        }
        cur += g.str.trim();
        right = g.x + g.width;
      }
      if (cur) numbers.push(Number(cur));
    }
    const fit = JSON.parse(await readFile(path.join(out, 'ningju-gongshi/page.fit.json'), 'utf8'));
    const expected = fit.frames.each.flatMap((f: { columnLine?: number; firstLine: number; lines: number }) =>
      Array.from({ length: f.lines }, (_, k) => (f.columnLine ?? 1) + k).filter((n) => n % 5 === 0),
    );
    expect(numbers.sort((a, b) => a - b)).toEqual(expected.sort((a: number, b: number) => a - b));
  });

  it('draws, annotates, lists and writes every finding once: the counts agree', async () => {
    const onPage = json.findings.filter((f) => f.onPage);
    // drawn: the numbered markers on the page
    const markers = (await textItems(proof.doc, 1))
      .filter((g) => size(g, MARKER_PT))
      .flatMap((g) => g.str.split(/\s+/))
      .filter((s) => /^\d+$/.test(s))
      .map(Number);
    expect(markers.sort((a, b) => a - b)).toEqual(onPage.map((f) => f.n));
    // annotated: one highlight (or box round a photo) per finding on the page, its number, rule and message inside
    const annotations = await ownAnnotations(proof.doc, 1);
    expect(annotations).toHaveLength(onPage.length);
    for (const f of onPage) {
      const a = annotations.find((x) => x.contentsObj.str.startsWith(`#${f.n} `));
      expect(a, `annotation of finding ${f.n}`).toBeDefined();
      expect(a!.contentsObj.str).toContain(f.ruleId);
      expect(a!.contentsObj.str).toContain(f.message);
      expect(['Highlight', 'Square']).toContain(a!.subtype);
      expect(a!.hasAppearance).toBe(true);
    }
    // the findings without a place are notes on the findings sheet
    const sheetNotes = [];
    for (let p = 2; p <= proof.doc.numPages; p++) sheetNotes.push(...(await ownAnnotations(proof.doc, p)));
    expect(sheetNotes).toHaveLength(json.findings.length - onPage.length);
    // listed: every finding on the findings sheet, with its number and manuscript place
    let sheet = '';
    for (let p = 2; p <= proof.doc.numPages; p++) sheet += await pageText(proof.doc, p);
    sheet = sheet.replace(/\s+/g, '');
    expect(sheet).toContain(`Findings(${json.findings.length})`);
    for (const f of json.findings) {
      expect(sheet).toContain(`${f.n}${f.severity}${f.ruleId}`);
      if (f.line) expect(sheet).toContain(`article.md:${f.line}:${f.column}`);
    }
    expect(json.counts).toMatchObject({ findings: json.findings.length, onPage: onPage.length, annotations: json.findings.length });
  });

  it('lists every finding of `npm run check`, at its manuscript line, and the page’s own findings', () => {
    expect(checked.length).toBeGreaterThan(40);
    for (const c of checked) {
      expect(
        json.findings.some((f) => f.ruleId === c.ruleId && f.line === c.line && f.column === c.column),
        `${c.ruleId} at ${c.line}:${c.column}`,
      ).toBe(true);
    }
    expect(json.findings.filter((f) => f.ruleId.startsWith('page-')).length).toBe(json.findings.length - checked.length);
    // findings in the text name their printed place as 第N栏第M行
    const inText = json.findings.find((f) => f.ruleId === 'half-width-punctuation');
    expect(inText?.place?.label).toMatch(/^第[1-8]栏第\d+行$/);
  });

  it('gives its annotations appearance streams that a renderer draws (MuPDF, with and without annotations)', async () => {
    const annotations = (await ownAnnotations(proof.doc, 1)).filter((a) => a.subtype === 'Highlight');
    // the largest highlight (a repeated passage, several lines)
    const big = annotations.sort(
      (a, b) => (b.rect[2] - b.rect[0]) * (b.rect[3] - b.rect[1]) - (a.rect[2] - a.rect[0]) * (a.rect[3] - a.rect[1]),
    )[0];
    const doc = mupdf.Document.openDocument(proof.bytes, 'application/pdf');
    const page = doc.loadPage(0);
    const [, , , top] = page.getBounds();
    const dpi = 36;
    const darkness = (extras: boolean) => {
      const pix = page.toPixmap(mupdf.Matrix.scale(dpi / 72, dpi / 72), mupdf.ColorSpace.DeviceRGB, false, extras);
      const [w, n, data] = [pix.getWidth(), pix.getNumberOfComponents(), pix.getPixels()];
      const [x1, y1, x2, y2] = big.rect.map((v: number) => (v * dpi) / 72);
      let sum = 0;
      let count = 0;
      for (let y = Math.ceil((top * dpi) / 72 - y2); y < (top * dpi) / 72 - y1; y++)
        for (let x = Math.ceil(x1); x < x2; x++) {
          const i = (y * w + x) * n;
          sum += 765 - (data[i] + data[i + 1] + data[i + 2]);
          count++;
        }
      pix.destroy();
      return sum / count;
    };
    const [plain, annotated] = [darkness(false), darkness(true)];
    page.destroy();
    doc.destroy();
    expect(annotated).toBeGreaterThan(plain + 5);
  });

  it('sets every body line exactly where the print page sets it, relative to the trim', async () => {
    const lines = async (o: typeof proof) => {
      const trim = o.lib.getPage(0).getTrimBox();
      const inTrim = (g: Glyphs) => g.x >= trim.x && g.x <= trim.x + trim.width && g.y >= trim.y && g.y <= trim.y + trim.height;
      // body (9 pt) and 小标题 (10.5 pt) text on the page, relative to the trim's top-left corner
      return (await textItems(o.doc, 1))
        .filter((g) => (size(g, 9) || size(g, 10.5)) && inTrim(g) && g.str.trim())
        .map((g) => `${(g.x - trim.x).toFixed(2)},${(trim.y + trim.height - g.y).toFixed(2)},${g.str}`)
        .sort();
    };
    const [a, b] = [await lines(proof), await lines(print)];
    expect(a.length).toBeGreaterThan(400);
    expect(a).toEqual(b);
    // the proof's sheet is larger (room for the slug and the sign-off box), around the same trim
    const [pt, tt] = [proof.lib.getPage(0).getTrimBox(), print.lib.getPage(0).getTrimBox()];
    expect([pt.width, pt.height]).toEqual([tt.width, tt.height]);
    expect(proof.lib.getPage(0).getMediaBox().width).toBeGreaterThan(print.lib.getPage(0).getMediaBox().width);
  });

  it('carries its text, line map and findings inside the PDF for the next round and proof:notes', async () => {
    const data = await readData(proof.bytes, 'proof.pdf');
    expect(data.round).toBe(1);
    expect(data.manuscript.text).toBe(await readFile(path.join(SEED, 'article.md'), 'utf8'));
    expect(data.lines.length).toBeGreaterThan(400);
    expect(data.findings).toHaveLength(json.findings.length);
    const attachments = await proof.doc.getAttachments();
    expect(Object.keys(attachments)).toContain('baoban-proof.json');
  });
});
