import js from '@eslint/js'
import boundaries from 'eslint-plugin-boundaries'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// The import rules of both packages, stated by folder with eslint-plugin-boundaries: each folder is an element (a
// file at any depth below it belongs to it), and `boundaries/dependencies` says which elements may not import which.
// test/crossCutting/layers.test.ts proves that each rule fires.

// The layers of the root package, lowest first: a folder of src/ may import the folders before it, never one after it,
// and no folder imports the entries (src/api.server.ts, src/ssr.server.ts, src/webhooks.ts, src/react-router.ts), which
// sit on top. react-router/ (React Router's middleware) is built on remix/ (loader arguments, options, clerkState), which
// never imports it.
const SRC_LAYERS = ['shared', 'backend', 'jwt', 'auth', 'remix', 'react-router']
const WHAT_SRC_LAYERS_DO = {
  shared: 'small general helpers that know nothing of Clerk',
  backend: 'the Backend API client',
  jwt: 'a token alone',
  auth: 'from a Request to an auth state',
  remix: 'the Remix layer',
  'react-router': "React Router's middleware layer",
}
const SRC_ORDER = 'shared ← backend ← jwt ← auth ← remix ← react-router ← entries'

// The layers of remix-clerk-local (local/src), lowest first. Folders on one level are siblings and never import each
// other (the Backend API and the Frontend API share only what lies below them). The files at the top of local/src are
// the package's entries (index.ts, testing.ts, cli.ts: tsup builds them, package.json's exports and bin name them),
// which no folder imports.
const LOCAL_LEVELS = [
  ['shared'],
  ['validation', 'http', 'webhooks', 'clerkJsBundles'],
  ['store'],
  ['templates'],
  ['tokens', 'backendJson'],
  ['core'],
  ['services'],
  ['bapi', 'fapi'],
  ['assembly'],
]
const LOCAL_ORDER = LOCAL_LEVELS.map((level) => level.join(', ')).join(' ← ') + ' ← entries'

// Element types are the folders' own paths, so a message names the folder it is about.
const SRC_ENTRIES = 'src (entries)'
const LOCAL_ENTRIES = 'local/src (entries)'
const folder = (path) => ({ type: path, pattern: path, partialMatch: false })
const ELEMENTS = [
  ...SRC_LAYERS.map((layer) => folder(`src/${layer}`)),
  // Whatever else is in src/ (the entries, and a folder not listed as a layer) is the top: the first match wins.
  { type: SRC_ENTRIES, pattern: 'src', partialMatch: false },
  ...LOCAL_LEVELS.flat().map((name) => folder(`local/src/${name}`)),
  { type: LOCAL_ENTRIES, pattern: 'local/src', partialMatch: false },
  // The rest of local/ (its tests, bin, configs), for the rule that keeps local/ apart from the root package.
  { type: 'local', pattern: 'local', partialMatch: false },
  // The root package as built: where `remix-clerk/…` resolves once `npm run build` has run (before, it resolves
  // nowhere and is caught by its name).
  { type: 'remix-clerk (built)', pattern: 'dist', partialMatch: false },
]
const ROOT_SRC = [...SRC_LAYERS.map((layer) => `src/${layer}`), SRC_ENTRIES]
const LOCAL = [...LOCAL_LEVELS.flat().map((name) => `local/src/${name}`), LOCAL_ENTRIES, 'local']

/** `from` may not import `to` (element types), with `message`. */
const disallow = (from, to, message) => ({
  from: { element: { types: { anyOf: [from].flat() } } },
  disallow: { to: { element: { types: { anyOf: [to].flat() } } } },
  message,
})

const srcPolicies = SRC_LAYERS.map((layer, index) => {
  const allowed = SRC_LAYERS.slice(0, index + 1).map((name) => `src/${name}`)
  return disallow(
    `src/${layer}`,
    [...SRC_LAYERS.slice(index + 1).map((name) => `src/${name}`), SRC_ENTRIES],
    `src/${layer}/ (${WHAT_SRC_LAYERS_DO[layer]}) may import only ${allowed.join(', ')}: imports run ${SRC_ORDER}. ` +
      'Only apps import the entries; move the shared code down a layer instead.',
  )
})

