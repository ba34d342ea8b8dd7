// matter-unknown-key knows the keys the page layout's 报眉 prints: a layout editor's runningHead
// may name any front matter key ({{edition}}), and a manuscript giving it is not told that its
// value is printed nowhere. The same key under the default layout, which does not print it, is.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkText } from '../../src/check/run.js';
import { loadLayout } from '../../src/config/layout.js';

const TEXT = '---\nheadline: 主题\nedition: 早版\n---\n\n正文。\n';
const FILE = path.join(import.meta.dirname, 'fixtures', 'clean', 'edition.md');
const unknownKeys = (messages: { ruleId?: string | null; line?: number | null; column?: number | null }[]) =>
  messages.filter((m) => m.ruleId === 'matter-unknown-key').map((m) => `${m.line}:${m.column}`);

describe('matter-unknown-key and the layout’s 报眉', () => {
  it('a key the default layout prints nowhere is reported at the key', async () => {
    const { file } = await checkText(TEXT, FILE);
    expect(unknownKeys(file.messages)).toEqual(['3:1']);
  });

  it('the same key is read when the layout’s 报眉 names it ({{edition}})', async () => {
    const base = loadLayout();
    const layout = { ...base, runningHead: { ...base.runningHead, center: '第{{page}}版　{{edition}}' } };
    const { file } = await checkText(TEXT, FILE, { layout });
    expect(unknownKeys(file.messages)).toEqual([]);
  });
});
