// Resolving asset paths named in a manuscript, confined to the manuscript's folder.
import path from 'node:path';

export interface ResolvedAsset {
  /** Absolute path, or undefined when the reference is not allowed. */
  file?: string;
  /** Why the reference was refused: remote URL, absolute path, or outside the folder. */
  refused?: string;
}

export function resolveAsset(root: string, ref: string): ResolvedAsset {
  if (/^[a-z][a-z0-9+.-]*:/i.test(ref) && !/^file:/i.test(ref)) {
    return { refused: `remote or non-file reference "${ref}" is not loaded; copy the file into the manuscript folder` };
  }
  let decoded = ref.replace(/^file:\/\//i, '');
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    /* keep as written */
  }
  if (path.isAbsolute(decoded)) return { refused: `absolute path "${ref}" is not allowed; use a path relative to the manuscript` };
  const file = path.resolve(root, decoded);
  const rel = path.relative(root, file);
  if (rel.startsWith('..') || path.isAbsolute(rel)) {
    return { refused: `"${ref}" points outside the manuscript folder; copy it into ${root}` };
  }
  return { file };
}
