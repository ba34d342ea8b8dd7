// What the browser outputs (the page, article.html) set on top of the shared typeset tree:
// “——” as one two-em unit (cjk-dash.ts) and 标点挤压 where Chromium leaves 2 em
// (cjk-compress.ts). The EPUB keeps plain text: e-readers justify and shape on their own terms.
import type { Root } from 'hast';
import { DASH_CONTEXT, wrapDashes } from './cjk-dash.js';
import { compressPunctuation } from './cjk-compress.js';

/** A copy of the article's tree set for the browser, and the text its stylesheet adds (for font planning). */
export function browserTypeset(hast: Root): { hast: Root; fontText: string } {
  const copy = structuredClone(hast);
  const dashes = wrapDashes(copy);
  compressPunctuation(copy);
  return { hast: copy, fontText: dashes ? DASH_CONTEXT : '' };
}
