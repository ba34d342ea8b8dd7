// templates/epub/book.yaml: image, cover and font settings for every e-book (no sizes in code).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { TEMPLATES } from '../core/paths.js';

export interface BookConfig {
  images: { maxSide: number; jpegQuality: number; mozjpeg: boolean };
  cover: { width: number; height: number; jpegQuality: number };
  fonts: { role: string; regular: number; bold: number; format: 'truetype' | 'woff2'; features: string[] };
  labels: { toc: string; landmarks: string; cover: string; start: string };
}

export const EPUB_TEMPLATES = path.join(TEMPLATES, 'epub');

export function loadBookConfig(file = path.join(EPUB_TEMPLATES, 'book.yaml')): BookConfig {
  const raw = parseYaml(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
  const num = (group: string, key: string): number => {
    const v = raw?.[group]?.[key];
    if (typeof v !== 'number' || !(v > 0)) throw new Error(`${file}: ${group}.${key} must be a positive number`);
    return v;
  };
  const text = (group: string, key: string): string => {
    const v = raw?.[group]?.[key];
    if (typeof v !== 'string' || !v) throw new Error(`${file}: ${group}.${key} must be text`);
    return v;
  };
  const fontFormat = (v: unknown): 'truetype' | 'woff2' => {
    if (v === undefined || v === 'truetype' || v === 'woff2') return (v as 'truetype' | 'woff2' | undefined) ?? 'truetype';
    throw new Error(`${file}: fonts.format must be truetype or woff2`);
  };
  const features = (v: unknown): string[] => {
    if (Array.isArray(v) && v.length && v.every((t) => typeof t === 'string' && /^[\x20-\x7e]{4}$/.test(t))) return v;
    throw new Error(`${file}: fonts.features must be a list of four-character OpenType feature tags (halt, chws, vert…)`);
  };
  return {
    images: { maxSide: num('images', 'max-side'), jpegQuality: num('images', 'jpeg-quality'), mozjpeg: raw?.images?.mozjpeg === true },
    cover: { width: num('cover', 'width'), height: num('cover', 'height'), jpegQuality: num('cover', 'jpeg-quality') },
    fonts: {
      role: text('fonts', 'role'),
      regular: num('fonts', 'regular'),
      bold: num('fonts', 'bold'),
      format: fontFormat(raw?.fonts?.format),
      features: features(raw?.fonts?.features),
    },
    labels: {
      toc: text('labels', 'toc'),
      landmarks: text('labels', 'landmarks'),
      cover: text('labels', 'cover'),
      start: text('labels', 'start'),
    },
  };
}
