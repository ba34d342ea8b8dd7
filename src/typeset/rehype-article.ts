// Wrap the body into the article's document model, shared by every writer:
//   <article lang>
//     <header class="headline-block"> 引题 kicker · 主题 h1.headline · 副题 subheadline · byline </header>
//     <div class="article-body"> paragraphs, h2.section-head, figure.photo, p.byline, p.credit </div>
//   </article>
import type { Root, Element, ElementContent } from 'hast';
import type { VFile } from 'vfile';
import { h } from 'hastscript';
import { matterText } from '../core/matter.js';
import { toFullWidthPunctuation } from '../core/cjk.js';

export default function rehypeArticle() {
  return (tree: Root, file: VFile) => {
    const matter = file.data.matter ?? {};
    const body = tree.children.filter((n) => !(n.type === 'text' && n.value.trim() === '')) as ElementContent[];
    // A `#` heading that stands for the headline moves into the headline block.
    const headlineIndex = body.findIndex(
      (n) => n.type === 'element' && n.tagName === 'h1' && ((n.properties?.className as string[]) ?? []).includes('headline'),
    );
    let headline: Element | null = null;
    if (headlineIndex >= 0) headline = body.splice(headlineIndex, 1)[0] as Element;
    else if (matterText(matter.headline)) headline = h('h1.headline', toFullWidthPunctuation(matterText(matter.headline)));
    for (const node of body) {
      if (node.type === 'element' && node.tagName === 'h2') {
        node.properties.className = [...((node.properties.className as string[]) ?? []), 'section-head'];
      }
    }
    const header = h('header.headline-block', [
      matter.kicker ? h('p.kicker', toFullWidthPunctuation(matterText(matter.kicker))) : null,
      headline,
      matter.subheadline ? h('p.subheadline', toFullWidthPunctuation(matterText(matter.subheadline))) : null,
      matter.byline ? h('p.byline-head', toFullWidthPunctuation(matterText(matter.byline))) : null,
    ]);
    if (matter.credit) body.push(h('p.credit', toFullWidthPunctuation(matterText(matter.credit))));
    const article = h('article.article', { lang: matterText(matter.lang) || 'zh-CN' }, [header, h('div.article-body', body)]);
    tree.children = [article];
  };
}
