// Front matter values still holding a placeholder such as 〔报名〕 or 〔版次〕.
import { compilePattern } from '../../core/pattern.js';
import { defineRule } from '../rule.js';
import { matterValues } from '../matter-values.js';

export default defineRule({
  id: 'matter-placeholder',
  severity: 'error',
  summary:
    'A front matter value is still a placeholder (〔…〕) that the desk must fill in, wherever YAML puts it (nested, in a list, through an alias).',
  why: 'Paper name, page, date and editors print in the running head and the proof slug; a placeholder must not reach the press. Fill in the value.',
  options: { pattern: '〔[^〕]*〕' },
  optionDocs: { pattern: 'regular expression that marks a placeholder' },
  examples: {
    ok: [{ markdown: '---\npaper: 内蒙古日报\nheadline: 主题\n---\n\n正文。\n' }],
    notOk: [
      {
        markdown: '---\npaper: 〔报名〕\nheadline: 主题\npage: 〔版次〕\n---\n\n正文。\n',
        expect: [
          '2:8-2:12 Front matter "paper" is still a placeholder (〔报名〕)',
          '4:7-4:11 Front matter "page" is still a placeholder (〔版次〕)',
        ],
      },
      // Pandoc's front matter: a list of authors, and `name:` entries
      {
        markdown: '---\ntitle: 主题\nauthor:\n  - 张悦\n  - 〔作者〕\n  - name: 〔作者〕\n---\n\n正文。\n',
        expect: [
          '5:5-5:9 Front matter "author" is still a placeholder (〔作者〕)',
          '6:11-6:15 Front matter "author" is still a placeholder (〔作者〕)',
        ],
      },
      {
        // Through an alias, under __proto__, in a list: found all the same, at the line that gives the value.
        markdown: '---\nx: &p 〔报名〕\npaper: *p\nheadline: 主题\n__proto__:\n  page: 〔版次〕\neditors:\n  - 〔责编〕\n---\n\n正文。\n',
        expect: [
          '2:7-2:11 Front matter "x" is still a placeholder (〔报名〕)',
          '3:8-3:10 Front matter "paper" is still a placeholder (〔报名〕, through the alias *p from line 2)',
          '6:9-6:13 Front matter "__proto__" is still a placeholder (〔版次〕)',
          '8:5-8:9 Front matter "editors" is still a placeholder (〔责编〕)',
        ],
      },
    ],
  },
  check(ctx) {
    const pattern = compilePattern(ctx.options.pattern);
    // Every string value wherever YAML puts it: in lists and `name:` entries (Pandoc's author
    // list), nested mappings, odd keys such as __proto__, and through aliases.
    for (const v of matterValues(ctx.tree, ctx.source)) {
      const m = pattern.exec(v.value);
      if (!m) continue;
      const via = v.alias ? `, through the alias *${v.alias.name} from line ${ctx.point(v.alias.at).line}` : '';
      ctx.flag(
        `Front matter "${v.path.replace(/[.[].*$/, '')}" is still a placeholder (${m.match}${via}): fill it in`,
        ctx.range(v.start, v.end),
      );
    }
  },
});
