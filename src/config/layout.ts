// The page layout a layout editor controls: templates/newspaper/layouts/<name>.yaml.
// Everything here is read from that file; TypeScript only derives lengths from it. The schema below
// is the one statement of every key, its type and its default (docs/config.md is generated from it).
import { closeSync, existsSync, openSync, readdirSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { TEMPLATES } from '../core/paths.js';
import { overprinted, TEXT_BLACK, totalInk } from '../core/ink.js';
import { InputError } from '../core/input-error.js';
import { loadConfig } from './load.js';
import { type ConfigKind, fallback, length, lineHeight, percent, typeSize, whole, z } from './schema.js';

export const DEFAULT_LAYOUT = 'feature-8col';

/** A share in per cent, 0–100. */
const percentage = () => z.number().min(0).max(100);

/** A file inside templates/, named relative to it (never outside: no absolute path, no ..). */
const templateFile = () =>
  z
    .string()
    .refine(
      (f) => !path.isAbsolute(f) && !f.split(/[\\/]/).includes('..'),
      'must be a file inside templates/, e.g. press/newsprint-cmyk-240.icc',
    )
    .meta({ kind: 'a file in templates/, e.g. press/newsprint-cmyk-240.icc' });

const columnsPair = () => z.tuple([whole(1), whole(1)]).meta({ kind: '[first, last]: base columns, counted from 1 at the left' });

const photoSlot = z
  .strictObject({
    columns: columnsPair().meta({ description: 'The first and last base column the slot spans' }),
    top: whole(0).default(0).meta({ description: 'Grid lines from the top of the type area to the slot' }),
    lines: whole(1).meta({ description: 'Height in grid lines, caption included' }),
  })
  .meta({ description: 'A photo slot: figure N of the manuscript fills slot N, cropped to it' });

const headlineSlot = z
  .strictObject({
    columns: columnsPair().meta({ description: 'The first and last base column the headline block spans' }),
    lines: whole(0).meta({ description: 'Height in grid lines, from the top of the type area (0: no headline block)' }),
  })
  .meta({ description: 'The headline block (引题, 主题, 副题, byline) at the top of the type area' });

const runningHeadTexts = z
  .strictObject({
    left: z.string().optional().meta({ description: 'Text at the left; {{key}} is the front matter value of key' }),
    center: z.string().optional().meta({ description: 'Text in the centre' }),
    right: z.string().optional().meta({ description: 'Text at the right' }),
  })
  .meta({ kind: 'a mapping of left, center and right texts' });

/** The 报眉 of `runningHead: true`. */
export const DEFAULT_RUNNING_HEAD: RunningHead = {
  left: '{{paper}}　{{date}}',
  center: '第{{page}}版　{{section}}',
  right: '责任编辑：{{editor}}　美术编辑：{{designer}}',
};

const cropMarksSchema = z
  .strictObject({
    offset: fallback(length(), '3mm').meta({ description: 'Gap between the trim and the mark: at least the bleed' }),
    length: fallback(length(), '7mm').meta({ description: 'Length of each mark' }),
    weight: fallback(length(), '0.25pt').meta({ description: 'Line weight' }),
  })
  .meta({ kind: 'a mapping of offset, length and weight' });

const lineRulesSchema = z
  .strictObject({
    noStart: z
      .string()
      .default('、。，．：；？！）］｝〕〉》」』】〗〙”’…‥·～')
      .meta({ description: 'Characters that never start a line (clreq 避头)' }),
    noEnd: z.string().default('（［｛〔〈《「『【〖〘“‘').meta({ description: 'Characters that never end a line (clreq 避尾)' }),
    minLastLine: whole(1).default(2).meta({ description: "A paragraph's last line holds at least this many characters (fewer is 孤字)" }),
    maxLoose: z
      .number()
      .min(0)
      .default(0.25)
      .meta({ description: 'Extra space allowed between two characters of a justified line, in em' }),
  })
  .meta({ description: 'Line quality rules, measured on the rendered page (避头尾, 孤字, loose lines)' });

const designColor = z.strictObject({
  css: z
    .string()
    .regex(/^#[0-9a-fA-F]{6}$/)
    .meta({ kind: 'a colour as #rrggbb', description: 'The colour the page is drawn with (page.css: var(--color-<name>))' }),
  cmyk: z.tuple([percentage(), percentage(), percentage(), percentage()]).meta({
    kind: '[C, M, Y, K], each 0–100 (per cent)',
    description: 'The CMYK the press PDF prints it in, exactly: at most inkLimit in all (for `shade`, C + M + Y at most inkLimit − 100)',
  }),
});

/**
 * The printing condition a layout names; what it leaves out comes from the shipped newsprint
 * condition (outputIntent(): DEFAULT_OUTPUT_INTENT, and the CMYK profile separated for the ink limit).
 */
const outputIntentSchema = z
  .strictObject({
    profile: templateFile().optional().meta({
      description: "CMYK profile (the output intent's destination profile), in templates/; a plant's own is used as it is",
      defaultText: 'the shipped `press/newsprint-cmyk-<limit>.icc` for `inkLimit`',
    }),
    grayProfile: templateFile()
      .optional()
      .meta({ description: 'K-only profile for greyscale photos, in templates/', defaultText: '`press/newsprint-gray.icc`' }),
    identifier: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'OutputConditionIdentifier: the registered name of the condition', defaultText: '`CGATS TR 002`' }),
    condition: z
      .string()
      .min(1)
      .optional()
      .meta({ description: 'OutputCondition: the condition in words', defaultText: 'the shipped condition and its ink limit' }),
    registry: z.string().min(1).optional().meta({ description: 'RegistryName of the identifier', defaultText: '`http://www.color.org`' }),
  })
  .meta({ description: 'The printing condition: profile files in templates/ and how the output intent names them' });

