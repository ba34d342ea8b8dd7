// A link on the printed page is its text alone: paper has no address to follow. The page prints
// it as text in the body's black (templates/newspaper/page.css), and what it does not print, the
// address the manuscript gave, is reported at the link's place, so that nothing is dropped
// unsaid. Links within the article (a footnote reference: #…) lose nothing, nor does a link whose
// text is its address.
import type { Element, Root } from 'hast';
import { toString as hastText } from 'hast-util-to-string';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { FINDINGS_SOURCE } from '../core/findings.js';

export function reportLinkAddresses(hast: Root, file: VFile): void {
  visit(hast, 'element', (node: Element) => {
    if (node.tagName !== 'a') return;
    const href = String(node.properties?.href ?? '');
    if (!href || href.startsWith('#')) return;
    const text = hastText(node).trim();
    // A bare address (https://…, www.…, an e-mail address) prints as itself: nothing is lost.
    if (printsItsAddress(text, href)) return;
    // A link around an image alone has no text to print (the image is reported on its own)
    const what = text ? `The link “${text}” prints as its text alone` : 'A link with no text of its own (around an image) prints nothing';
    const msg = file.message(`${what}: its address ${href} is not on the page; write the address in the text if readers need it`, {
      place: node.position,
      ruleId: 'page-link-address',
      source: FINDINGS_SOURCE,
    });
    msg.fatal = false;
  });
}

/** The link's text is its address: as written (<https://…>), with the scheme GFM adds (www.…), or an e-mail address. */
function printsItsAddress(text: string, href: string): boolean {
  const bare = (s: string) => s.replace(/^(mailto:|https?:\/\/)/i, '').replace(/\/$/, '');
  let decoded = href;
  try {
    decoded = decodeURI(href); // remark percent-encodes what it puts in href (Chinese, spaces)
  } catch {}
  return text !== '' && bare(text) === bare(decoded);
}

/**
 * A footnote's way back to its reference (↑, a link) is for screens: the page does not print it,
 * so it is not part of the page's text at all (it was hidden by CSS only, and a proof's text of the
 * notes held an ↑ no reader saw: a footnote deleted for the next round was listed as deleted with
 * it). The space before it goes with it.
 */
export function dropFootnoteBackrefs(hast: Root): void {
  visit(hast, 'element', (node: Element) => {
    const kids = node.children;
    for (let i = kids.length - 1; i >= 0; i--) {
      const kid = kids[i];
      if (kid.type !== 'element' || kid.tagName !== 'a' || kid.properties?.dataFootnoteBackref === undefined) continue;
      kids.splice(i, 1);
      const before = kids[i - 1];
      if (before?.type === 'text') {
        before.value = before.value.replace(/[ \t]+$/, '');
        // A space alone before it (the note ends in a link, bold type or an image): it goes too,
        // and the walk goes on before it (it read past the children's end: "Cannot read properties
        // of undefined (reading 'type')", and build:pdf and build:proof stopped).
        if (!before.value) kids.splice(--i, 1);
      }
    }
  });
}
