// The import graph of src/ follows the layers in ARCHITECTURE.md (`npm run deps`, run by .ci/run).
// Data flows one way: a layer imports only the layers before it (and itself), never a later one;
// writers never import each other and never reach back into reading, parsing or checking.
const LAYERS = [
  ['core', '^src/core/'],
  ['config', '^src/config/'],
  ['manuscript', '^src/manuscript/'],
  ['markdown', '^src/markdown/'],
  ['check', '^src/check/'],
  ['typeset', '^src/typeset/'],
  ['shared-by-writers', '^src/(browser|fonts|output)/'],
  ['writers', '^src/(html|page|epub|standins|proof|press)/'],
  ['pipeline', '^src/pipeline\\.ts$'],
  ['entry', '^src/(cli|bench)/'],
];

const forward = LAYERS.slice(0, -1).map(([name, from], i) => ({
  name: `layer-${name}`,
  severity: 'error',
  comment: `${name} imports only the layers before it (${LAYERS.slice(0, i + 1)
    .map(([n]) => n)
    .join(' → ')}), never a later one`,
  from: { path: from },
  to: { path: LAYERS.slice(i + 1).map(([, p]) => p) },
}));

module.exports = {
  forbidden: [
    ...forward,
    {
      name: 'writers-not-sideways',
      severity: 'error',
      comment: 'a writer never imports another writer: what two writers share lives in browser/, fonts/ or output/',
      from: { path: '^src/(html|page|epub|standins|press)/' },
      to: { path: '^src/(html|page|epub|standins|proof|press)/', pathNot: '^src/$1/' },
    },
    {
      // The one exception, by design: the proof is the page writer's own layout run with marks
      // drawn over it (buildPage's overlay hook), never a second layout, so it builds on src/page/.
      name: 'writers-not-sideways',
      severity: 'error',
      comment: 'a writer never imports another writer, except the proof, which is the page plus its overlay',
      from: { path: '^src/proof/' },
      to: { path: '^src/(html|epub|standins|press)/' },
    },
    {
      name: 'writers-not-back-into-reading',
      severity: 'error',
      comment: 'writers take an Article (src/core/article.ts) and never reach back into reading, parsing or checking',
      from: { path: ['^src/(browser|fonts|output)/', '^src/(html|page|epub|standins|proof|press)/'] },
      to: { path: '^src/(manuscript|markdown|check)/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'an import that does not resolve is a typo or a missing dependency',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Type-only imports count: a type from a later layer is still a backward dependency.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