/** Editions (several stories per page, from a plan): headline sizes, rules and gaps between modules, jump lines. */
const editionSchema = z
  .strictObject({
    headlineSizes: z
      .record(
        z
          .string()
          .regex(/^[1-9]\d*$/)
          .meta({ kind: 'a number of columns' }),
        typeSize().meta({ description: 'The 主题 size for a headline block this many columns wide (or wider)' }),
      )
      .default({ 1: '14pt', 2: '18pt', 3: '22pt', 4: '26pt', 6: '36pt', 8: '42pt' })
      .meta({
        keyName: 'columns',
        description:
          "The 主题's size by the width of its headline block in base columns: the entry of the largest width not above the block's " +
          '(its 引题 and 副题 scale with it: type.kickerSize and type.subheadlineSize × this / type.headlineSize)',
      }),
    moduleGap: whole(0).max(10).default(1).meta({
      description: 'Empty grid lines at the foot of a module that has another module below it (the rule between them runs through)',
    }),
    moduleRules: z.boolean().default(true).meta({ description: 'Rules between adjacent modules' }),
    jumpTo: jumpLine(
      '（下转第{{page}}版）',
      'The jump line at the foot of a story that continues elsewhere; {{page}} is the page it continues on',
    ),
    jumpFrom: jumpLine('（上接第{{page}}版）', 'The jump line where it resumes; {{page}} is the page it comes from'),
    continuationHeadSize: fallback(typeSize(), '16pt').meta({ description: 'The 主题 size of a continuation head' }),
    briefTitleLines: whole(1).default(3).meta({ description: "Height of a brief column's head (简讯), in grid lines" }),
  })
  .meta({ description: 'Editions (npm run build:pdf -- <plan.yaml>): several stories per page, each in its module' });

function jumpLine(fallbackText: string, description: string) {
  return z
    .string()
    .refine((t) => t.includes('{{page}}'), 'must say where with {{page}}, e.g. （下转第{{page}}版）')
    .default(fallbackText)
    .meta({ kind: 'text with {{page}}', description });
}

/** How far an edition's story may be fitted automatically: never the type size. */
const fitSchema = z
  .strictObject({
    tracking: fallback(
      z
        .union([z.number(), z.string().regex(/^\s*\d+(\.\d+)?\s*%\s*$/)])
        .transform((v) => parseFloat(String(v)))
        .pipe(z.number().min(0).max(10)),
      '2%',
    ).meta({
      kind: 'a share of the em in per cent, 0–10%, e.g. 2%',
      description: 'Selected paragraphs may be set at most this much tighter or looser; never the type size',
    }),
    maxLines: whole(0)
      .default(4)
      .meta({ description: 'A story overset or underset by at most this many lines is fitted; more is reported as it is (0: off)' }),
  })
  .meta({ description: "Automatic copy fit of an edition's stories" });

/** One ascent and descent for every font slice when the layout does not say: the ideographic em box. */
export const DEFAULT_FONT_METRICS = { ascent: '88%', descent: '12%' };

