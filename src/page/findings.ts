// What the laid-out page found, as vfile messages with stable rule ids, located at the manuscript
// line of the block concerned (every block carries data-line). They print with the check findings.
import { count } from '../core/plural.js';
import { imageAdvice } from '../core/image-words.js';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';
import type { RenderedPage } from './render.js';
import type { LineAt } from './engine/protocol.js';
import { FINDINGS_SOURCE } from '../core/findings.js';

/** What the page findings are made from: the layout result and what was known before it. */
export type PageFacts = Pick<RenderedPage, 'result' | 'photos' | 'missingChars' | 'figures' | 'blocked'>;

/** A page finding, with the printed line it is about when there is one (the proof marks that line). */
export interface PageFinding {
  message: VFileMessage;
  at?: LineAt;
}

function at(line: number | null | undefined) {
  return line ? { line, column: 1 } : undefined;
}

/**
 * Where the first overset words are written: from their block's line on, where the run of letters
 * they begin with first stands (a shorter run of it when the source breaks the line or marks up a
 * word inside it); else their block's line. An overset finding pointed at column 1 of the block,
 * which may be a long paragraph over many lines.
 */
export function wordsAt(source: string, line: number, words: string): { line: number; column: number } {
  const run = [...words.trim()];
  const end = run.findIndex((ch) => !/[\p{L}\p{N}]/u.test(ch));
  const letters = end < 0 ? run : run.slice(0, end);
  const lines = source.split('\n');
  for (let n = Math.min(8, letters.length); n >= 2; n--) {
    const probe = letters.slice(0, n).join('');
    for (let l = line - 1; l < Math.min(lines.length, line - 1 + 500); l++) {
      const i = lines[l].indexOf(probe);
      if (i >= 0) return { line: l + 1, column: i + 1 };
    }
  }
  return { line, column: 1 };
}

/** How to mend a photo that could not be placed, by why (page/images.ts PlacedImage.missing). */
function photoFix(missing: string): string {
  if (missing.startsWith('cannot read the image'))
    return missing.endsWith('million pixels)')
      ? imageAdvice('million pixels')
      : 'export it again as JPEG or PNG (the file is damaged or not an image)';
  if (missing === 'no such file') return 'put the photo at that path, or correct the path in the manuscript';
  return 'give a photo file inside the manuscript’s folder';
}

/**
 * The page's findings for one manuscript. `scope` says what the copy fit is of: the manuscript's
 * page, or its story's module in an edition (whose size the plan sets).
 */
