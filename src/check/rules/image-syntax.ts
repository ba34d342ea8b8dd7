// An image or link that markdown did not read as one: ![说明](images/my photo.jpg) with a space in
// its path (a file named on a phone or by a camera: “IMG 0012.jpg”, “座谈会 现场.jpg”). CommonMark
// ends a path at its first space, so the whole thing stays text: the page prints the brackets and
// the path, and the photo is not printed at all, without a word from any image rule (none sees an
// image). A path with spaces is written in angle brackets, ![说明](<images/my photo.jpg>), which
// `--fix` does; renaming the file works too.
import { autolinkLookup } from '../addresses.js';
import { inPlainText, writtenAt } from '../in-text.js';
import { defineRule, type Edit } from '../rule.js';

/**
 * ![alt](destination) or [text](destination) left as text: the destination is what follows the bracket, to its closing
 * parenthesis. No bracket inside the brackets and at most 2,000 characters inside the parentheses: each match is then
 * found in one pass (a hostile line of ten thousand [ took seconds), and no path is longer.
 */
const LEFT_AS_TEXT = /(!?)\[([^[\]\n]*)\]\(([^()\n]{1,2000})\)/g;
/**
 * A destination, then an optional title in quotes: "…" or '…', or “…” (what the straight-quote fix
 * makes of a title in text markdown did not read as an image; the fix gives it its straight quotes back).
 */
const WITH_TITLE = /^(.*?)(?:(\s+)(?:"([^"]*)"|'([^']*)'|“([^”]*)”))?$/s;

export default defineRule({
  id: 'image-syntax',
  severity: 'error',
  fixable: true,
  summary:
    'An image or link markdown did not read as one (a space in its path): the brackets and the path print as text, the photo not at all.',
  why:
    'CommonMark ends an image’s or a link’s path at its first space, so ![说明](images/my photo.jpg) stays text: the page and the ' +
    'e-book print the brackets and the path, and the photo is not printed, with no other finding (no rule sees an image). Write the ' +
    'path in angle brackets, ![说明](<images/my photo.jpg>), which `--fix` does, or rename the file without spaces.',
  options: {},
  examples: {
    ok: [
      {
        markdown: '# 主题\n\n![座谈会现场。](<images/my photo.jpg>)\n\n详见[报告](report.pdf)。数组写作 `a[i](x y)`，方括号[注]照录。\n',
      },
    ],
    notOk: [
      {
        markdown: '# 主题\n\n![2023年7月15日，座谈会召开。](images/my photo.jpg)\n\n正文。\n',
        expect: [
          "3:1-3:42 '![2023年7月15日，座谈会召开。](images/my photo.jpg)' is not an image: its path has a space, and markdown prints it as text (the photo is not printed); write the path in angle brackets, (<images/my photo.jpg>) (`npm run check -- --fix` does), or rename the file",
        ],
      },
      {
        markdown: '# 主题\n\n![](images/IMG 0012.jpg "现场")\n\n全文见[会议公报](files/公报 全文.pdf)。\n',
        expect: [
          '3:1-3:30 \'![](images/IMG 0012.jpg "现场")\' is not an image: its path has a space, and markdown prints it as text (the photo is not printed); write the path in angle brackets, (<images/IMG 0012.jpg> "现场") (`npm run check -- --fix` does), or rename the file',
          "5:4-5:27 '[会议公报](files/公报 全文.pdf)' is not a link: its path has a space, and markdown prints it as text; write the path in angle brackets, (<files/公报 全文.pdf>) (`npm run check -- --fix` does), or rename the file",
        ],
      },
    ],
  },
  check(ctx) {
    const inAddress = autolinkLookup(ctx.tree);
    for (const b of ctx.blocks()) {
      if (!b.text.includes('](')) continue;
      const plain = inPlainText(b, inAddress);
      for (const m of b.text.matchAll(LEFT_AS_TEXT)) {
        const [whole, bang, , inside] = m;
        const [, path, space, ...quoted] = WITH_TITLE.exec(inside.trim()) ?? [];
        const said = quoted.find((q) => q !== undefined);
        const title = said === undefined ? '' : `${space}"${said.replace(/"/g, '\\"')}"`;
        // only a path that a space broke: other text in brackets and parentheses is the writer's
        if (!path || !/\s/.test(path) || path.startsWith('<') || !plain(m.index, whole.length)) continue;
        const image = bang === '!';
        const open = m.index + whole.length - inside.length - 2;
        const written = writtenAt(ctx.source, b, open, `(${inside})`);
        const to = `(<${path}>${title})`;
        const fix: Edit[] = written >= 0 ? [{ offset: written, from: `(${inside})`, to }] : [];
        ctx.flag(
          `'${whole}' is not ${image ? 'an image' : 'a link'}: its path has a space, and markdown prints it as text${
            image ? ' (the photo is not printed)' : ''
          }; write the path in angle brackets, ${to}${fix.length ? ' (`npm run check -- --fix` does)' : ''}, or rename the file`,
          ctx.rangeIn(b, m.index, whole.length),
          { fix },
        );
      }
    }
  },
});