const layoutSchema = z
  .strictObject({
    page: z
      .strictObject({
        trim: z
          .strictObject({
            width: length().meta({ description: 'Trimmed page width' }),
            height: length().meta({ description: 'Trimmed page height' }),
          })
          .meta({ description: 'The trimmed page, e.g. { width: 390mm, height: 550mm } (对开)' }),
        bleed: fallback(length(), '0mm').meta({ description: 'Bleed outside the trim (0 for none)' }),
        cropMarks: z
          .union([z.literal(false), cropMarksSchema])
          .default(false)
          .meta({ description: 'Crop marks outside the trim, e.g. { offset: 3mm, length: 7mm, weight: 0.25pt }; false for none' }),
        margins: z
          .strictObject({
            top: fallback(z.union([z.literal('auto'), length()]), 'auto').meta({
              description: 'From the trim top to the type area; auto centres it',
            }),
            left: fallback(z.union([z.literal('auto'), length()]), 'auto').meta({
              description: 'From the trim left to the type area; auto centres it',
            }),
          })
          .optional()
          .meta({ description: 'Where the type area sits on the trim (default: centred)' }),
      })
      .superRefine(marksOutsideBleed)
      .meta({ description: 'The sheet: trim, bleed, crop marks, margins (mm)' }),
    type: z
      .strictObject({
        bodySize: typeSize().meta({ description: 'Body type size (9pt = 小五); one body character is the unit of grid widths' }),
        lineHeight: typeSize().meta({ description: 'The line grid: distance between body baselines' }),
        captionSize: typeSize().meta({ description: 'Caption type size' }),
        captionLineHeight: fallback(lineHeight(), '1.35').meta({ description: 'Caption line height' }),
        headSize: typeSize().optional().meta({ description: '小标题 size', defaultText: 'as `type.bodySize`' }),
        headLineHeight: fallback(lineHeight(), '1.4').meta({ description: '小标题 line height' }),
        headlineSize: fallback(typeSize(), '42pt').meta({ description: '主题 (headline) size' }),
        kickerSize: fallback(typeSize(), '16pt').meta({
          description: "引题 (kicker) size; in an edition's module, scaled with its 主题 (× its size / headlineSize), at least headSize",
        }),
        subheadlineSize: fallback(typeSize(), '18pt').meta({
          description:
            "副题 (subheadline) size; in an edition's module, scaled with its 主题 (× its size / headlineSize), at least headSize",
        }),
        bylineSize: typeSize().optional().meta({ description: 'Byline size', defaultText: 'as `type.bodySize`' }),
        runningHeadSize: typeSize().optional().meta({ description: '报眉 size', defaultText: 'as `type.bodySize`' }),
      })
      .transform((t) => ({
        ...t,
        headSize: t.headSize ?? t.bodySize,
        bylineSize: t.bylineSize ?? t.bodySize,
        runningHeadSize: t.runningHeadSize ?? t.bodySize,
      }))
      .meta({ description: 'Type sizes (pt) and the line grid' }),
    grid: z
      .strictObject({
        columns: whole(1).meta({ description: 'Base columns (基本栏) across the type area' }),
        columnWidth: whole(1).meta({ description: 'Characters per column: whole ems, or every line is spread' }),
        gutter: z.number().min(0).meta({ description: 'Characters between columns' }),
        lines: whole(1).meta({ description: "Grid lines in the type area's height" }),
        columnRules: z.boolean().default(false).meta({ description: 'Rules between columns (栏线)' }),
        keepWithHead: whole(0).default(2).meta({ description: 'A 小标题 is followed by at least this many lines in its column' }),
        minTableRows: whole(1).default(2).meta({
          description:
            'A table cut between columns keeps at least this many rows of its body in each piece under its repeated header row (续表); a table too short to cut so goes on whole',
        }),
      })
      .meta({ description: 'The column grid: widths in body characters, heights in grid lines' }),
    runningHead: z
      .union([z.boolean(), runningHeadTexts])
      .default(false)
      .transform((v): false | RunningHead => (v === true ? DEFAULT_RUNNING_HEAD : v))
      .meta({
        description:
          "报眉 above the type area: false for none, true for the paper's usual one, or texts with {{key}} for front matter values",
      }),
    runningHeadGap: fallback(length(), '4mm').meta({ description: 'From the 报眉 rule to the type area' }),
    headline: headlineSlot.optional(),
    photos: z.array(photoSlot).default([]).meta({ description: "Photo slots, filled by the manuscript's figures in order" }),
    photoPpi: whole(1).default(200).meta({ description: 'Photos are scaled to their printed size at this resolution (pixels per inch)' }),
    preview: z
      .strictObject({ width: whole(1).default(1200).meta({ description: 'page.png width in pixels' }) })
      .prefault({})
      .meta({ description: 'The PNG preview' }),
    continuation: z
      .strictObject({
        photos: z.array(photoSlot).default([]).meta({ description: 'Photo slots on continuation pages' }),
        headline: headlineSlot.nullable().default(null).meta({ description: 'A headline block on continuation pages (null: none)' }),
      })
      .prefault({})
      .meta({ description: 'Frames of the pages after the first, for documents that run on (--pages auto)' }),
    lines: lineRulesSchema.prefault({}),
    fontMetrics: z
      .strictObject({
        ascent: percent().meta({ description: 'Ascent override for every font slice' }),
        descent: percent().meta({ description: 'Descent override for every font slice' }),
      })
      .default(DEFAULT_FONT_METRICS)
      .superRefine((m, ctx) => {
        // An override far from the em box puts every glyph off its line: 188% set the text a line low.
        const sum = Number.parseFloat(m.ascent) + Number.parseFloat(m.descent);
        if (sum < 80 || sum > 150)
          ctx.addIssue({
            code: 'custom',
            path: ['ascent'],
            message: `is ${m.ascent} with descent ${m.descent}, ${sum}% in all: the glyphs would stand off their lines; the ideographic em box is 100% (ascent: 88%, descent: 12%)`,
          });
      })
      .meta({ description: 'One ascent and descent for every font slice, so all lines share one baseline position' }),
    pdfx: z.enum(['x1a', 'x4']).default('x1a').meta({
      description: 'The press standard page.pdf is written to: x1a = PDF/X-1a:2001 (most newspaper plants), x4 = PDF/X-4',
    }),
    inkLimit: fallback(
      z
        .union([z.number(), z.string().regex(/^\s*\d+(\.\d+)?\s*%?\s*$/)])
        .transform((v) => parseFloat(String(v)))
        .pipe(z.number().min(100).max(400)),
      '240%',
    ).meta({
      kind: 'a total ink coverage from 100% to 400%, e.g. 240%',
      description: 'Total ink limit of the printing condition (ISO 12647-3 coldset newsprint: 240%)',
    }),
    colors: z
      .record(z.string().regex(/^[a-z][a-z0-9-]*$/), designColor)
      .default({})
      .meta({
        keyName: 'name',
        description: 'Design colours, named with lower-case letters, digits and - (page.css uses var(--color-<name>))',
      }),
    outputIntent: outputIntentSchema.default({}),
    edition: editionSchema.prefault({}),
    fit: fitSchema.prefault({}),
  })
  .superRefine(slotsOnGrid, { when: () => true })
  .superRefine(colorsWithinInk, { when: () => true });

/**
 * A design colour never needs more ink than the printing condition takes, nor does a colour black
 * text stands on (UNDER_BLACK_TEXT) with the text over it: black text overprints, so the plates carry
 * the colour's C, M and Y and the text's 100 % K there (a shade of 0/60/100/0 was built into every
 * shaded box and refused by each page's preflight, at the page, not at the layout's line). Both sums
 * are the preflight's own (core/ink.ts). The press finds a colour by its css value, so two names may
 * not give one css value two CMYKs (one would be dropped), and black and white are not the layout's
 * to set: black prints 100 % K alone (no C, M or Y under black text), white no ink.
 */