const localPolicies = LOCAL_LEVELS.flatMap((level, index) =>
  level.map((name) => {
    const below = LOCAL_LEVELS.slice(0, index).flat()
    const forbidden = [...level.filter((other) => other !== name), ...LOCAL_LEVELS.slice(index + 1).flat()]
    const allowed = [name, ...below].map((other) => `local/src/${other}`)
    return disallow(
      `local/src/${name}`,
      [...forbidden.map((other) => `local/src/${other}`), LOCAL_ENTRIES],
      `local/src/${name}/ may import only ${allowed.join(', ')}: imports run ${LOCAL_ORDER}. ` +
        'Move the shared code down a layer instead.',
    )
  }),
)

// remix-clerk-local meets the root package only over HTTP and public exports: nothing under local/ imports the root's
// src/ or the remix-clerk package (its tests may share the root's test helpers, test/helpers/chromium.ts).
const NOT_THE_PACKAGE = 'remix-clerk-local never imports remix-clerk: it meets it over HTTP only.'
const apartPolicies = [
  disallow(LOCAL, ROOT_SRC, "remix-clerk-local never imports the root package's src/: it meets it over HTTP only."),
  disallow(LOCAL, 'remix-clerk (built)', NOT_THE_PACKAGE),
  {
    from: { element: { types: { anyOf: LOCAL } } },
    disallow: { to: { module: { source: ['remix-clerk', 'remix-clerk/**'] } } },
    message: NOT_THE_PACKAGE,
  },
]

const layers = {
  files: ['src/**/*.ts', 'local/**/*.{ts,tsx,mts,js,mjs}'],
  plugins: { boundaries },
  settings: {
    'boundaries/elements': ELEMENTS,
    // Imports name .ts sources by their .js name (local/) or without an extension (src/): TypeScript's resolution.
    'import/resolver': {
      typescript: { project: ['tsconfig.json', 'local/tsconfig.json'], noWarnOnMultipleProjects: true },
    },
  },
  rules: {
    'boundaries/dependencies': [
      'error',
      { default: 'allow', checkAllOrigins: true, policies: [...srcPolicies, ...localPolicies, ...apartPolicies] },
    ],
  },
}

// One import style: a relative import names the file as it is at run time (`./verify.js` for verify.ts), which every
// resolution accepts (bundler, node16/nodenext, Node itself for the .mjs scripts). The example app and the runtimes' app keep Remix's
// template style (`~/…`, no extension), as an app would.
const RELATIVE_WITHOUT_EXTENSION = '[source.value=/^\\.\\.?\\//]:not([source.value=/\\.(?:js|mjs|cjs|json|css)$/])'
const IMPORT_STYLE =
  'Name the file a relative import loads with its extension as built: ./verify.js for verify.ts, ./dir/index.js for a folder.'
const importStyle = {
  files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.{ts,mjs}', 'scripts/**/*.{ts,mjs}', 'local/**/*.{ts,mts,mjs}'],
  // The runtimes' app is an app of its own (a workspace run by Node, Bun, Deno and workerd), in its own style.
  ignores: ['test/crossCutting/porting/quickstart-app/**', 'test/crossCutting/runtimes/app/**'],
  rules: {
    'no-restricted-syntax': [
      'error',
      ...['ImportDeclaration', 'ExportNamedDeclaration', 'ExportAllDeclaration', 'ImportExpression'].map((node) => ({
        selector: `${node}${RELATIVE_WITHOUT_EXTENSION}`,
        message: IMPORT_STYLE,
      })),
    ],
  },
}

export default tseslint.config(
  {
    // .react-router/: React Router typegen's output (test/crossCutting/runtimes/app/typecheck), written in its generator's style.
    ignores: [
      '**/dist/**',
      '**/build/**',
      '**/node_modules/**',
      '**/.cache/**',
      '**/.react-router/**',
      '**/test-results/**',
      '.data/**',
    ],
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
  layers,
  importStyle,
)
