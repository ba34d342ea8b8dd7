// A failed preflight as findings (press-* rule ids, documented in templates/press/README.md):
// located at the photo's manuscript line where the problem is a photo, and on the page (page,
// millimetres from the trim's top-left corner) in the message. Errors stop a --final build.
import type { VFile } from 'vfile';
import { FINDINGS_SOURCE } from '../core/findings.js';
import type { PreflightProblem } from './preflight.js';
import type { PressedPage } from './stage.js';

const SOURCE = FINDINGS_SOURCE;

/**
 * The press's findings of a page, said to `file`; on a page of several manuscripts (an edition's),
 * `fileFor` names the one a problem concerns (a photo's, the text's), else it goes to `file`, and
 * `page` is the page's number in the edition (第N版), which the messages give instead of the place
 * in its one-page PDF.
 */
export function reportPressFindings(
  file: VFile,
  pressed: PressedPage,
  fileFor?: (p: PreflightProblem) => VFile | undefined,
  page?: number,
): void {
  reportProblems(file, pressed.preflight.problems, 'Press', fileFor, page);
  for (const [css, cmyk] of pressed.unnamedColours) {
    const msg = file.message(
      `Press: colour ${css} is not among the layout's colors and was converted by the profile to C${pct(cmyk[0])} M${pct(cmyk[1])} Y${pct(cmyk[2])} K${pct(cmyk[3])}; name it under colors: with the CMYK it should print in`,
      { ruleId: 'press-colour-unnamed', source: SOURCE },
    );
    msg.fatal = false;
  }
}

/** What edition.pdf's own preflight found that none of its pages' did (press/stage.ts preflightJoined), said to `file`. */
export function reportJoinedFindings(file: VFile, added: PreflightProblem[]): void {
  reportProblems(file, added, 'Press, edition.pdf');
}

function reportProblems(
  file: VFile,
  problems: PreflightProblem[],
  label: string,
  fileFor?: (p: PreflightProblem) => VFile | undefined,
  page?: number,
): void {
  for (const p of problems) {
    const where = p.where
      ? ` (page ${page ?? p.where.page}, ${p.where.xMm} mm from the left and ${p.where.yMm} mm from the top of the trim)`
      : '';
    const to = fileFor?.(p) ?? file;
    const msg = to.message(`${label}: ${p.message}${where}`, {
      place: p.line ? { line: p.line, column: 1 } : p.text ? firstOf(String(to.value), p.text) : undefined,
      ruleId: p.rule,
      source: SOURCE,
    });
    msg.fatal = p.error;
  }
}

const pct = (v: number) => Math.round(v * 100);

/** Press errors that a --final build refuses to write with. */
export function pressErrors(file: VFile): number {
  return file.messages.filter((m) => m.fatal === true && String(m.ruleId).startsWith('press-')).length;
}

/**
 * Where the first of `chars` stands in the manuscript: a font's ToUnicode map may give a letter's
 * presentation form (Arabic ﺔ for ة) or a letter with its mark composed, so the text is compared
 * in compatibility form (NFKC), character by character.
 */
function firstOf(source: string, chars: string): { line: number; column: number } | undefined {
  const all = [...chars].map((c) => c.normalize('NFKC')).flatMap((c) => [...c]);
  // A letter of the project's script beside a mark (n with ̈ ) is found by the mark, not by every n.
  const rare = all.filter((c) => c.codePointAt(0)! > 0x7f);
  const wanted = new Set(rare.length ? rare : all);
  let line = 1;
  let column = 1;
  for (const c of source) {
    if (wanted.has(c) || wanted.has(c.normalize('NFKC'))) return { line, column };
    if (c === '\n') {
      line++;
      column = 1;
    } else column += c.length;
  }
  return undefined;
}
