// `npm run check -- --config-only`: every config file checked against its schema at once, as a user
// runs it. The fixture has a typo in a layout key and three missing fields in a series file.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const FIX = path.join(ROOT, 'tests/fixtures/config/typo');
const rel = (f: string) => path.relative(ROOT, path.join(FIX, f));

describe('check --config-only', () => {
  it('a typo in a layout key and three missing series fields: all four problems at once, each located, each with a fix', () => {
    const cli = runCli(['check', '--config-only', path.join(FIX, 'layouts/colums.yaml'), path.join(FIX, 'series.yaml')]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).not.toMatch(/\n\s+at /);
    expect(cli.stderr.trimEnd().split('\n')).toEqual([
      'error: 4 problems in the configuration:',
      `${rel('layouts/colums.yaml')}:11:3: unknown key "colums" in grid; did you mean "columns"? (grid.columns is missing)`,
      `${rel('series.yaml')}:3:3: series.publisher is missing; add "publisher:" with text — the publisher name`,
      `${rel('series.yaml')}:3:3: series.rights is missing; add "rights:" with text — the rights statement, e.g. © 2024 … 版权所有`,
      `${rel('series.yaml')}:8:5: volumes[0].date is missing; add "date:" with a date, YYYY-MM-DD — publication date`,
    ]);
  });

  it('a folder: the layouts in a layouts/ folder, the config.yaml and series.yaml of a manuscripts folder', () => {
    const layouts = runCli(['check', '--config-only', path.join(FIX, 'layouts')]);
    expect(layouts.code).toBe(2);
    expect(layouts.stderr).toContain('colums.yaml:11:3: unknown key "colums"');
    const manuscripts = runCli(['check', '--config-only', FIX]);
    expect(manuscripts.code).toBe(2);
    expect(manuscripts.stderr).toMatch(/^error: 3 problems in the configuration:\n.*series\.yaml:3:3: series\.publisher is missing/);
  });

  it("the project's own config files are valid, and each is named", () => {
    const cli = runCli(['check', '--config-only']);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    for (const f of [
      'templates/fonts.yaml',
      'templates/epub/book.yaml',
      'templates/proof/proof.yaml',
      'templates/newspaper/layouts/feature-8col.yaml',
      'manuscript/config.yaml',
      'manuscript/series.yaml',
    ])
      expect(cli.stdout).toContain(`✓ ${f}\n`);
    expect(cli.stdout).toMatch(/^config: \d+ files, no problems/m);
  });

  it('a file that is no config of this project is one problem naming it', () => {
    const cli = runCli(['check', '--config-only', path.join(FIX, 'story/article.md')]);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trim()).toBe(
      `error: ${rel('story/article.md')}: is not a config file this project knows; ` +
        'give a YAML file: fonts.yaml, book.yaml, proof.yaml, series.yaml, config.yaml, or a layout in layouts/',
    );
  });
});

describe("a manuscript folder's config.yaml may only make the checks stricter", () => {
  it('every setting that would loosen them is one problem at its line, from check --config-only and from a build', () => {
    const project = path.join(ROOT, 'manuscript/config.yaml');
    const file = 'tests/fixtures/config/looser/story/config.yaml';
    const expected = [
      'error: 3 problems in the configuration:',
      `${file}:4:5: a manuscript folder's config.yaml may only make the checks stricter; "duplicate-passage: off" would turn off a check ` +
        `the project runs (set it in ${project}, or pass the file with --config)`,
      `${file}:5:5: a manuscript folder's config.yaml may only make the checks stricter; "caption-style: info" is below the project's ` +
        `warning (set it in ${project}, or pass the file with --config)`,
      `${file}:7:3: a manuscript folder's config.yaml may only lower a limit; maxNesting: 64 is above the project's 32 (raise it in ${project})`,
    ];
    const only = runCli(['check', '--config-only', path.join(ROOT, 'tests/fixtures/config/looser')]);
    expect(only.code).toBe(2);
    expect(only.stderr.trimEnd().split('\n')).toEqual(expected);
    const build = runCli([
      'build:html',
      path.join(ROOT, 'tests/fixtures/config/looser/story'),
      '--out',
      path.join(ROOT, 'dist', 'looser-test'),
    ]);
    expect(build.code).toBe(2);
    expect(build.stderr.trimEnd().split('\n')).toEqual(expected);
  });
});

describe('every build checks its configs before any work', () => {
  it('build:html with a bad desk config: all of its problems, exit 2, nothing written', () => {
    const out = path.join(ROOT, 'dist', 'config-check-test');
    const cli = runCli(['build:html', path.join(ROOT, 'tests/fixtures/config/bad-desk/story'), '--out', out]);
    expect(cli.code).toBe(2);
    expect(cli.stderr.trimEnd().split('\n')).toEqual([
      'error: 2 problems in the configuration:',
      'tests/fixtures/config/bad-desk/story/config.yaml:3:5: unknown key "heading-lenght" in check.rules; did you mean "heading-length"?',
      'tests/fixtures/config/bad-desk/story/config.yaml:5:15: limits.maxNesting is 0; write a whole number from 1 to 256 — ' +
        'deepest nesting of block quotes, lists, emphasis and brackets',
    ]);
    expect(cli.stdout).toBe('');
  });
});
