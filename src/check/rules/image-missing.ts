// The image file a manuscript names must exist.
import { defineRule } from '../rule.js';
import { manuscriptImages } from '../images.js';

export default defineRule({
  id: 'image-missing',
  severity: 'error',
  summary: 'An image file named in the manuscript does not exist.',
  why: 'A missing photo prints as an empty box. Put the file in the manuscript folder (usually images/), fix the path, or generate a labelled stand-in with `npm run standins`.',
  options: {},
  examples: {
    ok: [{ markdown: '# 主题\n\n![2023年7月15日，座谈会召开。](images/good.jpg)\n' }],
    notOk: [
      {
        markdown: '# 主题\n\n正文。\n\n![2023年7月15日，座谈会召开。](images/no-such-photo.jpg)\n',
        expect: ['5:1-5:47 Image "images/no-such-photo.jpg" does not exist'],
      },
      // a path copied from Windows: \ separates nothing in a manuscript's links
      {
        markdown: '# 主题\n\n![2023年7月15日，座谈会召开。](images\\good.jpg)\n',
        expect: [
          '3:1-3:38 Image "images\\good.jpg" does not exist: write its folders with / (images/good.jpg), as links do; \\ separates none',
        ],
      },
    ],
  },
  async check(ctx) {
    for (const img of await manuscriptImages(ctx)) {
      if (img.file && !img.exists) {
        const how = img.src.includes('\\')
          ? `write its folders with / (${img.src.replace(/\\/g, '/')}), as links do; \\ separates none`
          : 'add the photo to the manuscript folder or fix the path';
        ctx.flag(`Image "${img.src}" does not exist: ${how}`, img.node.position);
      }
    }
  },
});
