// An image file that is there but cannot be decoded (truncated, corrupt, not an image at all).
import { defineRule } from '../rule.js';
import { manuscriptImages } from '../images.js';
import { imageAdvice } from '../../core/image-words.js';

export default defineRule({
  id: 'image-unreadable',
  severity: 'error',
  summary: 'An image file exists but cannot be read as an image.',
  why: 'A corrupt or truncated file (an interrupted download, an HTML page saved as .jpg) prints as nothing. Export the photo again as JPEG or PNG.',
  options: {},
  examples: {
    ok: [{ markdown: '# 主题\n\n![2023年7月15日，座谈会召开。](images/good.jpg)\n' }],
    notOk: [
      {
        markdown: '# 主题\n\n![2023年7月15日，座谈会召开。](images/corrupt.jpg)\n',
        expect: ['3:1-3:41 Image "images/corrupt.jpg" cannot be read'],
      },
      {
        // A folder and an empty reference were told to "export it again as JPEG or PNG", the empty
        // one as “"" is a folder, not a file”.
        markdown: '# 主题\n\n![2023年7月15日，座谈会召开。](images/)\n\n![2023年7月15日，会后合影。]()\n',
        expect: [
          '3:1-3:30 Image "images/" cannot be read ("images/" is a folder, not a file): name the photo file itself, e.g. images/photo.jpg',
          '5:1-5:22 Image "" cannot be read (the image names no file): write the photo’s path in the parentheses, ![说明](images/photo.jpg)',
        ],
      },
    ],
  },
  async check(ctx) {
    for (const img of await manuscriptImages(ctx)) {
      if (img.unreadable)
        ctx.flag(`Image "${img.src}" cannot be read (${img.unreadable}): ${img.advice ?? imageAdvice(img.unreadable)}`, img.node.position);
    }
  },
});
