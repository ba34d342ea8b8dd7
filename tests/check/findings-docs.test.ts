// Every rule id a build gives is documented: the copy desk's in src/check/RULES.md (generated,
// tests/check/docs.test.ts), the page's, the edition's, the proof's and the e-book's in
// docs/findings.md, the preflight's in templates/press/README.md. And the tables of
// docs/findings.md name no rule the code no longer gives.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../src/check/rules/index.js';

const root = path.resolve(import.meta.dirname, '..', '..');
const read = (...p: string[]) => readFileSync(path.join(root, ...p), 'utf8');

function sources(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(path.join(dir, e.name)) : e.name.endsWith('.ts') ? [path.join(dir, e.name)] : [],
  );
}

/** The rule ids written in the code: `ruleId: '…'` in a message, and the preflight's rules (PressRule). */
function ruleIdsInCode(): Set<string> {
  const ids = new Set<string>();
  for (const file of sources('src')) {
    const text = read(file);
    for (const m of text.matchAll(/ruleId: '([a-z0-9-]+)'/g)) ids.add(m[1]);
    for (const m of text.matchAll(/'(press-[a-z-]+)'/g)) ids.add(m[1]);
  }
  return ids;
}

describe('docs/findings.md', () => {
  const code = ruleIdsInCode();
  const desk = new Set(RULE_IDS);
  const docs = [read('docs', 'findings.md'), read('templates', 'press', 'README.md')].join('\n');

  it('finds the build rules in the code (the scan works)', () => {
    for (const id of ['page-overset', 'edition-story-twice', 'press-ink-limit', 'epub-link-dropped']) expect(code).toContain(id);
  });

  it('documents every rule id the builds give', () => {
    const missing = [...code].filter((id) => !desk.has(id) && !docs.includes(`\`${id}\``));
    expect(missing).toEqual([]);
  });

  it('lists in its tables only rules the code gives', () => {
    const listed = [...read('docs', 'findings.md').matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]);
    expect(listed.length).toBeGreaterThan(20);
    expect(listed.filter((id) => !code.has(id))).toEqual([]);
  });
});