function colorsWithinInk(layout: unknown, ctx: z.RefinementCtx): void {
  // Run with the rest of the layout's problems (when: always), so on values as written: the
  // colours whose css and cmyk have their shape, and the ink limit when it is a number.
  const l = layout as { inkLimit?: unknown; colors?: unknown };
  const colors = Object.entries(l.colors && typeof l.colors === 'object' ? l.colors : {}).filter(
    (e): e is [string, { css: string; cmyk: number[] }] =>
      typeof e[1]?.css === 'string' &&
      Array.isArray(e[1].cmyk) &&
      e[1].cmyk.length === 4 &&
      e[1].cmyk.every((v: unknown) => typeof v === 'number'),
  );
  const inkLimit = typeof l.inkLimit === 'number' ? l.inkLimit : undefined;
  const byCss = new Map<string, { name: string; cmyk: number[] }>();
  for (const [name, c] of colors) {
    const css = c.css.toLowerCase();
    const fixed = FIXED_COLOURS[css];
    if (fixed && fixed.cmyk.join() !== c.cmyk.join())
      ctx.addIssue({
        code: 'custom',
        path: ['colors', name, 'cmyk'],
        message: `is [${c.cmyk.join(', ')}], but ${css} is ${fixed.what}; write [${fixed.cmyk.join(', ')}] or remove the colour`,
      });
    if (fixed) continue;
    const other = byCss.get(css);
    if (other && other.cmyk.join() !== c.cmyk.join())
      ctx.addIssue({
        code: 'custom',
        path: ['colors', name, 'css'],
        message: `is ${c.css}, the css of colors.${other.name} too, with another CMYK: the press knows a colour by its css value and would print both in one; give each its own css value`,
      });
    if (!other) byCss.set(css, { name, cmyk: c.cmyk });
  }
  for (const [name, c] of colors) {
    if (looksLikeFractions(c.css, c.cmyk))
      ctx.addIssue({
        code: 'custom',
        path: ['colors', name, 'cmyk'],
        message: `is [${c.cmyk.join(', ')}]: per cent, not fractions of 1; as written it prints almost no ink while ${c.css} is a full colour; write [${c.cmyk.map((v) => Math.round(v * 100)).join(', ')}]`,
      });
    if (inkLimit === undefined) continue;
    // the press's own sums (core/ink.ts, the preflight's): the colour alone, and under black text
    const plates = c.cmyk.map((v) => v / 100);
    const written = `is [${c.cmyk.join(', ')}]`;
    const background = Object.hasOwn(UNDER_BLACK_TEXT, name) ? UNDER_BLACK_TEXT[name] : undefined;
    if (background) {
      const under = totalInk(overprinted(TEXT_BLACK, plates));
      if (under > inkLimit)
        ctx.addIssue({
          code: 'custom',
          path: ['colors', name, 'cmyk'],
          message:
            `${written}: black text overprints ${background}, so under the text the plates carry ${under}% total ink ` +
            `(its C, M and Y, ${totalInk([...plates.slice(0, 3), 0])}%, and the text's 100% K), over the layout's ink limit of ${inkLimit}% (inkLimit); ` +
            `lower its C, M and Y to at most ${inkLimit - 100}% together (its own K does not count: the text's covers it)`,
        });
      continue;
    }
    const total = totalInk(plates);
    if (total > inkLimit)
      ctx.addIssue({
        code: 'custom',
        path: ['colors', name, 'cmyk'],
        message: `${written}: ${total}% total ink, over the layout's ink limit of ${inkLimit}% (inkLimit); lower C, M or Y by ${Math.round((total - inkLimit) * 10) / 10}% in all`,
      });
  }
}

/**
 * The design colours black text stands on, and what they are the background of: page.css's
 * backgrounds (var(--color-<name>) of a `background`), which the text overprints (press/pdfx.ts).
 * tests/config/ink-limit.test.ts keeps this in step with page.css.
 */
export const UNDER_BLACK_TEXT: Record<string, string> = { shade: 'a shaded box (box: shaded in an edition plan)' };

/**
 * Crop marks start outside the bleed: the bleed is printed and trimmed off, so a mark in it shows on
 * the page wherever the knife cuts a little outside the trim (what the bleed is there to allow), and a
 * plant's preflight reports printer's marks in the bleed.
 */
function marksOutsideBleed(page: { bleed: string; cropMarks: false | { offset: string } }, ctx: z.RefinementCtx): void {
  // (zod runs this on the page as written too, when another of its values is wrong: a length that
  // is not one is reported by itself)
  const mm = (v: unknown) => (typeof v === 'string' ? lengthMm(v) : undefined);
  if (!page.cropMarks) return;
  const bleed = mm(page.bleed);
  const offset = mm(page.cropMarks.offset);
  if (bleed !== undefined && offset !== undefined && offset < bleed - 0.001)
    ctx.addIssue({
      code: 'custom',
      path: ['cropMarks', 'offset'],
      message: `is ${page.cropMarks.offset}, inside the ${page.bleed} bleed: the marks would print on the bleed and show on the page where the trim falls a little outside; make it at least ${page.bleed}`,
    });
}

/**
 * A CMYK written as fractions of 1 ([0, 0.9, 0.75, 0.05], as some design tools show it) for a css
 * colour that is not a faint tint: every value at most 1 and one above 0 ([0, 1, 1, 0] for a red). In per
 * cent it prints almost white, while page.png shows the full colour.
 */
function looksLikeFractions(css: string, cmyk: number[]): boolean {
  const channels = [1, 3, 5].map((i) => Number.parseInt(css.slice(i, i + 2), 16));
  const faint = channels.every((v) => v >= 0xf0);
  return !faint && cmyk.every((v) => v <= 1) && cmyk.some((v) => v > 0);
}

/** The two colours whose CMYK the press sets itself (press/colors.ts). */
const FIXED_COLOURS: Record<string, { cmyk: number[]; what: string }> = {
  '#000000': { cmyk: [0, 0, 0, 100], what: 'black, which always prints 100% K alone (no C, M or Y under black text)' },
  '#ffffff': { cmyk: [0, 0, 0, 0], what: 'white, which prints no ink' },
};

