// The proof's marks as HTML over each laid-out sheet: watermark, slug line, sign-off box and
// legend, line numbers, finding highlights with numbered markers, changes since the last round;
// and the findings sheet. Every mark is absolutely placed: nothing here moves the page's text.
import type { Element, ElementContent } from 'hast';
import { h } from 'hastscript';
import { stringifyHast } from '../core/hast.js';
import { matterText, type Matter } from '../core/matter.js';
import { PX_PER_MM, type Geometry, type Rect } from '../page/geometry.js';
import type { FrameReport } from '../page/engine/protocol.js';
import { toMm } from '../config/layout.js';
import type { ProofConfig } from '../config/proof.js';
import { loadFontConfig } from '../config/fonts.js';
import { EMPTY_SLOT, type ProofFinding } from './findings.js';
import type { Change } from './changes.js';

const px = (n: number) => `${Math.round(n * 1000) / 1000}px`;
const mm = (length: string) => toMm(length) * PX_PER_MM;
const at = (r: { left: number; top: number; width?: number; height?: number }) =>
  `left:${px(r.left)};top:${px(r.top)}` +
  (r.width !== undefined ? `;width:${px(r.width)}` : '') +
  (r.height !== undefined ? `;height:${px(r.height)}` : '');

/** 第一校, 第二校 … (第12校 past 99). */
export function roundLabel(round: number): string {
  const digits = '〇一二三四五六七八九';
  let n: string;
  if (round < 10) n = digits[round];
  else if (round < 20) n = `十${round % 10 ? digits[round % 10] : ''}`;
  else if (round < 100) n = `${digits[Math.floor(round / 10)]}十${round % 10 ? digits[round % 10] : ''}`;
  else n = String(round);
  return `第${n}校`;
}

/** The proof's sheet: the print sheet with the proof's margins around the same trim (whole pixels, so no text moves relative to it). */
export function proofGeometry(g: Geometry, config: ProofConfig): Geometry {
  const m = config.sheet.margins;
  const side = (length: string) => Math.max(Math.round(mm(length)), g.trim.left);
  const [left, top, right, bottom] = [side(m.left), side(m.top), side(m.right), side(m.bottom)];
  return {
    ...g,
    sheet: { width: left + g.trim.width + right, height: top + g.trim.height + bottom },
    trim: { ...g.trim, left, top },
  };
}

/** CSS custom properties for templates/proof/proof.css, from proof.yaml. */
export function proofCssVars(c: ProofConfig): string {
  const vars: Record<string, string> = {
    // the marks are set in the page's heading face (templates/fonts.yaml)
    '--pm-font': `'${loadFontConfig().faces.heading.family}'`,
    '--pm-watermark-size': c.watermark.size,
    '--pm-watermark-color': c.watermark.color,
    '--pm-watermark-angle': `${c.watermark.angle}deg`,
    '--pm-ln-size': c.lineNumbers.size,
    '--pm-ln-color': c.lineNumbers.color,
    '--pm-error': c.findings.colors.error,
    '--pm-warning': c.findings.colors.warning,
    '--pm-info': c.findings.colors.info,
    '--pm-marker-error': c.findings.markers.error,
    '--pm-marker-warning': c.findings.markers.warning,
    '--pm-marker-info': c.findings.markers.info,
    '--pm-marker-size': c.findings.markerSize,
    '--pm-inserted': c.changes.inserted,
    '--pm-deleted': c.changes.deleted,
    '--pm-moved': c.changes.moved,
    '--pm-slug-size': c.slug.size,
    '--pm-slug-color': c.slug.color,
    '--pm-signoff-size': c.signOff.size,
    '--pf-size': c.findingsSheet.size,
    '--pf-gap': '8mm',
  };
  return `:root {\n${Object.entries(vars)
    .map(([k, v]) => `  ${k}: ${v};`)
    .join('\n')}\n}`;
}

export interface LineNumber {
  page: number;
  column: number;
  columnLine: number;
  /** trim px */
  top: number;
  left: number;
  height: number;
}

/**
 * 第N栏第M行, every `every`th line of each column: the layout engine's numbering (a column's grid
 * lines in its text frames, counted from the top; lines under the headline and photo slots are not
 * counted), so the numbers on the page are the ones every finding and note names.
 */
export function lineNumbers(frames: FrameReport[], g: Geometry, every: number): LineNumber[] {
  const out: LineNumber[] = [];
  for (const f of frames) {
    for (let k = 0; k < f.lines; k++) {
      const n = f.columnLine + k;
      if (n % every === 0)
        out.push({
          page: f.page,
          column: f.column,
          columnLine: n,
          top: f.top - g.trim.top + k * g.grid,
          left: f.left - g.trim.left,
          height: g.grid,
        });
    }
  }
  return out;
}

