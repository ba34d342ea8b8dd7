// Two photos with the same caption: one of them is the wrong photo or the wrong caption.
import { defineRule } from '../rule.js';
import { normalise } from '../../core/text-blocks.js';

export default defineRule({
  id: 'caption-duplicate',
  severity: 'warning',
  summary: 'Two photos have the same caption (punctuation and spaces ignored).',
  why: 'Each photo shows a different moment; a copied caption means a photo or a caption was swapped.',
  options: {},
  examples: {
    ok: [
      {
        markdown:
          '# 主题\n\n![2023年7月15日，座谈会召开。](images/good.jpg)\n\n正文。\n\n![2023年7月16日，调研组出发。](images/good.jpg)\n',
      },
    ],
    notOk: [
      {
        markdown: '# 主题\n\n![2023年7月15日，座谈会召开。](images/good.jpg)\n\n正文。\n\n![2023年7月15日,座谈会召开。](images/good.jpg)\n',
        expect: ['7:1-7:38 Same caption as the photo at line 3'],
      },
    ],
  },
  check(ctx) {
    const seen = new Map<string, number>();
    for (const b of ctx.blocks()) {
      if (b.kind !== 'caption' || !b.node?.position) continue;
      const key = normalise(b.text);
      if (!key) continue;
      const first = seen.get(key);
      if (first !== undefined) ctx.flag(`Same caption as the photo at line ${first}: check the photo and its caption`, b.node.position);
      else seen.set(key, b.node.position.start.line);
    }
  },
});
