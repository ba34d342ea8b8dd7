// Two footnotes each defined twice (tests/check/fixtures/qa/footnotes-twice.md, labels 注1 and A/a):
// both findings advised the same new label [^3], so an editor who followed them gave two notes one
// label and the next check found a duplicate again. Each finding now advises a label of its own.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';
import { checkFindings } from '../helpers/check.js';

const file = path.join(ROOT, 'tests/check/fixtures/qa/footnotes-twice.md');

describe('footnotes defined twice under two labels', () => {
  it('are advised two different new labels', () => {
    const all = checkFindings(file);
    expect(all.filter((f) => f.ruleId === 'footnote-duplicate').map((f) => `${f.line}:${f.column} ${f.message}`)).toEqual([
      '9:1 Footnote [^注1] is defined again (first at line 5): this one is not printed; give it a label of its own ([^3]) and refer to it, or delete it',
      '11:1 Footnote [^A] is defined again (first at line 7): this one is not printed; give it a label of its own ([^4]) and refer to it, or delete it',
    ]);
  });
});
