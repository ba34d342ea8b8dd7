// What a link loses on paper (src/page/links.ts): its address, reported at the link. A link around an
// image alone was reported as “The link “” prints as its text alone”, naming an empty text.
import { h } from 'hastscript';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { reportLinkAddresses } from '../../src/page/links.js';

const messages = (...links: ReturnType<typeof h>[]) => {
  const file = new VFile();
  reportLinkAddresses({ type: 'root', children: [h('p', links)] }, file);
  return file.messages.map((m) => m.reason);
};

describe('a link’s address on the printed page', () => {
  it('is reported with the text the link prints, or as a link that prints nothing', () => {
    expect(messages(h('a', { href: 'https://www.example.org/zx' }, '自治区政协网站'))).toEqual([
      'The link “自治区政协网站” prints as its text alone: its address https://www.example.org/zx is not on the page; write the address in the text if readers need it',
    ]);
    expect(messages(h('a', { href: 'http://example.com' }, [h('img', { src: 'images/a.png', alt: '链接里的图' })]))).toEqual([
      'A link with no text of its own (around an image) prints nothing: its address http://example.com is not on the page; write the address in the text if readers need it',
    ]);
  });

  it('is not reported when the link prints its own address or points within the article', () => {
    expect(messages(h('a', { href: 'https://www.example.org/zx' }, 'https://www.example.org/zx'), h('a', { href: '#fn-1' }, '1'))).toEqual(
      [],
    );
  });
});
