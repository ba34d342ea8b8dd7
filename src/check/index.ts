// The copy desk: lint-style rules over the shaped mdast. Each rule adds vfile messages with a
// stable rule id. (Rules live in ./rules/, one module each.)
import type { Root } from 'mdast';
import type { VFile } from 'vfile';

export interface CheckOptions {
  /** Project config folder (defaults to the manuscript root) */
  configDir?: string;
}

export async function checkManuscript(_tree: Root, _file: VFile, _options: CheckOptions = {}): Promise<void> {
  // Rules are added in src/check/rules/.
}