export interface OverlayInput {
  config: ProofConfig;
  /** the layout's own (print) geometry and the proof sheet's */
  print: Geometry;
  proof: Geometry;
  /** the laid-out frames (the engine's, with their first 第M行) */
  frames: FrameReport[];
  pages: number;
  matter: Matter;
  round: number;
  /** previous round compared with, if any */
  against?: { round: number; file: string };
  slug: string;
  findings: ProofFinding[];
  changes: Change[];
}

function sheetMarks(o: OverlayInput, page: number, numbers: LineNumber[]): Element[] {
  const t = o.proof.trim;
  const onTrim = (r: { left: number; top: number; width?: number; height?: number }) => ({
    ...r,
    left: r.left + t.left,
    top: r.top + t.top,
  });
  const label = roundLabel(o.round);
  const marks: Element[] = [];
  marks.push(
    h(
      'div.pm-watermark',
      { style: at({ left: t.left + t.width / 2, top: t.top + t.height / 2 }) },
      o.config.watermark.text.replace(/\{\{\s*round\s*\}\}/g, label),
    ),
  );
  for (const n of numbers.filter((x) => x.page === page)) {
    marks.push(h('div.pm-ln', { style: at(onTrim({ left: n.left - 0.5, top: n.top, height: n.height })) }, String(n.columnLine)));
  }
  for (const f of o.findings) {
    const boxes = f.boxes.filter((b) => b.page === page);
    if (!boxes.length) continue;
    // an empty photo slot's frame is numbered too: a mark drawn in the slot is about its finding
    const slot = f.place?.label === EMPTY_SLOT ? { 'data-kind': 'finding', 'data-n': f.n } : {};
    for (const b of boxes)
      marks.push(h(`div.${f.kind === 'photo' ? 'pm-photo' : 'pm-hl'}.${f.severity}`, { ...slot, style: at(onTrim(b)) }));
    const marker = { 'data-kind': 'finding', 'data-n': f.n, style: at(onTrim({ left: boxes[0].left, top: boxes[0].top })) };
    marks.push(h(`div.pm-num.${f.severity}`, marker, String(f.n)));
  }
  for (const c of o.changes) {
    const boxes = c.boxes.filter((b) => b.page === page);
    if (c.kind === 'photo') {
      // a photo whose picture the last round did not have: framed, 换N at its top-left corner
      for (const b of boxes) marks.push(h('div.pm-photo-new', { style: at(onTrim(b)) }));
      if (boxes.length)
        marks.push(
          h(
            'div.pm-photo-new-label',
            { 'data-kind': 'change', 'data-n': c.n, style: at(onTrim({ left: boxes[0].left, top: boxes[0].top })) },
            `换${c.n}`,
          ),
        );
      continue;
    }
    if (c.kind === 'move') {
      for (const b of boxes) marks.push(h('div.pm-move', { style: at(onTrim({ ...b, left: b.left - 3, width: 0 })) }));
      if (boxes.length)
        marks.push(
          h(
            'div.pm-move-label',
            { 'data-kind': 'change', 'data-n': c.n, style: at(onTrim({ left: boxes[0].left - 3, top: boxes[0].top })) },
            `移${c.n}`,
          ),
        );
      // where it stood in the last round: a bar of its own colour, 移N原处 (the place it came from)
      if (c.at && c.at.page === page) {
        marks.push(h('div.pm-move-from', { style: at(onTrim({ ...c.at, width: 0 })) }));
        marks.push(
          h(
            'div.pm-move-label.pm-move-from-label',
            { 'data-kind': 'change', 'data-n': c.n, 'data-from': '1', style: at(onTrim({ left: c.at.left, top: c.at.top })) },
            `移${c.n}原处`,
          ),
        );
      }
      continue;
    }
    for (const b of boxes) marks.push(h('div.pm-ins', { style: at(onTrim(b)) }));
    // a footnote removed: where its reference was and where its text stood in the footnotes, each 删N
    for (const point of [c.at, c.noteAt]) {
      if (!point || point.page !== page) continue;
      marks.push(h('div.pm-del', { style: at(onTrim({ ...point, width: 0 })) }));
      marks.push(
        h(
          'div.pm-del-label',
          { 'data-kind': 'change', 'data-n': c.n, style: at(onTrim({ left: point.left, top: point.top })) },
          `删${c.n}`,
        ),
      );
    }
  }
  const reach = o.print.trim.left; // the crop marks' reach beyond the trim
  // Every page says what it is (a page printed alone is still this round of this manuscript); the
  // sign-off box is the round's, once, on page 1.
  const slug = o.pages > 1 ? `第${page}页（共${o.pages}页）  ·  ${o.slug}` : o.slug;
  // As wide as the sheet leaves it (a small page's slug wraps rather than running off the sheet);
  // on page 1 it stops short of the sign-off panel, which beside a page lower than the panel
  // reaches down past the trim (the slug was printed over the legend there).
  const panelLeft = t.left + t.width + reach + mm('4mm');
  const width = (page === 1 ? panelLeft - mm('4mm') : o.proof.sheet.width - mm('4mm')) - t.left;
  marks.push(h('div.pm-slug', { style: at({ left: t.left, top: t.top + t.height + reach + 2, width }) }, slug));
  if (page === 1) marks.push(sidePanel(o, { left: panelLeft, top: t.top, width: o.proof.sheet.width - (panelLeft + mm('4mm')) }));
  return marks;
}

