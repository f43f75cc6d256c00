import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// The layers of the root package, lowest first: a folder of src/ may import the folders before it, never one after it,
// and no folder imports the entries (src/api.server.ts, src/ssr.server.ts, src/webhooks.ts), which sit on top.
// test/crossCutting/layers.test.ts proves that each rule fires.
const LAYERS = ['shared', 'backend', 'jwt', 'auth', 'remix']
const WHAT_LAYERS_DO = {
  shared: 'small general helpers that know nothing of Clerk',
  backend: 'the Backend API client',
  jwt: 'a token alone',
  auth: 'from a Request to an auth state',
  remix: 'the Remix layer',
}
const ENTRY = { regex: '^(?:\\.\\./)+(?:(?:api|ssr)\\.server|webhooks)(?:\\.[jt]s)?$', message: 'Only apps import the entries; import the module itself.' }

const layerRules = LAYERS.map((layer, index) => {
  const above = LAYERS.slice(index + 1)
  const upward = {
    regex: `^(?:\\.\\./)+(?:${above.join('|')})(?:/|$)`,
    message:
      `src/${layer}/ (${WHAT_LAYERS_DO[layer]}) may import only ${['src/' + layer, ...LAYERS.slice(0, index).map((name) => `src/${name}`)].join(', ')}: ` +
      `imports run shared ← backend ← jwt ← auth ← remix ← entries. Move the shared code down a layer instead.`,
  }
  return {
    files: [`src/${layer}/**/*.ts`],
    rules: { 'no-restricted-imports': ['error', { patterns: above.length > 0 ? [upward, ENTRY] : [ENTRY] }] },
  }
})

// remix-clerk-local meets the root package only over HTTP and public exports: no file under local/ imports the
// package or the root's src/ by a relative path (at depth d below local/, d + 1 times `../` leave local/). Its tests
// may share the root's test helpers (test/helpers/chromium.ts).
const outsideLocal = (depth) => [
  {
    regex: `^(?:\\.\\./){${depth + 1}}src(?:/|$)`,
    message: "remix-clerk-local never imports the root package's src/: it meets it over HTTP only.",
  },
  { regex: '^remix-clerk(?:/|$)', message: 'remix-clerk-local never imports remix-clerk: it meets it over HTTP only.' },
]
const DEPTHS = [0, 1, 2, 3, 4, 5, 6]
const localRules = DEPTHS.map((depth) => ({
  files: [`local/${'*/'.repeat(depth)}*.{ts,tsx,mts,js,mjs}`],
  rules: { 'no-restricted-imports': ['error', { patterns: outsideLocal(depth) }] },
}))

// The layers of local/src, lowest first; folders on one level are siblings and never import each other (the Backend
// API and the Frontend API share only what lies below them). The files at the top of local/src are helpers every
// layer may import (errors, quote, ids, urls, roles, keys, …), the wiring (core.ts, options.ts: from services/ up),
// and the assembly (ASSEMBLY below), which only the assembly imports. test/crossCutting/layers.test.ts proves each rule fires.
const LOCAL_LEVELS = [['validation', 'http', 'webhooks'], ['store'], ['templates'], ['tokens', 'resources'], ['services'], ['bapi', 'fapi']]
const LOCAL_ORDER = 'validation, http, webhooks ← store ← templates ← tokens, resources ← services ← bapi, fapi ← app, localClerk, cli'
const WIRING = ['core', 'options']
const ASSEMBLY = ['app', 'hostGuard', 'localClerk', 'server', 'seed', 'cli', 'index', 'testing']
const SERVICES_LEVEL = LOCAL_LEVELS.findIndex((level) => level.includes('services'))
const rootFile = (names) => `(?:${names.join('|')})(?:\\.[jt]s)?$`

const localLayerRules = LOCAL_LEVELS.flatMap((level, index) =>
  level.flatMap((folder) => {
    const forbidden = [...level.filter((other) => other !== folder), ...LOCAL_LEVELS.slice(index + 1).flat()]
    const allowed = ['local/src/' + folder, ...LOCAL_LEVELS.slice(0, index).flat().map((name) => `local/src/${name}`)]
    const message =
      `local/src/${folder}/ may import only ${allowed.join(', ')} and the helpers at the top of local/src: ` +
      `imports run ${LOCAL_ORDER}. Move the shared code down a layer instead.`
    const patterns = [
      { regex: `^(?:\\.\\./)+(?:${forbidden.join('|')})(?:/|$)`, message },
      { regex: `^(?:\\.\\./)+${rootFile(index < SERVICES_LEVEL ? [...WIRING, ...ASSEMBLY] : ASSEMBLY)}`, message },
    ]
    // A folder's files sit 2 or more folders below local/ (local/src/<folder>/…), and each depth keeps the rules of
    // localRules: a later entry replaces an earlier one's options for the same rule, it does not add to them.
    return DEPTHS.slice(0, 5).map((below) => ({
      files: [`local/src/${folder}/${'*/'.repeat(below)}*.ts`],
      rules: { 'no-restricted-imports': ['error', { patterns: [...patterns, ...outsideLocal(below + 2)] }] },
    }))
  }),
)

// The helpers at the top of local/src sit below services/: they may import the lower layers, not services/, the APIs or
// the assembly. The assembly may import anything in local/src.
const rootHelperMessage =
  `The files at the top of local/src other than the assembly (${ASSEMBLY.join(', ')}) are helpers below services/: ` +
  `imports run ${LOCAL_ORDER}.`
const localRootRules = [
  {
    files: ['local/src/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: `^\\./(?:${LOCAL_LEVELS.slice(SERVICES_LEVEL).flat().join('|')})(?:/|$)`, message: rootHelperMessage },
            { regex: `^\\./${rootFile(ASSEMBLY)}`, message: rootHelperMessage },
            ...outsideLocal(1),
          ],
        },
      ],
    },
  },
  { files: ASSEMBLY.map((name) => `local/src/${name}.ts`), rules: { 'no-restricted-imports': ['error', { patterns: outsideLocal(1) }] } },
]

export default tseslint.config(
  {
    // .react-router/: React Router typegen's output (test/crossCutting/runtimes/app/typecheck), written in its generator's style.
    ignores: ['**/dist/**', '**/build/**', '**/node_modules/**', '**/.cache/**', '**/.react-router/**', '**/test-results/**', '.data/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  ...layerRules,
  ...localRules,
  ...localLayerRules,
  ...localRootRules,
)