const mm = (n: number) => `${Math.round(n * 10) / 10} mm`;

/**
 * The type area (the grid's columns and lines, where the margins put it) and the 报眉 above it lie
 * on the trim: margins or a grid too large for the sheet would print text off the page, and the
 * build would still say the text fits. Checked in mm, with the layout's own units converted.
 */
function typeAreaOnTrim(l: z.output<typeof layoutSchema>): Array<{ path: PropertyKey[]; message: string }> {
  const problems: Array<{ path: PropertyKey[]; message: string }> = [];
  const em = toMm(l.type.bodySize);
  const { columns, columnWidth, gutter, lines } = l.grid;
  const width = (columns * columnWidth + (columns - 1) * gutter) * em;
  const height = lines * toMm(l.type.lineHeight);
  const trim = { width: toMm(l.page.trim.width), height: toMm(l.page.trim.height) };
  const margins = l.page.margins ?? { top: 'auto', left: 'auto' };
  const sizes = (across: boolean) =>
    across
      ? `${mm(width)} wide: ${columns} columns × ${columnWidth} + ${columns - 1} gutters × ${gutter} characters of ${l.type.bodySize}`
      : `${mm(height)} high: ${lines} lines of ${l.type.lineHeight}`;
  for (const [side, size, key, across] of [
    ['width', width, 'left', true],
    ['height', height, 'top', false],
  ] as const) {
    const margin = margins[key];
    const at = margin === 'auto' ? (trim[side] - size) / 2 : toMm(margin);
    const fix = across
      ? 'make grid.columns, grid.columnWidth, grid.gutter or type.bodySize smaller'
      : 'make grid.lines or type.lineHeight smaller';
    if (size > trim[side] + 0.01)
      problems.push({
        path: across ? ['grid', 'columnWidth'] : ['grid', 'lines'],
        message: `the type area is ${sizes(across)}, more than the trim's ${mm(trim[side])}; ${fix}`,
      });
    else if (at + size > trim[side] + 0.01)
      problems.push({
        path: ['page', 'margins', key],
        message: `is ${margin}: the type area (${sizes(across)}) then runs ${mm(at + size - trim[side])} past the trim's ${mm(trim[side])}; make it at most ${mm(trim[side] - size)}`,
      });
  }
  const top = margins.top === 'auto' ? (trim.height - height) / 2 : toMm(margins.top);
  const head = l.runningHead ? toMm(l.runningHeadGap) + toMm(l.type.runningHeadSize) : 0;
  if (l.runningHead && height <= trim.height && top < head)
    problems.push({
      path: margins.top === 'auto' ? ['grid', 'lines'] : ['page', 'margins', 'top'],
      message: `leaves ${mm(top)} above the type area, less than the 报眉 needs (runningHeadGap ${l.runningHeadGap} + runningHeadSize ${l.type.runningHeadSize} = ${mm(head)}), so it would print off the trim; give the top margin at least ${mm(head)}`,
    });
  return problems;
}

/**
 * The line grid holds a line of body type: a grid step smaller than the body size (a typo, 6pt for
 * 16pt) prints every line over the one above it, while the fit and the line checks measure nothing
 * wrong.
 */
function lineGridHoldsBody(l: z.output<typeof layoutSchema>): Array<{ path: PropertyKey[]; message: string }> {
  const body = toMm(l.type.bodySize);
  if (toMm(l.type.lineHeight) >= body - 1e-6) return [];
  return [
    {
      path: ['type', 'lineHeight'],
      message: `is ${l.type.lineHeight}, less than type.bodySize ${l.type.bodySize}: each line would print over the one above it; make it at least ${l.type.bodySize} (body text is usually set on 1.2–1.4 times its size)`,
    },
  ];
}

/**
 * Photo slots lie apart from the headline block and from each other. A slot over the headline
 * block printed the photo over the headline (it vanished), and two slots over each other printed
 * one photo over the other; neither was said.
 */
function slotsApart(
  at: PropertyKey[],
  headline: { columns: [number, number]; lines: number } | undefined,
  photos: Array<{ columns: [number, number]; top: number; lines: number }>,
): Array<{ path: PropertyKey[]; message: string }> {
  type Box = { name: string; columns: [number, number]; top: number; lines: number };
  const where = (b: Omit<Box, 'name'>) => `columns ${b.columns[0]}–${b.columns[1]}, lines ${b.top + 1}–${b.top + b.lines}`;
  const over = (a: Omit<Box, 'name'>, b: Omit<Box, 'name'>) =>
    a.columns[0] <= b.columns[1] && b.columns[0] <= a.columns[1] && a.top < b.top + b.lines && b.top < a.top + a.lines;
  const boxes: Box[] = headline?.lines ? [{ name: 'the headline block (headline)', top: 0, ...headline }] : [];
  const problems: Array<{ path: PropertyKey[]; message: string }> = [];
  photos.forEach((p, i) => {
    const hit = boxes.find((b) => over(b, p));
    if (hit)
      problems.push({
        path: [...at, 'photos', i, 'top'],
        message: `the slot (${where(p)}) lies over ${hit.name} (${where(hit)}): the photo would print over it; start it at top: ${hit.top + hit.lines} or give it other columns`,
      });
    boxes.push({ name: `photo slot ${i + 1}`, ...p });
  });
  return problems;
}

