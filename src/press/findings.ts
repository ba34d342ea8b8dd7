// A failed preflight as findings (press-* rule ids, documented in templates/press/README.md):
// located at the photo's manuscript line where the problem is a photo, and on the page (page,
// millimetres from the trim's top-left corner) in the message. Errors stop a --final build.
import type { VFile } from 'vfile';
import { FINDINGS_SOURCE } from '../core/findings.js';
import type { PressedPage } from './stage.js';

const SOURCE = FINDINGS_SOURCE;

export function reportPressFindings(file: VFile, pressed: PressedPage): void {
  for (const p of pressed.preflight.problems) {
    const where = p.where ? ` (page ${p.where.page}, ${p.where.xMm} mm from the left and ${p.where.yMm} mm from the top of the trim)` : '';
    const msg = file.message(`Press: ${p.message}${where}`, {
      place: p.line ? { line: p.line, column: 1 } : undefined,
      ruleId: p.rule,
      source: SOURCE,
    });
    msg.fatal = p.error;
  }
  for (const [css, cmyk] of pressed.unnamedColours) {
    const msg = file.message(
      `Press: colour ${css} is not among the layout's colors and was converted by the profile to C${pct(cmyk[0])} M${pct(cmyk[1])} Y${pct(cmyk[2])} K${pct(cmyk[3])}; name it under colors: with the CMYK it should print in`,
      { ruleId: 'press-colour-unnamed', source: SOURCE },
    );
    msg.fatal = false;
  }
}

const pct = (v: number) => Math.round(v * 100);

/** Press errors that a --final build refuses to write with. */
export function pressErrors(file: VFile): number {
  return file.messages.filter((m) => m.fatal === true && String(m.ruleId).startsWith('press-')).length;
}
