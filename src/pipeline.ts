// read → parse → check → typeset: the stages every output shares. Writers take an Article.
import type { Article } from './core/article.js';
import { findManuscripts, readManuscript } from './manuscript/read.js';
import { parseManuscript } from './markdown/processor.js';
import { typesetArticle } from './typeset/typeset.js';
import { checkManuscript, type CheckOptions } from './check/index.js';

export async function loadArticle(path: string, options: CheckOptions & { check?: boolean } = {}): Promise<Article> {
  const file = await readManuscript(path);
  const mdast = await parseManuscript(file);
  if (options.check !== false) await checkManuscript(mdast, file, options);
  const hast = await typesetArticle(mdast, file);
  const { root, outputName } = file.data.manuscript!;
  return { file, mdast, hast, matter: file.data.matter ?? {}, root, outputName };
}

/** The articles of every manuscript the targets name (files or folders), loaded one after another as they are asked for. */
export async function* loadArticles(targets: string[], options: CheckOptions & { check?: boolean } = {}): AsyncGenerator<Article> {
  for (const target of targets) for (const file of await findManuscripts(target)) yield await loadArticle(file, options);
}
