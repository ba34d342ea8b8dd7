// The proof's marks as a layout editor sets them: templates/proof/proof.yaml (margins around the
// trim, watermark, line numbers, slug, sign-off roles, colours). Read once and checked here; a
// wrong key stops the build with the key named.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { InputError } from '../core/input-error.js';
import { TEMPLATES } from '../core/paths.js';
import { toMm } from '../config/layout.js';

export interface ProofConfig {
  file: string;
  sheet: { margins: { top: string; right: string; bottom: string; left: string }; preview: { width: number } };
  watermark: { text: string; size: string; angle: number; color: string };
  lineNumbers: { every: number; size: string; color: string };
  slug: { size: string; color: string };
  signOff: { roles: Array<{ label: string; key: string }>; size: string };
  findings: {
    colors: Record<'error' | 'warning' | 'info', string>;
    markers: Record<'error' | 'warning' | 'info', string>;
    markerSize: string;
  };
  changes: { inserted: string; deleted: string; moved: string };
  findingsSheet: { size: string; columns: number };
}

export const PROOF_CONFIG = path.join(TEMPLATES, 'proof', 'proof.yaml');

const cache = new Map<string, ProofConfig>();

export function loadProofConfig(file = PROOF_CONFIG): ProofConfig {
  const cached = cache.get(file);
  if (cached) return cached;
  let raw: Omit<ProofConfig, 'file'>;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new InputError(`${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  const config = { ...raw, file } as ProofConfig;
  validate(config);
  cache.set(file, config);
  return config;
}

function validate(c: ProofConfig): void {
  const fail = (key: string, what: string): never => {
    throw new InputError(`${c.file}: "${key}" ${what}`);
  };
  const lengths: Array<[string, unknown]> = [
    ['sheet.margins.top', c.sheet?.margins?.top],
    ['sheet.margins.right', c.sheet?.margins?.right],
    ['sheet.margins.bottom', c.sheet?.margins?.bottom],
    ['sheet.margins.left', c.sheet?.margins?.left],
    ['watermark.size', c.watermark?.size],
    ['lineNumbers.size', c.lineNumbers?.size],
    ['slug.size', c.slug?.size],
    ['signOff.size', c.signOff?.size],
    ['findings.markerSize', c.findings?.markerSize],
    ['findingsSheet.size', c.findingsSheet?.size],
  ];
  for (const [key, value] of lengths) {
    if (typeof value !== 'string' && typeof value !== 'number') fail(key, 'is missing (a length such as 12mm or 7pt)');
    try {
      if (!(toMm(value as string) >= 0)) fail(key, 'must not be negative');
    } catch (error) {
      if (error instanceof InputError && !error.message.startsWith(c.file)) fail(key, `is not a length: ${error.message}`);
      throw error;
    }
  }
  if (!(c.sheet.preview?.width >= 100)) fail('sheet.preview.width', 'must be a width in pixels (100 or more)');
  if (typeof c.watermark.text !== 'string') fail('watermark.text', 'must be text');
  if (typeof c.watermark.angle !== 'number') fail('watermark.angle', 'must be a number of degrees');
  if (!Number.isInteger(c.lineNumbers.every) || c.lineNumbers.every < 1) fail('lineNumbers.every', 'must be a whole number of at least 1');
  if (!Array.isArray(c.signOff.roles) || c.signOff.roles.some((r) => !r?.label || !r?.key))
    fail('signOff.roles', 'must list { label, key } pairs (key: the front matter key holding the name)');
  for (const s of ['error', 'warning', 'info'] as const) {
    if (typeof c.findings.colors?.[s] !== 'string') fail(`findings.colors.${s}`, 'must be a CSS colour');
    if (typeof c.findings.markers?.[s] !== 'string') fail(`findings.markers.${s}`, 'must be a CSS colour');
  }
  for (const k of ['inserted', 'deleted', 'moved'] as const)
    if (typeof c.changes?.[k] !== 'string') fail(`changes.${k}`, 'must be a CSS colour');
  if (!Number.isInteger(c.findingsSheet.columns) || c.findingsSheet.columns < 1)
    fail('findingsSheet.columns', 'must be a whole number of at least 1');
}
