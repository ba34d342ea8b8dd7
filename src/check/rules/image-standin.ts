// Stand-in photos (named *.standin.jpg|png, or marked BAOBAN-STAND-IN in their metadata by
// `npm run standins`) hold a photo's place in the layout; they must never go to press.
import { defineRule } from '../rule.js';
import { manuscriptImages } from '../images.js';

export default defineRule({
  id: 'image-standin',
  severity: 'error',
  summary: 'A photo is a stand-in, not the real photo.',
  why: 'Stand-ins let the page be laid out before the photo arrives; printing one is a serious error. Replace the file with the real photo (and rename it). Everyday and proof builds still write.',
  options: {},
  examples: {
    ok: [{ markdown: '# 主题\n\n![2023年7月15日，座谈会召开。](images/good.jpg)\n' }],
    notOk: [
      {
        markdown: '# 主题\n\n![2023年7月15日，座谈会召开。](images/photo-1.standin.jpg)\n',
        expect: ['3:1-3:49 Image "images/photo-1.standin.jpg" is a stand-in (its name says .standin), not the real photo'],
      },
      {
        markdown: '# 主题\n\n![2023年7月15日，座谈会召开。](images/marked.jpg)\n',
        expect: ['3:1-3:40 Image "images/marked.jpg" is a stand-in (its metadata carries the BAOBAN-STAND-IN mark), not the real photo'],
      },
    ],
  },
  async check(ctx) {
    for (const img of await manuscriptImages(ctx)) {
      if (!img.standIn) continue;
      const how = img.standIn === 'name' ? 'its name says .standin' : 'its metadata carries the BAOBAN-STAND-IN mark';
      ctx.flag(`Image "${img.src}" is a stand-in (${how}), not the real photo: replace it before press`, img.node.position);
    }
  },
});
