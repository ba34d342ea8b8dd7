// A validator that fails is reported in its own words, never with its stack: build:epub printed the
// last three lines of what Ace wrote, which were two stack frames and a brace
// (tests/fixtures/epub/ace-failed/output.txt, what Ace printed on a book it could not open).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { failureWords } from '../../src/epub/validate.js';
import { ROOT } from '../helpers/cli.js';

describe('a validator that could not run', () => {
  it('is reported by its error lines, without stack frames, braces or paths', () => {
    const words = failureWords(readFileSync(path.join(ROOT, 'tests/fixtures/epub/ace-failed/output.txt'), 'utf8'));
    expect(words).toBe(
      "Error [TypeError]: Cannot read properties of null (reading 'getElementsByTagNameNS'); TargetCloseError: Protocol error (Runtime.callFunctionOn): Target closed",
    );
    expect(words).not.toMatch(/\bat\s|node_modules|\/home\/editor|[{}]/);
  });

  it('says so when it printed nothing', () => {
    expect(failureWords('\n  \n')).toBe('it printed nothing');
  });
});