/** Slots on the grid: columns within the grid's columns, top + lines within its lines. */
function slotsOnGrid(l: unknown, ctx: z.RefinementCtx): void {
  const grid = (l as { grid?: { columns?: unknown; lines?: unknown } }).grid;
  const columns = Number.isInteger(grid?.columns) ? (grid!.columns as number) : undefined;
  const lines = Number.isInteger(grid?.lines) ? (grid!.lines as number) : undefined;
  const v = l as { headline?: unknown; photos?: unknown; continuation?: { headline?: unknown; photos?: unknown } };
  const slots: Array<[PropertyKey[], unknown]> = [
    [['headline'], v.headline],
    ...(Array.isArray(v.photos) ? v.photos.map((p, i) => [['photos', i], p] as [PropertyKey[], unknown]) : []),
    [['continuation', 'headline'], v.continuation?.headline],
    ...(Array.isArray(v.continuation?.photos)
      ? v.continuation.photos.map((p, i) => [['continuation', 'photos', i], p] as [PropertyKey[], unknown])
      : []),
  ];
  for (const [path, slot] of slots) {
    if (!slot || typeof slot !== 'object') continue;
    const s = slot as { columns?: unknown; top?: unknown; lines?: unknown };
    if (columns !== undefined && Array.isArray(s.columns) && s.columns.every(Number.isInteger)) {
      const [a, b] = s.columns as number[];
      if (!(a >= 1 && b >= a && b <= columns))
        ctx.addIssue({
          code: 'custom',
          path: [...path, 'columns'],
          message: `[${a}, ${b}] is not on the grid; give [first, last] with 1 ≤ first ≤ last ≤ ${columns} (grid.columns)`,
        });
    }
    const top = s.top ?? 0;
    if (lines !== undefined && Number.isInteger(top) && Number.isInteger(s.lines) && (top as number) + (s.lines as number) > lines)
      ctx.addIssue({
        code: 'custom',
        path: [...path, 'lines'],
        message: `top ${top} + lines ${s.lines} runs past the grid's ${lines} lines; make top + lines at most ${lines} (grid.lines)`,
      });
  }
}

export type PhotoSlot = z.output<typeof photoSlot>;
export type LineRules = z.output<typeof lineRulesSchema>;
export type RunningHead = z.output<typeof runningHeadTexts>;

/** A front matter value in a 报眉 text: {{key}}. */
export const RUNNING_HEAD_KEY = /\{\{\s*(\w+)\s*\}\}/g;

/** The front matter keys the layout's 报眉 names ({{key}}), once each, in order. */
export function runningHeadKeys(layout: Pick<Layout, 'runningHead'>): string[] {
  const head = layout.runningHead;
  if (!head) return [];
  const texts = [head.left, head.center, head.right].filter((t): t is string => Boolean(t));
  return [...new Set(texts.flatMap((t) => [...t.matchAll(RUNNING_HEAD_KEY)].map((m) => m[1])))];
}
export type CropMarks = z.output<typeof cropMarksSchema>;
export type PdfxStandard = Layout['pdfx'];
export type DesignColor = z.output<typeof designColor>;
export type OutputIntent = Required<z.output<typeof outputIntentSchema>>;
export type EditionStyle = z.output<typeof editionSchema>;
/** The fit tolerance as written: tracking in per cent of the em. */
export type FitTolerance = z.output<typeof fitSchema>;

/** A page layout as the page builder takes it: every default filled in, with its name and file. */
export type Layout = z.output<typeof layoutSchema> & { name: string; file: string };

export const LAYOUT: ConfigKind<typeof layoutSchema, Layout> = {
  title: 'Page layout',
  where: 'templates/newspaper/layouts/<name>.yaml',
  about:
    'The newspaper page a manuscript is laid out on: sheet, type sizes, column grid, 报眉, headline block, photo slots and ' +
    'line rules. A manuscript picks one with `layout: <name>` in its front matter; `--layout NAME|FILE.yaml` overrides it. ' +
    'Units: mm for the sheet, pt for type, body characters for column widths and gutters, grid lines for heights. ' +
    'Design colours keep to the ink limit, checked when the layout is loaded, at the colour: C + M + Y + K of each at most `inkLimit`; ' +
    "and `colors.shade`, the background of a shaded box, which black text overprints (the plates then carry the shade's C, M and Y " +
    "and the text's 100% K), with C + M + Y at most `inkLimit` − 100 (140% for 240%; its own K does not count).",
  schema: layoutSchema,
  check: (l) => [
    ...typeAreaOnTrim(l),
    ...lineGridHoldsBody(l),
    ...slotsApart([], l.headline, l.photos),
    ...slotsApart(['continuation'], l.continuation.headline ?? undefined, l.continuation.photos),
    ...(['profile', 'grayProfile'] as const).flatMap((key) => {
      const named = l.outputIntent[key];
      const problem = named === undefined ? undefined : profileProblem(named, key === 'profile' ? 'CMYK' : 'GRAY');
      return problem ? [{ path: ['outputIntent', key], message: problem }] : [];
    }),
    ...(!l.outputIntent.profile && !newsprintProfile(l.inkLimit)
      ? [
          {
            path: ['inkLimit'],
            message:
              `is ${l.inkLimit}%, below ${newsprintProfiles()[0]?.limit}%, the lowest limit a shipped newsprint profile is separated for ` +
              '(templates/press/newsprint-cmyk-<limit>.icc); make one with templates/press/make-profiles.mjs --limits ' +
              `${l.inkLimit}, or name a profile separated for it in outputIntent.profile`,
          },
        ]
      : []),
  ],
  finish: (value, { file }) => ({ ...value, name: path.basename(file, path.extname(file)), file }),
};

/**
 * What is wrong with a profile a layout names (a file in templates/), or undefined: it must be an
 * ICC profile (its header's 'acsp' signature) of the colour space the press uses it for. A layout an
 * edition plan brings is untrusted: `profile: fonts.yaml` was embedded in the press PDF as its
 * output intent and reported only by the preflight, at no line of the layout.
 */
