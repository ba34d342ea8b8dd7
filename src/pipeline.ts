// read → parse → check → typeset: the stages every output shares. Writers take an Article.
import type { Root as MdRoot } from 'mdast';
import type { Root as HastRoot } from 'hast';
import type { VFile } from 'vfile';
import { readManuscript } from './manuscript/read.js';
import { parseManuscript, typesetArticle } from './markdown/processor.js';
import { checkManuscript, type CheckOptions } from './check/index.js';
import type { Matter } from './markdown/matter.js';

export interface Article {
  file: VFile;
  mdast: MdRoot;
  hast: HastRoot;
  matter: Matter;
  /** Folder the manuscript may read from */
  root: string;
  /** Output folder name under dist/ */
  slug: string;
}

export async function loadArticle(path: string, options: CheckOptions & { check?: boolean } = {}): Promise<Article> {
  const file = await readManuscript(path);
  const mdast = await parseManuscript(file);
  if (options.check !== false) await checkManuscript(mdast, file, options);
  const hast = await typesetArticle(mdast, file);
  const { root, slug } = file.data.manuscript!;
  return { file, mdast, hast, matter: file.data.matter ?? {}, root, slug };
}