/** Sign-off box for the round, and the legend: what the marks mean and how many there are. */
function sidePanel(o: OverlayInput, r: Rect | { left: number; top: number; width: number }): Element {
  const label = roundLabel(o.round);
  const rows = o.config.signOff.roles.map((role) =>
    h('tr', [
      h('th', role.label),
      h('td.who', [h('span.label', '姓名'), matterText(o.matter[role.key])]),
      h('td.sign', [h('span.label', '签字')]),
      h('td.date', [h('span.label', '日期')]),
    ]),
  );
  const onPage = o.findings.filter((f) => f.place).length;
  const count = (s: string) => o.findings.filter((f) => f.severity === s).length;
  const kinds = (k: Change['kind']) => o.changes.filter((c) => c.kind === k).length;
  const legend: ElementContent[] = [
    h('p', [
      h('b', `问题 ${o.findings.length} 处`),
      `（错误 ${count('error')}，警告 ${count('warning')}，提示 ${count('info')}），版面上标出 ${onPage} 处；全部列在问题清单（第${o.pages + 1}页起）。`,
    ]),
    h('p', [
      h('span.sw', { style: 'background:var(--pm-error)' }),
      '错误  ',
      h('span.sw', { style: 'background:var(--pm-warning)' }),
      '警告  ',
      h('span.sw', { style: 'background:var(--pm-info)' }),
      '提示',
    ]),
    o.against
      ? h('p', [
          h('b', `与${roundLabel(o.against.round)}相比：`),
          `增 ${kinds('insert')}，删 ${kinds('delete')}，改 ${kinds('replace')}，移 ${kinds('move')}${kinds('photo') ? `，换图 ${kinds('photo')}` : ''}。`,
          h('span.sw', { style: 'border-bottom:1pt solid var(--pm-inserted);height:0.6em' }),
          '增加的文字  ',
          h('span.sw', { style: 'border-left:1.2pt solid var(--pm-deleted);width:0.4em' }),
          '删N 删去处  ',
          h('span.sw', { style: 'border-left:1.5pt solid var(--pm-moved);width:0.4em' }),
          '移N 移动的段落',
          ...(o.changes.some((c) => c.kind === 'move' && c.at)
            ? ['  ', h('span.sw', { style: 'border-left:1.5pt dashed var(--pm-moved);width:0.4em' }), '移N原处 移走处']
            : []),
          ...(kinds('photo') ? ['  ', h('span.sw', { style: 'border:1.5pt solid var(--pm-inserted)' }), '换N 换了的图片'] : []),
        ])
      : h('p', [h('b', '第一校：'), '没有前一校可比较（no earlier round to compare with）。']),
    h('p', '行号：每栏每 ' + o.config.lineNumbers.every + ' 行标一次，标在该栏左侧（第N栏第M行）。'),
  ];
  return h('div.pm-side', { style: at(r) }, [h('h2', `${label} 签字`), h('table.pm-signoff', rows), h('div.pm-legend', legend)]);
}

/** The marks of each page sheet, as HTML. */
export function overlayHtml(o: OverlayInput): string[] {
  const numbers = lineNumbers(o.frames, o.print, o.config.lineNumbers.every);
  return Array.from({ length: o.pages }, (_, i) => stringifyHast({ type: 'root', children: sheetMarks(o, i + 1, numbers) }));
}

export interface SheetInput extends OverlayInput {
  manuscript: string;
  hash: string;
  overset?: string;
}

