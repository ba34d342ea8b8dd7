// Every rule's documented examples (the same text RULES.md shows): ok examples stay silent,
// not-ok examples fire with the exact rule id, from and to the exact line:column, with the
// documented message, at the rule's severity.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FINDINGS_SOURCE } from '../../src/core/findings.js';
import { RULES } from '../../src/check/rules/index.js';
import { checkText } from '../../src/check/run.js';
import { severityOf } from '../../src/check/rule.js';
import { fixesOf } from '../../src/check/index.js';
import { applyEdits } from '../../src/check/fix.js';
import { ROOT } from '../helpers/cli.js';

// Examples run as manuscripts in this folder, so `images/…` names the image fixtures.
const EXAMPLE = path.join(ROOT, 'tests/check/fixtures/media/example.md');
const NO_CONFIG = { config: { rules: {} } };

async function findings(id: string, markdown: string, options?: Record<string, unknown>) {
  const { file } = await checkText(markdown, EXAMPLE, { ...NO_CONFIG, ruleOptions: options ? { [id]: options } : undefined });
  return file.messages.filter((m) => m.ruleId === id);
}

describe.each(RULES.map((r) => [r.id, r] as const))('%s', (id, rule) => {
  it('has ok and not-ok examples and a summary', () => {
    expect(rule.examples.ok.length).toBeGreaterThan(0);
    expect(rule.examples.notOk.length).toBeGreaterThan(0);
    expect(rule.summary.length).toBeGreaterThan(10);
    expect(id).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });

  it.each(rule.examples.ok.map((e, i) => [i + 1, e] as const))('ok example %i stays silent', async (_n, example) => {
    const found = await findings(id, example.markdown, example.options);
    expect(found.map((m) => `${m.line}:${m.column} ${m.reason}`)).toEqual([]);
  });

  it.each(rule.examples.notOk.map((e, i) => [i + 1, e] as const))(
    'not-ok example %i fires where and as documented',
    async (_n, example) => {
      const expected = (example.expect ?? []).map((x) => {
        const m = /^(\d+:\d+-\d+:\d+) (.+)$/s.exec(x);
        expect(m, `expect entry "${x}" is not "line:column-line:column message"`).not.toBeNull();
        return { range: m![1], message: m![2] };
      });
      expect(expected.length).toBeGreaterThan(0);
      const found = await findings(id, example.markdown, example.options);
      // Each finding as its range and, when its message holds the documented part, that part (else the whole
      // message, so that a mismatch shows what the rule said).
      const actual = found.map((m, i) => {
        const place = m.place && 'start' in m.place ? m.place : undefined;
        const range = place
          ? `${place.start.line}:${place.start.column}-${place.end.line}:${place.end.column}`
          : `${m.line}:${m.column}-(no end)`;
        const part = expected[i]?.message;
        return `${range} ${part && m.reason.includes(part) ? part : m.reason}`;
      });
      expect(actual).toEqual(example.expect);
      for (const m of found) {
        expect(m.source).toBe(FINDINGS_SOURCE);
        expect(severityOf(m)).toBe(rule.severity);
        expect(m.reason.length).toBeGreaterThan(10);
        expect(m.reason).not.toContain('\n');
      }
    },
  );

  if (rule.fixable) {
    it.each(rule.examples.notOk.filter((e) => !e.unfixed).map((e, i) => [i + 1, e] as const))(
      'the fix for not-ok example %i silences the rule',
      async (_n, example) => {
        const opts = { ...NO_CONFIG, ruleOptions: example.options ? { [id]: example.options } : undefined };
        const { file } = await checkText(example.markdown, EXAMPLE, opts);
        const edits = fixesOf(file, id);
        expect(edits.length).toBeGreaterThan(0);
        const fixed = applyEdits(example.markdown, edits).text;
        expect(fixed).not.toBe(example.markdown);
        const again = await checkText(fixed, EXAMPLE, opts);
        expect(again.file.messages.filter((m) => m.ruleId === id).map((m) => m.reason)).toEqual([]);
      },
    );
  }

  it.each(rule.examples.notOk.filter((e) => e.unfixed).map((e, i) => [i + 1, e] as const))(
    'an example left to the editor (%i) gets no edit from --fix',
    async (_n, example) => {
      expect(rule.fixable, 'unfixed is for the examples of a fixable rule').toBe(true);
      const opts = { ...NO_CONFIG, ruleOptions: example.options ? { [id]: example.options } : undefined };
      const { file } = await checkText(example.markdown, EXAMPLE, opts);
      expect(file.messages.some((m) => m.ruleId === id)).toBe(true);
      expect(fixesOf(file, id)).toEqual([]);
    },
  );
});