export function addPageFindings(
  file: VFile,
  rendered: PageFacts,
  scope: 'page' | 'module' = 'page',
  /** where the plan gives the module the story ends in (its continuation's, for a story that jumps): the module to resize */
  modulePlace?: string,
): PageFinding[] {
  const inPlan = modulePlace ? `in the edition plan (${modulePlace})` : 'in the edition plan';
  const { result, photos, missingChars } = rendered;
  const found: PageFinding[] = [];
  const before = new Set(file.messages);
  const fit = result.fit;
  if (fit.status === 'overset') {
    file.message(
      scope === 'page'
        ? `Overset: ${count(fit.oversetLines, 'line')} (${count(fit.oversetChars, 'character')}) ${fit.oversetLines === 1 ? 'does' : 'do'} not fit the page, from “${fit.firstWords}”; cut the copy or give it more lines in the layout`
        : `Overset: ${count(fit.oversetLines, 'line')} (${count(fit.oversetChars, 'character')}) ${fit.oversetLines === 1 ? 'does' : 'do'} not fit the story's module, from “${fit.firstWords}”; cut the copy or give the module more lines ${inPlan}`,
      {
        place: fit.firstLine ? wordsAt(String(file.value ?? ''), fit.firstLine, fit.firstWords ?? '') : undefined,
        ruleId: 'page-overset',
        source: FINDINGS_SOURCE,
      },
    );
  } else if (fit.status === 'underset') {
    const msg = file.message(
      scope === 'page'
        ? `Underset: ${count(fit.undersetLines, 'line')} of the page ${fit.undersetLines === 1 ? 'stays' : 'stay'} empty; add copy or a photo, or choose a smaller layout`
        : `Underset: ${count(fit.undersetLines, 'line')} of the story's module ${fit.undersetLines === 1 ? 'stays' : 'stay'} empty; add copy, or give the module fewer lines ${inPlan}`,
      {
        ruleId: 'page-underset',
        source: FINDINGS_SOURCE,
      },
    );
    msg.fatal = undefined;
  }
  photos.forEach((p, i) => {
    if (p.missing) {
      // An error: the page would go to press with an empty, labelled frame where the photo belongs
      // (a truncated JPEG passes the check's header read and fails only here, when it is decoded).
      const msg = file.message(
        `Photo ${i + 1} (“${p.src}”) cannot be placed: ${p.missing}; its frame is left empty and labelled: ${photoFix(p.missing)}`,
        { place: at(p.line), ruleId: 'page-photo-missing', source: FINDINGS_SOURCE },
      );
      msg.fatal = true;
    }
  });
  if (rendered.figures.inFlow) {
    const where = scope === 'page' ? 'in the layout' : "in the story's module (photos: in the edition plan)";
    const msg = file.message(`${rendered.figures.inFlow} photo(s) have no photo slot ${where} and are set in the text column`, {
      ruleId: 'page-photo-unslotted',
      source: FINDINGS_SOURCE,
    });
    msg.fatal = undefined;
  }
  if (rendered.figures.emptySlots) {
    const msg = file.message(
      scope === 'page'
        ? `${rendered.figures.emptySlots} photo slot(s) of the layout have no photo and stay empty; add a figure or choose a layout with fewer slots`
        : `${rendered.figures.emptySlots} photo slot(s) the edition plan gives the story have no photo and stay empty; add a figure or drop the slot from its photos:`,
      {
        ruleId: 'page-photo-slot-empty',
        source: FINDINGS_SOURCE,
      },
    );
    msg.fatal = undefined;
  }
  const q = result.quality;
  const atLine = new Map<VFileMessage, LineAt>();
  for (const l of q.badStarts)
    atLine.set(
      file.message(`Line starts with “${l.text[0]}”, which clreq forbids at a line start (page ${l.page}, column ${l.column})`, {
        place: at(l.line),
        ruleId: 'page-line-start',
        source: FINDINGS_SOURCE,
      }),
      l,
    );
  for (const l of q.badEnds)
    atLine.set(
      file.message(`Line ends with “${l.text.slice(-1)}”, which clreq forbids at a line end (page ${l.page}, column ${l.column})`, {
        place: at(l.line),
        ruleId: 'page-line-end',
        source: FINDINGS_SOURCE,
      }),
      l,
    );
  for (const l of q.orphans)
    atLine.set(
      file.message(
        `Paragraph ends on a line too short (孤字: fewer letters than the layout's lines.minLastLine) “${l.text}” (page ${l.page}, column ${l.column})`,
        {
          place: at(l.line),
          ruleId: 'page-orphan',
          source: FINDINGS_SOURCE,
        },
      ),
      l,
    );
  for (const l of q.loose)
    atLine.set(
      file.message(
        l.short === undefined
          ? `Loose line: ${l.loose} em between characters in “${l.text}” (page ${l.page}, column ${l.column})`
          : `Short line: “${l.text}” ends ${l.short} em short of the column's edge in the middle of its paragraph, the word after it too long for the rest of the line (page ${l.page}, column ${l.column}); shorten or break the word, or reword the line`,
        {
          place: at(l.line),
          ruleId: 'page-loose-line',
          source: FINDINGS_SOURCE,
        },
      ),
      l,
    );
  for (const h of result.heads.filter((x) => x.atFoot))
    atLine.set(
      file.message(`小标题 “${h.text}” ends a column (page ${h.page}, column ${h.column})`, {
        place: at(h.line),
        ruleId: 'page-head-at-foot',
        source: FINDINGS_SOURCE,
      }),
      h,
    );
  for (const p of result.problems) {
    if (p.rule === 'block-too-wide') {
      // Its right-hand part is cut at the column's edge: not printed, so an error.
      const msg = file.message(
        `A block wider than its column is cut at the column's edge (page ${p.page}, column ${p.column}): “${p.text}…”; give a table fewer columns or shorter cells, or set it as a photo`,
        { place: at(p.line), ruleId: 'page-block-too-wide', source: FINDINGS_SOURCE },
      );
      msg.fatal = true;
      continue;
    }
    file.message(`A block taller than its frame is clipped: “${p.text}”`, {
      place: at(p.line),
      ruleId: 'page-block-too-tall',
      source: FINDINGS_SOURCE,
    });
  }
  for (const b of result.offGrid) {
    file.message(
      `A block in page ${b.page}, column ${b.column} starts ${b.offset.toFixed(2)} lines down, off the line grid: lines after it do not align across columns`,
      {
        place: at(b.line),
        ruleId: 'page-off-grid',
        source: FINDINGS_SOURCE,
      },
    );
  }
  addBlockedRequests(file, rendered.blocked);
  if (missingChars.length) {
    file.message(
      `The fonts cannot show ${missingChars.length} character(s): ${missingChars.map((c) => String.fromCodePoint(c)).join(' ')}; they print as empty boxes (no font of this machine stands in)`,
      {
        ruleId: 'page-font-coverage',
        source: FINDINGS_SOURCE,
      },
    );
  }
  for (const message of file.messages) if (!before.has(message)) found.push({ message, at: atLine.get(message) });
  return found;
}

/** Requests the confined page refused (none is expected: nothing outside is ever referenced). */
export function addBlockedRequests(file: VFile, urls: string[]): PageFinding[] {
  return urls.map((url) => ({
    message: file.message(`The page asked for “${url}”, outside the manuscript folder and the font packages; it was not loaded`, {
      ruleId: 'page-blocked-request',
      source: FINDINGS_SOURCE,
    }),
  }));
}
