// A manuscript of a given size made from the seed's own sentences: paragraphs of three to six
// sentences drawn in a fixed pseudo-random order and numbered (so they are not all copies of each
// other), a 小标题 every eight paragraphs, a photo with a caption every forty. What `npm run bench`
// measures the stages' growth on (1, 2, 4 and 8 MB).
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_MANUSCRIPTS } from '../core/paths.js';

const SEED = path.join(DEFAULT_MANUSCRIPTS, 'ningju-gongshi');

/** The seed's sentences (its body, split after 。！？). */
async function seedSentences(): Promise<string[]> {
  const text = await readFile(path.join(SEED, 'article.md'), 'utf8');
  const body = text.replace(/^---\n[\s\S]*?\n---\n/, '');
  return body
    .split(/\n\n+/)
    .filter((p) => p.trim() && !/^[#!:<]/.test(p))
    .flatMap((p) => p.replace(/\*\*/g, '').match(/[^。！？]+[。！？]/g) ?? [])
    .map((s) => s.trim())
    .filter((s) => s.length >= 8);
}

/** The manuscript's text, about `bytes` long in UTF-8. */
export async function grownText(bytes: number): Promise<string> {
  const sentences = await seedSentences();
  let seed = 12345;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  const out = ['---\nheadline: 长文档测试\nauthor: 张悦\nlayout: feature-8col\n---\n\n'];
  let size = Buffer.byteLength(out[0]);
  for (let i = 1; size < bytes; i++) {
    let block: string;
    if (i % 40 === 0) block = `![2023年7月${(i % 28) + 1}日，第${i}次座谈会在呼和浩特召开。张悦 摄](images/photo-1.standin.jpg)\n\n`;
    else if (i % 8 === 0) block = `## 第${i / 8}节 凝聚共识工作回眸\n\n`;
    else {
      const n = 3 + (next() % 4);
      const parts = Array.from({ length: n }, () => sentences[next() % sentences.length]);
      parts[0] = `（${i}）${parts[0]}`;
      block = `${parts.join('')}\n\n`;
    }
    out.push(block);
    size += Buffer.byteLength(block);
  }
  return out.join('');
}

/** Write a grown manuscript folder (article.md and the seed's photo) at `dir`; returns the article's path. */
export async function growManuscript(dir: string, bytes: number): Promise<string> {
  await mkdir(dir, { recursive: true });
  await cp(path.join(SEED, 'images'), path.join(dir, 'images'), { recursive: true });
  const file = path.join(dir, 'article.md');
  await writeFile(file, await grownText(bytes));
  return file;
}
