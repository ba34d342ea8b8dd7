// The held-out press manuscript, written where a test asks: a saturated colour photo (it fills the
// layout's photo slot), a greyscale photo and a cut-out PNG with transparent corners (set in the
// text column), made here with sharp; front matter with a kicker (printed in the layout's red).
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';

export async function writeHeldOut(dir: string): Promise<void> {
  await mkdir(path.join(dir, 'images'), { recursive: true });
  const w = 900;
  const h = 600;
  const rgb = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      const i = (y * w + x) * 3;
      // saturated hues over the width, dark towards the bottom: the ink limit is tested in the shadows
      const shade = 1 - y / h;
      rgb[i] = Math.round(255 * shade * (x < w / 3 ? 1 : 0.2));
      rgb[i + 1] = Math.round(255 * shade * (x >= w / 3 && x < (2 * w) / 3 ? 1 : 0.1));
      rgb[i + 2] = Math.round(255 * shade * (x >= (2 * w) / 3 ? 1 : 0.3));
    }
  const raw = { raw: { width: w, height: h, channels: 3 as const } };
  await sharp(rgb, raw).jpeg({ quality: 92 }).toFile(path.join(dir, 'images/colour.jpg'));
  await sharp(rgb, raw).greyscale().jpeg({ quality: 92 }).toFile(path.join(dir, 'images/grey.jpg'));
  // 2:1, unlike the 3:2 photos, so that its box on the page is told apart by its pixel size
  await sharp({ create: { width: 600, height: 300, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } })
    .composite([{ input: Buffer.from('<svg width="600" height="300"><circle cx="300" cy="150" r="120" fill="#1060c0"/></svg>') }])
    .png()
    .toFile(path.join(dir, 'images/cutout.png'));
  await writeFile(
    path.join(dir, 'article.md'),
    [
      '---',
      'headline: 新闻图片测试',
      'kicker: 引题也用报色',
      'section: 图片',
      'author: 测试',
      '---',
      '',
      '彩色照片放在图片位里。',
      '',
      '![彩色照片说明。](images/colour.jpg)',
      '',
      '黑白照片排在文字栏里。',
      '',
      '![黑白照片说明。](images/grey.jpg)',
      '',
      '透明背景的图片也排在文字栏里。',
      '',
      '![透明图片说明。](images/cutout.png)',
      '',
      '正文继续排在栏里。',
      '',
    ].join('\n'),
  );
}
