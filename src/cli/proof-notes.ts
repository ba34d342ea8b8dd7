// proof:notes — the reviewers' marks in a returned proof PDF, as findings located in the manuscript,
// printed like `npm run check` (vfile-reporter, or --format json).
import { InputError } from '../core/input-error.js';
import { DEFAULT_MANUSCRIPTS } from '../core/paths.js';
import { shortPath } from '../output/progress.js';
import { parseCommon } from './options.js';

export const usage = `npm run proof:notes -- <proof.pdf as the reviewer returned it> [--format text|json] [--manuscript FILE] [--proof SENT.pdf]
  Read every mark a reviewer added to a proof (highlight, underline, strike-out, squiggly, caret,
  sticky note, free text, ink, shapes; replies join their mark) and print each as a finding at its
  manuscript line and column: file:line:col, the kind of mark, the text under it, 第N栏第M行, the
  reviewer's comment and name. The proof carries its own map: nothing but the PDF is needed.
  When the manuscript has changed since the proof, positions are carried over to its current
  text and the finding says so.
  --format json      a JSON array like \`npm run check -- --format json\`, each with a "mark" object
  --manuscript FILE  where the manuscript is now (default: the path the proof names)
  --proof SENT.pdf   the proof as it was sent out (dist/<name>/proof-r<N>.pdf), for a returned copy
                     whose reader dropped the data inside (a tool that keeps no attached files)
  Exits 0 when the proof carries no reviewer marks, 1 when marks remain to be taken in, 2 when
  the PDF cannot be read or is not a baoban proof.`;

export async function run(argv: string[]): Promise<number> {
  const startedAt = performance.now();
  const opts = parseCommon(argv, { format: { type: 'string' }, manuscript: { type: 'string' }, proof: { type: 'string' } });
  const format = (opts.values.format as string | undefined) ?? 'text';
  if (format !== 'text' && format !== 'json') throw new InputError(`--format must be text or json, not "${format}"`);
  // parseCommon stands the manuscript folder in when no path is given: here a proof must be named.
  const pdfs = opts.paths.filter((p) => p !== DEFAULT_MANUSCRIPTS);
  if (!pdfs.length) throw new InputError('name the returned proof: npm run proof:notes -- dist/<name>/proof.pdf');
  const [{ readNotes }, { formatFindings, findingsJson }] = await Promise.all([
    import('../proof/notes.js'),
    import('../check/print-findings.js'),
  ]);
  let total = 0;
  const json: unknown[] = [];
  const texts: string[] = [];
  const summaries: string[] = [];
  for (const pdf of pdfs) {
    const notes = await readNotes(pdf, {
      manuscript: opts.values.manuscript as string | undefined,
      proof: opts.values.proof as string | undefined,
    });
    total += notes.marks.length;
    const reviewers = [...new Set(notes.marks.map((m) => m.author).filter(Boolean))];
    summaries.push(
      `${shortPath(pdf)}: ${notes.marks.length} mark${notes.marks.length === 1 ? '' : 's'}${reviewers.length ? ` by ${reviewers.join(', ')}` : ''} on round ${notes.data.round} of ${shortPath(notes.manuscript)}` +
        (notes.manuscriptState === 'changed'
          ? ' (the manuscript has changed since this proof: positions carried over to its current text)'
          : notes.manuscriptState === 'missing'
            ? ' (the manuscript is not there: positions are in the proof’s own text)'
            : notes.manuscriptState === 'rewritten'
              ? ' (the manuscript has changed too much since this proof to carry positions over: positions are in the proof’s own text)'
              : ''),
    );
    if (format === 'json') {
      const rows = findingsJson([notes.file]);
      json.push(...rows.map((row, i) => ({ ...row, mark: notes.marks[i] })));
    } else {
      // The marks are read from the PDF, not found by the checks: their full list is this command's JSON.
      const text = formatFindings([notes.file], {
        elsewhere: `\`npm run proof:notes -- ${shortPath(pdf)} --format json\``,
        to: process.stdout,
      });
      if (text) texts.push(text);
    }
  }
  const seconds = ((performance.now() - startedAt) / 1000).toFixed(2);
  if (format === 'json') {
    process.stdout.write(JSON.stringify(json, null, 2) + '\n');
    for (const s of summaries) process.stderr.write(`proof:notes: ${s} (${seconds} s)\n`);
  } else {
    if (texts.length) process.stdout.write(texts.join('\n') + '\n');
    for (const s of summaries) process.stdout.write(`proof:notes: ${s} (${seconds} s)\n`);
  }
  return total ? 1 : 0;
}
