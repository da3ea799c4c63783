// Keeps the processes apart: each folder may import only from the folders its process can load,
// and only the packages that can run there. Type-only imports count too: a type imported from
// another process is a dependency on its code all the same.
import { dirname, relative, resolve, sep } from 'node:path';

/**
 * @typedef {object} Boundary
 * @property {string} name         what the folder is, for the message
 * @property {string[]} allow      repo-relative folders (or files) this code may import from
 * @property {string[]} [packages] regexes of bare specifiers it must not import
 */

/** @type {import('eslint').Rule.RuleModule} */
export const importBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Imports must stay inside the folders a process may load.' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          name: { type: 'string' },
          allow: { type: 'array', items: { type: 'string' } },
          packages: { type: 'array', items: { type: 'string' } },
        },
        required: ['root', 'name', 'allow'],
        additionalProperties: false,
      },
    ],
    messages: {
      folder:
        '{{name}} may not import "{{source}}" ({{target}}); it may import only from {{allow}}.',
      package: '{{name}} may not import the package "{{source}}"; it does not run there.',
    },
  },
  create(context) {
    const { root, name, allow, packages = [] } = context.options[0];
    const forbidden = packages.map((p) => new RegExp(p));
    const here = dirname(context.filename);

    /** @param {import('estree').Node} node @param {unknown} value */
    const check = (node, value) => {
      if (typeof value !== 'string') return;
      if (value.startsWith('.') || value.startsWith('/')) {
        const target = relative(root, resolve(here, value)).split(sep).join('/');
        const ok = allow.some((a) => target === a || target.startsWith(`${a}/`));
        if (!ok) {
          context.report({
            node,
            messageId: 'folder',
            data: { name, source: value, target, allow: allow.join(', ') },
          });
        }
        return;
      }
      if (forbidden.some((re) => re.test(value))) {
        context.report({ node, messageId: 'package', data: { name, source: value } });
      }
    };

    return {
      ImportDeclaration: (node) => check(node.source, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node.source, node.source.value),
      ExportAllDeclaration: (node) => check(node.source, node.source.value),
      ImportExpression: (node) =>
        node.source.type === 'Literal' && check(node.source, node.source.value),
    };
  },
};

/** Node built-ins and packages that only load in Node; none of them runs in a page. */
const NODE_ONLY = [
  '^node:',
  '^electron(/|$)',
  '^(ws|better-sqlite3|execa|@kubernetes/client-node)(/|$)',
];

const TESTS = ['**/*.test.ts', '**/*.test.tsx'];

/**
 * The flat-config blocks that apply the rule per folder. Later blocks override earlier ones for
 * the files they match, so tests get their wider allowance last.
 * @param {string} root the repository root
 * @returns {import('eslint').Linter.Config[]}
 */
export function boundaryConfigs(root) {
  const rule = (/** @type {Omit<Boundary, 'root'> & {root?: string}} */ o) => ({
    'local/import-boundaries': ['error', { root, ...o }],
  });
  const plugins = { local: { rules: { 'import-boundaries': importBoundaries } } };
  return [
    {
      files: ['src-shared/**'],
      plugins,
      rules: rule({ name: 'src-shared', allow: ['src-shared'], packages: NODE_ONLY }),
    },
    {
      files: ['src-preload/**'],
      plugins,
      // The sandboxed preload can require `electron` and nothing else at run time.
      rules: rule({
        name: 'src-preload',
        allow: ['src-preload', 'src-shared'],
        packages: ['^(?!electron$)'],
      }),
    },
    {
      files: ['src-renderer/**'],
      plugins,
      rules: rule({
        name: 'src-renderer',
        allow: ['src-renderer', 'src-shared'],
        packages: NODE_ONLY,
      }),
    },
    {
      files: ['src-main/**'],
      plugins,
      rules: rule({ name: 'src-main', allow: ['src-main', 'src-shared'] }),
    },
    // Tests may use the test rig. Main's transport tests drive the host with the page's own
    // browser client, the one cross-process import, and only from tests.
    {
      files: TESTS.map((t) => `src-shared/${t}`),
      plugins,
      rules: rule({ name: 'A src-shared test', allow: ['src-shared'] }),
    },
    {
      files: TESTS.map((t) => `src-preload/${t}`),
      plugins,
      rules: rule({ name: 'A src-preload test', allow: ['src-preload', 'src-shared'] }),
    },
    {
      files: [...TESTS.map((t) => `src-renderer/${t}`), 'src-renderer/src/test/**'],
      plugins,
      rules: rule({
        name: 'A src-renderer test',
        allow: ['src-renderer', 'src-shared', 'test-rig'],
        packages: NODE_ONLY,
      }),
    },
    {
      files: TESTS.map((t) => `src-main/${t}`),
      plugins,
      rules: rule({
        name: 'A src-main test',
        allow: ['src-main', 'src-shared', 'test-rig', 'src-renderer/src/api/ws-client'],
      }),
    },
  ];
}
