// docs/config.md is generated from the config schemas (regenerate with `npx tsx src/config/docs.ts`):
// it must match them, and it must document every key the project's own config files use.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { CONFIG_MD, configMarkdown } from '../../src/config/docs.js';
import { CONFIG_KINDS, kindOf, projectConfigFiles } from '../../src/config/project.js';
import { jsonSchema, type JsonNode, nodeAt } from '../../src/config/schema.js';

const md = readFileSync(CONFIG_MD, 'utf8');

/** The documented name of a key path: list items as [], keys of a mapping you name as <name>. */
function docPaths(value: unknown, json: JsonNode, at: PropertyKey[] = [], name = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  const out: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    const key = Array.isArray(value) ? Number(k) : k;
    const parent = nodeAt(json, at);
    const chosen = parent && !Array.isArray(value) && !parent.properties?.[k] && parent.keyName;
    const part = Array.isArray(value) ? '[]' : chosen ? `<${parent.keyName}>` : k;
    const next = Array.isArray(value) ? `${name}[]` : name ? `${name}.${part}` : part;
    if (!Array.isArray(value)) out.push(next);
    out.push(...docPaths(v, json, [...at, key], next));
  }
  return out;
}

describe('docs/config.md', () => {
  it('is the generated text of the schemas', () => {
    expect(md).toBe(configMarkdown());
  });

  it('has a section for every kind of config file', () => {
    for (const kind of CONFIG_KINDS) expect(md).toContain(`## ${kind.title}\n`);
  });

  it("documents every key the project's config files write", () => {
    const files = projectConfigFiles();
    expect(files.map((f) => path.basename(f))).toEqual(expect.arrayContaining(['fonts.yaml', 'book.yaml', 'config.yaml', 'series.yaml']));
    for (const file of files) {
      const kind = kindOf(file)!;
      const keys = docPaths(parse(readFileSync(file, 'utf8')), jsonSchema(kind.schema));
      expect(keys.length, file).toBeGreaterThan(3);
      for (const key of keys.filter((k) => !k.startsWith('check.rules.'))) expect(md, `${file}: ${key}`).toContain(`| \`${key}\` |`);
    }
  });
});
