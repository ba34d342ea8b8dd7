// What the browser outputs (the page, article.html) set on top of the shared typeset tree:
// “——” as one two-em unit (cjk-dash.ts) and 标点挤压 where Chromium leaves 2 em
// (cjk-compress.ts); on a page, the marks a layout keeps off a line's start or end that Chromium
// would put there, glued to their neighbour, and a figure to the unit typed after it (line-glue.ts); a task list's check boxes as printed
// marks, not form controls (task-marks.ts). The EPUB keeps plain text: e-readers justify and shape
// on their own terms.
import type { Root } from 'hast';
import type { LineRules } from '../config/layout.js';
import { DASH_CONTEXT, wrapDashes } from './cjk-dash.js';
import { compressPunctuation } from './cjk-compress.js';
import { glueLineMarks, glueUnits } from './line-glue.js';
import { taskMarks } from './task-marks.js';

/**
 * A copy of the article's tree set for the browser, and the text its stylesheet adds (for font
 * planning). `lines`: the layout's 避头尾 marks, for a page.
 */
export function browserTypeset(hast: Root, lines?: Pick<LineRules, 'noStart' | 'noEnd'>): { hast: Root; fontText: string } {
  const copy = structuredClone(hast);
  const marks = taskMarks(copy);
  const dashes = wrapDashes(copy);
  compressPunctuation(copy);
  if (lines) {
    glueLineMarks(copy, lines);
    glueUnits(copy);
  }
  return { hast: copy, fontText: (dashes ? DASH_CONTEXT : '') + marks };
}
