// RULES.md is generated from the rule modules: it must match them (regenerate with
// `npx tsx src/check/docs.ts`), and it documents every rule id the checks can emit.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES_MD, rulesMarkdown } from '../../src/check/docs.js';
import { RULE_IDS, RULES } from '../../src/check/rules/index.js';

describe('RULES.md', () => {
  it('is the generated text of the rule modules', () => {
    expect(readFileSync(RULES_MD, 'utf8')).toBe(rulesMarkdown());
  });

  it('has a section for every rule id, with its examples', () => {
    const md = readFileSync(RULES_MD, 'utf8');
    for (const id of RULE_IDS) expect(md).toMatch(new RegExp(`^##+ ${id}$`, 'm'));
    for (const rule of RULES) for (const e of rule.examples.notOk) if (e.markdown) expect(md).toContain(e.markdown.trimEnd());
  });

  it('rule ids are unique', () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
  });
});
