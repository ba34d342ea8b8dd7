// orphan-caption and 简讯 (tests/check/fixtures/qa/briefs.md): a one-sentence brief opens with its
// date like a caption (“2024年1月18日，自治区政协召开……。”) and was taken for a caption whose photo is
// missing. A paragraph that is the first under its title (a heading or a bold line) is that title's
// story; under a title that names a photo (图片新闻), or after body text, it is still a caption.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

describe('a date-led one-sentence paragraph', () => {
  it('is no caption when it is the brief under its own title; it is under 图片新闻 and after body text', () => {
    const r = runCli(['check', path.join(ROOT, 'tests/check/fixtures/qa/briefs.md'), '--format', 'json']);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    const all: Array<{ line: number; column: number; ruleId: string }> = JSON.parse(r.stdout);
    expect(all.filter((f) => f.ruleId === 'orphan-caption').map((f) => `${f.line}:${f.column}`)).toEqual(['15:1', '21:1']);
  });
});
