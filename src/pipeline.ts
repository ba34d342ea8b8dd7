// read → parse → check → typeset: the stages every output shares. Writers take an Article.
import type { VFile } from 'vfile';
import type { Article } from './core/article.js';
import { InputError } from './core/input-error.js';
import { findManuscripts, readManuscript } from './manuscript/read.js';
import { parseManuscript } from './markdown/processor.js';
import { typesetArticle } from './typeset/typeset.js';
import { checkManuscript, type CheckOptions } from './check/index.js';

export async function loadArticle(path: string, options: CheckOptions & { check?: boolean } = {}): Promise<Article> {
  const file = await readManuscript(path, options.limits);
  const mdast = await parseManuscript(file, options.limits);
  if (file.data.manuscript?.refused) throw refusal(file);
  if (options.check !== false) await checkManuscript(mdast, file, options);
  const hast = await typesetArticle(mdast, file);
  const { root, outputName } = file.data.manuscript!;
  return { file, mdast, hast, matter: file.data.matter ?? {}, root, outputName };
}

/** The articles of every manuscript the targets name (files or folders), loaded one after another as they are asked for. */
export async function* loadArticles(targets: string[], options: CheckOptions & { check?: boolean } = {}): AsyncGenerator<Article> {
  for (const target of targets) for (const file of await findManuscripts(target)) yield await loadArticle(file, options);
}

/** A manuscript past a limit is not built: its one finding, as the error the build stops with. */
function refusal(file: VFile): InputError {
  const m = file.messages.find((x) => x.fatal) ?? file.messages[0];
  const at = m?.line ? `:${m.line}:${m.column}` : '';
  return new InputError(`${file.path}${at}: ${m?.reason ?? 'refused'} (${m?.ruleId ?? 'limit'})`);
}
