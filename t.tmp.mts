import { readFileSync } from 'node:fs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
const doc = await getDocument({ data: new Uint8Array(readFileSync(process.argv[2])) }).promise;
const page = await doc.getPage(1);
const tc = await page.getTextContent();
await page.getOperatorList();
for (const i of tc.items as any[]) {
  const f = (page as any).commonObjs.has(i.fontName) ? (page as any).commonObjs.get(i.fontName).name : i.fontName;
  if (/DejaVu/.test(f)) console.log(f, JSON.stringify(i.str), [...i.str].map((c) => c.codePointAt(0)!.toString(16)));
}
