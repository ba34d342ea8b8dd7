// templates/proof/proof.yaml: the proof's marks as a layout editor sets them (margins around the
// trim, watermark, line numbers, slug, sign-off roles, colours). The proof is a screen document:
// colours are CSS colours (RGB).
import path from 'node:path';
import { TEMPLATES } from '../core/paths.js';
import { loadConfig } from './load.js';
import { type ConfigKind, length, whole, z } from './schema.js';

const cssColor = () =>
  z
    .string()
    .regex(/^(#[0-9a-fA-F]{3,8}|(rgb|rgba|hsl|hsla)\([\d\s.,%/]+\)|[a-z]+)$/)
    .meta({ kind: 'a CSS colour: #1c4f9c, rgba(200, 40, 40, 0.10) or a name' });

const bySeverity = (what: string) =>
  z
    .strictObject({
      error: cssColor().meta({ description: `${what} of errors` }),
      warning: cssColor().meta({ description: `${what} of warnings` }),
      info: cssColor().meta({ description: `${what} of infos` }),
    })
    .meta({ description: `${what} by severity` });

const proofSchema = z.strictObject({
  sheet: z
    .strictObject({
      margins: z
        .strictObject({
          top: length().meta({ description: 'Above the trim: the slug line' }),
          right: length().meta({ description: 'Right of the trim: the sign-off box' }),
          bottom: length().meta({ description: 'Below the trim' }),
          left: length().meta({ description: 'Left of the trim: line numbers' }),
        })
        .meta({ description: "Room around the trim; each side is at least the crop marks' reach" }),
      preview: z
        .strictObject({
          width: whole(100).meta({ description: 'proof.png width in pixels (the whole proof sheet), at least' }),
          lineNumberPx: whole(0)
            .max(16)
            .default(0)
            .meta({
              description:
                'proof.png is wider than `width` when needed for the line numbers to be set this many pixels high, so that a ' +
                'reviewer can read 第N栏第M行 on it (0: `width` only)',
            }),
        })
        .meta({ description: 'The PNG of the proof' }),
    })
    .meta({ description: 'The proof sheet around the printed page' }),
  watermark: z
    .strictObject({
      text: z.string().meta({ description: 'The watermark; {{round}} is 第一校, 第二校 …' }),
      size: length().meta({ description: 'Type size' }),
      angle: z.number().meta({ description: 'Angle in degrees' }),
      color: cssColor().meta({ description: 'Colour (keep it faint)' }),
    })
    .meta({ description: 'The watermark across the page' }),
  lineNumbers: z
    .strictObject({
      every: whole(1).meta({ description: 'A number every Nth line of each column (第N栏第M行)' }),
      size: length().meta({ description: 'Type size' }),
      color: cssColor().meta({ description: 'Colour' }),
    })
    .meta({ description: 'Line numbers beside each column' }),
  slug: z
    .strictObject({
      size: length().meta({ description: 'Type size' }),
      color: cssColor().meta({ description: 'Colour' }),
    })
    .meta({ description: 'The slug line: manuscript, round, date, findings' }),
  signOff: z
    .strictObject({
      roles: z
        .array(
          z.strictObject({
            label: z.string().min(1).meta({ description: 'The role as printed, e.g. 责任编辑' }),
            key: z
              .string()
              .regex(/^[A-Za-z][\w-]*$/)
              .meta({ kind: 'a front matter key', description: 'The front matter key whose value is printed as the name' }),
          }),
        )
        .min(1)
        .meta({ description: 'One row per role' }),
      size: length().meta({ description: 'Type size' }),
    })
    .meta({ description: 'The sign-off box' }),
  findings: z
    .strictObject({
      colors: bySeverity('Highlight colour'),
      markers: bySeverity('Number marker colour'),
      markerSize: length().meta({ description: 'Size of the number markers' }),
    })
    .meta({ description: 'Findings marked on the page' }),
  changes: z
    .strictObject({
      inserted: cssColor().meta({ description: 'Underline under text inserted since the last round' }),
      deleted: cssColor().meta({ description: 'Strike-through marker where text was deleted' }),
      moved: cssColor().meta({ description: 'Bar beside a block that moved' }),
    })
    .meta({ description: 'Changes since the last round' }),
  findingsSheet: z
    .strictObject({
      size: length().meta({ description: 'Type size of the findings sheet (page 2 on), one row per finding' }),
      columns: whole(1).meta({ description: 'Columns of the findings sheet' }),
    })
    .meta({ description: 'The findings sheet' }),
});

/** The proof's settings, with the file they came from. */
export type ProofConfig = z.output<typeof proofSchema> & { file: string };

export const PROOF: ConfigKind<typeof proofSchema, ProofConfig> = {
  title: 'Proof',
  where: 'templates/proof/proof.yaml',
  about:
    'The proof (校样) `npm run build:proof` draws over the same laid-out page, never moving its text: the sheet around the ' +
    'trim, watermark, line numbers, slug, sign-off box, and the colours of findings and changes.',
  schema: proofSchema,
  finish: (value, { file }) => ({ ...value, file }),
};

export const PROOF_CONFIG = path.join(TEMPLATES, 'proof', 'proof.yaml');

const cache = new Map<string, ProofConfig>();

/** templates/proof/proof.yaml, read once per process. */
export function loadProofConfig(file = PROOF_CONFIG): ProofConfig {
  let config = cache.get(file);
  if (!config) cache.set(file, (config = loadConfig(PROOF, file)));
  return config;
}