/** Where a moved block stood in the last round, as the sheet says it: its 第N栏第M行, or why it has none. */
export const movedFrom = (c: Pick<Change, 'from' | 'fromLine'>): string =>
  c.from ? c.from.label : c.fromLine ? '不在版面上 (not on the page)' : '无从确定 (cannot be told: nothing around it stayed)';

const fileLine = (file: string, line: number | null, column: number | null) => (line ? `${file}:${line}:${column ?? 1}` : file);

/** The findings sheet: one page template (head + columns) and the rows that fill its columns. */
export function sheetHtml(o: SheetInput): string {
  const s = o.proof.sheet;
  const pad = mm('18mm');
  const headHeight = mm('30mm');
  const label = roundLabel(o.round);
  const columns = Array.from({ length: o.config.findingsSheet.columns }, () => h('div.pf-col'));
  const rows: Element[] = [h('div.pf-section', `问题清单 Findings (${o.findings.length})`)];
  for (const f of o.findings) {
    rows.push(
      h('div.pf-row', { 'data-n': f.n, 'data-kind': 'finding' }, [
        h(`span.no.${f.severity}`, String(f.n)),
        h('div', [
          h('div', [h('span.sev', f.severity), ' ', h('span.rule', f.ruleId), ' ', f.message]),
          h('div.where', [
            fileLine(o.manuscript, f.line, f.column),
            '  ',
            f.place ? h('b', f.place.label) : h('b', '不在版面上 (not on the page)'),
            f.text ? `  “${f.text.length > 40 ? f.text.slice(0, 40) + '…' : f.text}”` : '',
            // what prints nowhere, as the manuscript has it
            !f.place && f.source ? h('div.pf-source', `稿件原文 (manuscript): ${f.source}`) : '',
            // what the page cuts off at a frame's edge
            f.unprinted ? h('div.pf-source', `未印出 (not printed): ${f.unprinted}`) : '',
          ]),
        ]),
      ]),
    );
  }
  rows.push(
    h(
      'div.pf-section',
      o.against
        ? `改动 Changes since ${roundLabel(o.against.round)} (${o.changes.length})`
        : '改动 Changes: 第一校，没有前一校可比较 (round 1: nothing to compare with)',
    ),
  );
  for (const c of o.changes) {
    const kind = { insert: '增 inserted', delete: '删 deleted', replace: '改 replaced', move: '移 moved', photo: '换 photo replaced' }[
      c.kind
    ];
    rows.push(
      h('div.pf-row', { 'data-n': c.n, 'data-kind': 'change' }, [
        h('span.no', String(c.n)),
        h('div', [
          h(
            'div',
            c.kind === 'photo'
              ? [h('b', kind), ' ', h('ins', c.text), c.deleted ? '（同名，图片已更换 same name, new picture）' : '（新图片 new picture）']
              : [h('b', kind), ' ', c.deleted ? h('del', c.deleted) : '', c.deleted && c.text ? ' → ' : '', c.text ? h('ins', c.text) : ''],
          ),
          h('div.where', [
            fileLine(o.manuscript, c.line, c.column),
            '  ',
            c.place ? h('b', c.place.label) : h('b', '不在版面上 (not on the page)'),
            // a moved block: where it stood in the last round
            c.kind === 'move' && c.from !== undefined
              ? ['  原处 (moved from) ', h('b', movedFrom(c)), c.fromLine ? `, line ${c.fromLine}:${c.fromColumn ?? 1}` : '']
              : '',
          ]),
        ]),
      ]),
    );
  }
  if (o.overset) {
    rows.push(h('div.pf-section', '未排入版面的文字 Overset text (not on the page)'));
    for (const para of o.overset.split(/\n+/).filter(Boolean)) {
      // Long paragraphs go in pieces, so that a column can always take the next one.
      for (let i = 0; i < para.length; i += 160) rows.push(h('div.pf-text', para.slice(i, i + 160)));
    }
  }
  const sheet = h('div.sheet.proof-findings', { style: `width:${px(s.width)};height:${px(s.height)}` }, [
    h('div.pf-head', { style: at({ left: pad, top: pad, width: s.width - 2 * pad }) }, [
      h('h1', `${label} 问题清单 · ${o.manuscript}`),
      h('p', o.slug),
    ]),
    h(
      'div.pf-cols',
      { style: at({ left: pad, top: pad + headHeight, width: s.width - 2 * pad, height: s.height - 2 * pad - headHeight }) },
      columns,
    ),
    h('div.pf-flow', rows),
  ]);
  return stringifyHast({ type: 'root', children: [sheet] });
}
