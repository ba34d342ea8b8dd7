// The outputs take JPEG and PNG: the page PDF embeds them as they are, EPUB 3 core media types.
import { defineRule } from '../rule.js';
import { manuscriptImages } from '../images.js';

export default defineRule({
  id: 'image-format',
  severity: 'error',
  summary: 'An image is in a format the outputs do not accept (by its content, not its name).',
  why:
    'JPEG and PNG are core media types in EPUB 3 and print predictably; WebP needs a fallback in EPUBCheck, TIFF and HEIC are not shown by readers. Convert the photo. ' +
    'build:epub converts WebP, GIF, TIFF and AVIF itself (to JPEG, or PNG where the picture has transparency), so they are no error there; an animated one keeps only its first frame (a warning).',
  options: { formats: ['jpeg', 'png'] },
  optionDocs: { formats: 'accepted formats, as sharp names them' },
  examples: {
    ok: [{ markdown: '# 主题\n\n![2023年7月15日，座谈会召开。](images/good.jpg)\n' }],
    notOk: [
      {
        markdown: '# 主题\n\n![2023年7月15日，座谈会召开。](images/photo.webp)\n',
        expect: ['3:1-3:40 Image "images/photo.webp" is WEBP; the outputs accept JPEG or PNG'],
      },
    ],
  },
  async check(ctx) {
    for (const img of await manuscriptImages(ctx)) {
      const format = img.meta?.format;
      if (format && !ctx.options.formats.includes(format) && img.meta && ctx.convertsImage?.(img.meta)) {
        // The build converts it (the e-book: to JPEG or PNG): no error. An animation keeps only its
        // first frame there, which is said.
        const frames = img.meta.pages ?? 1;
        if (frames > 1) {
          const msg = ctx.flag(
            `Image "${img.src}" is an animated ${format.toUpperCase()} of ${frames} frames; the e-book shows its first frame only: ` +
              'give the one picture the reader should see, as a JPEG or PNG',
            img.node.position,
          );
          if (msg.fatal) msg.fatal = false; // at most a warning: the book is built, with that frame
        }
        continue;
      }
      if (format && !ctx.options.formats.includes(format)) {
        ctx.flag(
          `Image "${img.src}" is ${format.toUpperCase()}; the outputs accept ${ctx.options.formats.map((f) => f.toUpperCase()).join(' or ')}: convert it`,
          img.node.position,
        );
      }
    }
  },
});
