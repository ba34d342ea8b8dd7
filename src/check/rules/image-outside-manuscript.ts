// Manuscripts are untrusted: nothing outside their own folder is read, nothing is downloaded.
import { defineRule } from '../rule.js';
import { manuscriptImages } from '../images.js';

export default defineRule({
  id: 'image-outside-manuscript',
  severity: 'error',
  summary: 'An image points outside the manuscript folder (../, an absolute path, a link out, or a URL).',
  why: 'The renderer reads only the manuscript folder, the templates and the font packages, and makes no network request; such an image would never appear. Copy the file into the manuscript folder.',
  options: {},
  examples: {
    ok: [{ markdown: '# 主题\n\n![2023年7月15日，座谈会召开。](images/good.jpg)\n' }],
    notOk: [
      {
        markdown: '# 主题\n\n![2023年7月15日，座谈会召开。](../secret.jpg)\n',
        expect: ['3:1-3:36 "../secret.jpg" points outside the manuscript folder'],
      },
      {
        markdown: '# 主题\n\n![2023年7月15日，座谈会召开。](https://example.com/a.jpg)\n',
        expect: ['3:1-3:48 Image not loaded: remote or non-file reference "https://example.com/a.jpg" is not loaded'],
      },
    ],
  },
  async check(ctx) {
    for (const img of await manuscriptImages(ctx)) {
      if (img.refused) ctx.flag(`Image not loaded: ${img.refused}`, img.node.position);
    }
  },
});
