// 破折号 wrapping for the page (src/typeset/cjk-dash.ts): every “——” becomes one span.dash,
// the text itself unchanged. How the span sets on the page is measured in seed-page.test.ts.
import { describe, it, expect } from 'vitest';
import { h } from 'hastscript';
import { toString } from 'hast-util-to-string';
import type { Element, Root } from 'hast';
import { wrapDashes } from '../../src/typeset/cjk-dash.js';

const spans = (tree: Root | Element): string[] => {
  const out: string[] = [];
  const walk = (n: Root | Element | Root['children'][number]) => {
    if (n.type === 'element' && n.tagName === 'span' && String(n.properties.className ?? '').includes('dash')) out.push(toString(n));
    if ('children' in n) for (const c of n.children) walk(c);
  };
  walk(tree);
  return out;
};

describe('wrapDashes', () => {
  it('wraps each pair of em dashes, across bold and plain text, and keeps the text', () => {
    const p = h('p', [h('strong', '——创新完善平台载体，'), '举办“建功自治区两件大事——2023年书画展”————完']);
    const before = toString(p);
    expect(wrapDashes(p)).toBe(4);
    expect(spans(p)).toEqual(['——', '——', '——', '——']);
    expect(toString(p)).toBe(before);
  });

  it('leaves a single dash, code, and an existing span.dash alone', () => {
    const p = h('p', ['一—二', h('code', 'a——b'), h('span.dash', '——')]);
    expect(wrapDashes(p)).toBe(0);
    expect(spans(p)).toEqual(['——']);
    expect(toString(p)).toBe('一—二a——b——');
  });

  it('wraps two of three dashes and leaves the third as it is', () => {
    const p = h('p', '甲———乙');
    expect(wrapDashes(p)).toBe(1);
    expect(toString(p)).toBe('甲———乙');
    expect(p.children.map((c) => (c.type === 'text' ? c.value : `[${toString(c)}]`)).join('')).toBe('甲[——]—乙');
  });
});
