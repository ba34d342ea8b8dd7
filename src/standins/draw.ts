// Stand-in photos: when a manuscript's photos have not arrived, the layout still needs an image of
// the right shape. A stand-in is drawn by the browser (no download), labelled on its face as a
// stand-in, named `*.standin.jpg|png`, and marked in its EXIF ImageDescription with STANDIN_MARK so
// the checks and the proof can always tell it from a real photo.
import path from 'node:path';
import sharp from 'sharp';
import type { Browser } from 'puppeteer-core';
import { snapshotHtml } from '../browser/snapshot.js';
import { fontFaceCss, fontFolder, fontUrl, planFonts } from '../fonts/fontsource.js';
import { escapeHtml } from '../output/html-document.js';
import { writeAtomic } from '../core/atomic.js';
import { STANDIN_MARK } from '../core/standin-mark.js';

export interface StandInRequest {
  /** where to write it (.jpg or .png) */
  file: string;
  /** the manuscript folder it is written in: no folder between it and the file may be a link */
  root: string;
  caption: string;
  width?: number;
  height?: number;
}

export async function drawStandIn(browser: Browser, req: StandInRequest): Promise<void> {
  const width = req.width ?? 3000;
  const height = req.height ?? 2000;
  const label = '代用图 · STAND-IN';
  const note = '照片缺失，此图仅供排版占位，不得付印 — photo missing: for layout only, do not print';
  const text = label + note + req.caption + path.basename(req.file);
  const { slices } = planFonts(text);
  const html = `<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><style>
${fontFaceCss(slices, fontUrl)}
html,body{margin:0}
body{width:${width}px;height:${height}px;box-sizing:border-box;padding:120px 360px;display:flex;flex-direction:column;justify-content:center;align-items:center;text-align:center;gap:60px;
 font-family:'Noto Sans SC';color:#222;border:40px solid #c00;
 background:repeating-linear-gradient(45deg,#ddd 0 80px,#eee 80px 160px)}
h1{font-size:220px;font-weight:900;margin:0;color:#c00}
p{font-size:90px;margin:0;font-weight:500;line-height:1.35}
.cap{font-family:'Noto Serif SC';font-weight:400;font-size:80px}
.file{font-size:60px;color:#555}
</style></head><body><h1>${escapeHtml(label)}</h1><p>${escapeHtml(note)}</p><p class="cap">${escapeHtml(req.caption)}</p><p class="file">${escapeHtml(path.basename(req.file))}</p></body></html>`;
  const png = await snapshotHtml(browser, html, { width, height }, [fontFolder()]);
  const image = sharp(png).withExif({ IFD0: { ImageDescription: `${STANDIN_MARK}: stand-in for a missing photo`, Software: 'baoban' } });
  const out = /\.png$/i.test(req.file) ? await image.png().toBuffer() : await image.jpeg({ quality: 80 }).toBuffer();
  await writeAtomic(req.file, out, req.root);
}
