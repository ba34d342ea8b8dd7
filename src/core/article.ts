// The one document model every output starts from: a manuscript read, parsed, checked and typeset
// (src/pipeline.ts builds it). Writers take an Article and never reach back into those stages.
import type { Root as HastRoot } from 'hast';
import type { Root as MdRoot } from 'mdast';
import type { VFile } from 'vfile';
import type { Matter } from './matter.js';

/** Where a manuscript lives, kept on its vfile (file.data.manuscript). */
export interface ManuscriptData {
  /** Folder the manuscript may read assets from; nothing outside it is read. */
  root: string;
  /** Name of the manuscript's output folder under dist/: the manuscript folder's name, or the file's stem. */
  outputName: string;
  /**
   * Set when the manuscript passes a limit (src/config/limits.ts): one finding says where and why,
   * and nothing after reading works on it.
   */
  refused?: boolean;
}

export interface Article {
  file: VFile;
  mdast: MdRoot;
  hast: HastRoot;
  matter: Matter;
  /** Folder the manuscript may read from */
  root: string;
  /** Output folder name under dist/ (dist/<outputName>/) */
  outputName: string;
}

declare module 'vfile' {
  interface DataMap {
    matter: Matter;
    /** Parts of the headline block given by Pandoc's keys: part → key, e.g. headline → title */
    matterFrom: Record<string, string>;
    manuscript: ManuscriptData;
  }
}