function profileProblem(named: string, space: 'CMYK' | 'GRAY'): string | undefined {
  const file = path.join(TEMPLATES, named);
  if (!existsSync(file)) return `names ${named}, which is not in templates/; put the profile there or correct the name`;
  const header = Buffer.alloc(40);
  try {
    if (!statSync(file).isFile()) return `names ${named}, which is not a file; name an ICC profile (.icc) in templates/`;
    const fd = openSync(file, 'r');
    try {
      readSync(fd, header, 0, header.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    return `names ${named}, which cannot be read (${(error as Error).message}); name an ICC profile (.icc) in templates/`;
  }
  if (header.toString('latin1', 36, 40) !== 'acsp')
    return `names ${named}, which is not an ICC profile; name an ICC profile (.icc) in templates/`;
  const actual = header.toString('latin1', 16, 20).trim();
  if (actual !== space)
    return `names ${named}, a profile of ${actual || 'no'} colour space; the press needs a ${space === 'CMYK' ? 'CMYK' : 'greyscale (GRAY)'} profile here`;
  return undefined;
}

/** A length like "390mm", "9pt", "12px" in millimetres. */
export function toMm(length: string | number): number {
  if (typeof length === 'number') return length;
  const mm = lengthMm(length);
  if (mm === undefined) throw new InputError(`"${length}" is not a length (use mm, cm, pt, px or in)`);
  return mm;
}

/** A length written with its unit (a bare number is millimetres) in millimetres, or undefined when it is none. */
function lengthMm(length: string): number | undefined {
  const m = /^\s*(-?[\d.]+)\s*(mm|cm|pt|px|in)?\s*$/.exec(length);
  if (!m) return undefined;
  const n = parseFloat(m[1]);
  const unit = m[2] ?? 'mm';
  return unit === 'mm' ? n : unit === 'cm' ? n * 10 : unit === 'in' ? n * 25.4 : unit === 'pt' ? (n * 25.4) / 72 : (n * 25.4) / 96;
}

export function layoutFile(name = DEFAULT_LAYOUT): string {
  if (!/^[\w.-]+$/.test(name)) throw new InputError(`layout "${name}" is not a layout name (letters, digits, - and _)`);
  return path.join(TEMPLATES, 'newspaper', 'layouts', `${name}.yaml`);
}

/** The layouts a manuscript or a plan can name (templates/newspaper/layouts/*.yaml), without .yaml. */
export function layoutNames(): string[] {
  try {
    return readdirSync(path.dirname(layoutFile()))
      .filter((f) => /\.yaml$/.test(f))
      .map((f) => f.replace(/\.yaml$/, ''))
      .sort();
  } catch {
    return [];
  }
}

export function loadLayout(name = DEFAULT_LAYOUT): Layout {
  const file = layoutFile(name);
  if (!existsSync(file)) {
    // "layout: tabloid-5col.yaml" was told of templates/…/tabloid-5col.yaml.yaml: a layout is named without .yaml.
    const names = layoutNames();
    const bare = name.replace(/\.ya?ml$/i, '');
    const hint = bare !== name && names.includes(bare) ? `write "${bare}": a layout is named without .yaml` : 'name one of them';
    throw new InputError(`there is no layout "${name}" in templates/newspaper/layouts/ (${names.join(', ')}); ${hint}`);
  }
  return loadLayoutFile(file, name);
}

/** A layout from any YAML file (a layout editor's copy, a test fixture), checked before use. */
export function loadLayoutFile(file: string, name = path.basename(file, path.extname(file))): Layout {
  return { ...loadConfig(LAYOUT, file), name };
}

/** Width of `n` adjacent base columns (gutters between them included), in mm. */
export function spanWidthMm(layout: Layout, n: number): number {
  const em = toMm(layout.type.bodySize);
  return (n * layout.grid.columnWidth + (n - 1) * layout.grid.gutter) * em;
}

/** Printed size of each photo slot, in mm: the whole slot box, which the photo is cropped to cover (its caption takes the foot). */
export function photoPrintSizes(layout: Layout): Array<{ widthMm: number; heightMm: number }> {
  const line = toMm(layout.type.lineHeight);
  return layout.photos.map((p) => ({
    widthMm: spanWidthMm(layout, p.columns[1] - p.columns[0] + 1),
    heightMm: p.lines * line,
  }));
}

// A slot's photo and its caption share the slot (templates/newspaper/page.css, .slot.photo): the
// caption sits CAPTION_GAP_MM under the photo and the slot keeps SLOT_FOOT_LINES of a grid line free
// at its foot; the photo is cropped to cover what is left. Keep these two in step with page.css.
const CAPTION_GAP_MM = 1.2;
const SLOT_FOOT_LINES = 0.5;
/** Characters set one em wide: Hangul Jamo, CJK punctuation, kana, Han, Hangul, full-width forms. */
const FULL_WIDTH_CHAR =
  /[\u1100-\u115f\u2e80-\u303e\u3041-\u33ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\u{20000}-\u{3fffd}]/u;

/**
 * Lines a caption takes across `widthMm` at the layout's caption size, as the page sets it: a
 * full-width (CJK) character one em, any other half an em. An estimate for the copy desk, which
 * has no browser; the page measures the real caption (slot-check.ts) and the press the real photo.
 */
export function captionLines(layout: Layout, caption: string, widthMm: number): number {
  const text = caption.replace(/\s+/g, ' ').trim();
  if (!text) return 0;
  let ems = 0;
  for (const c of text) ems += FULL_WIDTH_CHAR.test(c) ? 1 : 0.5;
  const perLine = Math.max(1, Math.floor(widthMm / toMm(layout.type.captionSize)));
  return Math.ceil(ems / perLine);
}

/**
 * The box a slot's photo fills: the slot less its caption's foot (the caption's lines, the gap
 * above it and the slot's free foot). A photo is cropped to cover this box, not the whole slot.
 */
export function photoBoxMm(
  layout: Layout,
  slot: { widthMm: number; heightMm: number },
  caption: string,
): { widthMm: number; heightMm: number } {
  const size = toMm(layout.type.captionSize);
  const lh = layout.type.captionLineHeight;
  const lineMm = /^[\d.]+(em)?$/.test(lh) ? Number.parseFloat(lh) * size : toMm(lh);
  const lines = captionLines(layout, caption, slot.widthMm);
  // A photo without a caption has no figcaption on the page, so no caption gap either.
  const foot = SLOT_FOOT_LINES * toMm(layout.type.lineHeight) + (lines ? CAPTION_GAP_MM + lines * lineMm : 0);
  return { widthMm: slot.widthMm, heightMm: Math.max(0, slot.heightMm - foot) };
}

/**
 * The resolution a photo prints at, in pixels per inch: its pixels over the printed size, the
 * tighter dimension (a photo cropped to cover a box is scaled by the dimension that needs more).
 * Without a height, across its width only (a photo in a text column, its height following). The
 * copy desk's image-resolution (pixels over the photo's box) and the press's preflight (pixels over
 * the image as drawn in the PDF) compute it here.
 */
export function printedPpi(pixels: { width: number; height: number }, printed: { widthMm: number; heightMm?: number }): number {
  const across = pixels.width / (printed.widthMm / 25.4);
  return printed.heightMm ? Math.min(across, pixels.height / (printed.heightMm / 25.4)) : across;
}

/**
 * Where a manuscript's figures print when a build places them itself (an edition: its plan's photo
 * slots and its module's text column), in mm, each named so a layout editor knows what to change.
 * Without it the copy desk measures the layout's single-page photo slots (photoPrintSizes).
 */
export interface PrintPlaces {
  /** figure N fills slot N, cropped to cover it */
  slots: Array<{ widthMm: number; heightMm: number; name: string }>;
  /** the column a figure without a slot runs in, across its width */
  column: { widthMm: number; name: string };
}

/** The layout's crop marks (defaults filled in by the schema), or undefined when the page has none. */
export function cropMarks(layout: Layout): CropMarks | undefined {
  return layout.page.cropMarks || undefined;
}

/** The edition style (the schema fills in what the layout leaves out). */
export function editionStyle(layout: Layout): EditionStyle {
  return layout.edition;
}

/** The fit tolerance: the tracking as a fraction of the em (0.02 for 2%) and the lines. */
export function fitTolerance(layout: Layout): { tracking: number; maxLines: number } {
  return { tracking: layout.fit.tracking / 100, maxLines: layout.fit.maxLines };
}

/** The edition style and fit tolerance when a layout does not say (the schema's defaults). */
export const DEFAULT_EDITION_STYLE: EditionStyle = editionSchema.parse({});
export const DEFAULT_FIT: FitTolerance = fitSchema.parse({});

/** The layout's ink limit in per cent. */
export function inkLimit(layout: Layout): number {
  return layout.inkLimit;
}

/**
 * The shipped printing condition: coldset newsprint from CGATS TR 002 (templates/press/README.md).
 * Its CMYK profile is chosen by the ink limit (newsprintProfile); `condition` names that limit.
 */
export const DEFAULT_OUTPUT_INTENT: Omit<OutputIntent, 'profile' | 'condition'> = {
  grayProfile: 'press/newsprint-gray.icc',
  identifier: 'CGATS TR 002',
  registry: 'http://www.color.org',
};

/**
 * The shipped newsprint CMYK profiles, one per total ink limit (templates/press/newsprint-cmyk-<limit>.icc,
 * separated by ArgyllCMS for that limit: make-profiles.mjs), lowest limit first.
 */
export function newsprintProfiles(): Array<{ limit: number; file: string }> {
  const names = readdirSync(path.join(TEMPLATES, 'press')).flatMap((n) => {
    const m = /^newsprint-cmyk-(\d+)\.icc$/.exec(n);
    return m ? [{ limit: Number(m[1]), file: `press/${n}` }] : [];
  });
  return names.sort((a, b) => a.limit - b.limit);
}

/** The shipped profile for an ink limit: the one separated for the highest limit not above it. */
export function newsprintProfile(limit: number): { limit: number; file: string } | undefined {
  return newsprintProfiles()
    .filter((p) => p.limit <= limit)
    .pop();
}

/**
 * The layout's printing condition. Without a profile of its own, the photos are separated by the
 * shipped newsprint profile for its ink limit, so that the conversion itself keeps to the limit.
 * A profile the layout names (a plant's) is used as it is: its own separation sets the ink, and
 * the preflight checks it against the layout's limit.
 */
export function outputIntent(layout: Layout): OutputIntent & { separatedFor?: number } {
  const own = layout.outputIntent;
  if (own.profile) return { ...DEFAULT_OUTPUT_INTENT, condition: 'Coldset offset on newsprint', ...own, profile: own.profile };
  const shipped = newsprintProfile(inkLimit(layout));
  if (!shipped) throw new InputError(`${layout.file}: "inkLimit" has no newsprint profile (the layout schema checks this)`);
  return {
    ...DEFAULT_OUTPUT_INTENT,
    condition: `Coldset offset on newsprint (CGATS/SNAP TR 002), total ink ${shipped.limit}%`,
    ...own,
    profile: shipped.file,
    separatedFor: shipped.limit,
  };
}

/** The layout's line rules (defaults filled in by the schema). */
export function lineRules(layout: Layout): LineRules {
  return layout.lines;
}
