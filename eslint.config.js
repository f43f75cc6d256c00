import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'

// The layers of the root package, lowest first: a folder of src/ may import the folders before it, never one after it,
// and no folder imports the entries (src/api.server.ts, src/ssr.server.ts), which sit on top. test/layers.test.ts
// proves that each rule fires.
const LAYERS = ['shared', 'backend', 'jwt', 'auth', 'remix']
const WHAT_LAYERS_DO = {
  shared: 'small general helpers that know nothing of Clerk',
  backend: 'the Backend API client',
  jwt: 'a token alone',
  auth: 'from a Request to an auth state',
  remix: 'the Remix layer',
}
const ENTRY = { regex: '^(?:\\.\\./)+(?:api|ssr)\\.server(?:\\.[jt]s)?$', message: 'Only apps import the entries; import the module itself.' }

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
const localRules = [0, 1, 2, 3, 4, 5, 6].map((depth) => ({
  files: [`local/${'*/'.repeat(depth)}*.{ts,tsx,mts,js,mjs}`],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: [
          {
            regex: `^(?:\\.\\./){${depth + 1}}src(?:/|$)`,
            message: "remix-clerk-local never imports the root package's src/: it meets it over HTTP only.",
          },
          { regex: '^remix-clerk(?:/|$)', message: 'remix-clerk-local never imports remix-clerk: it meets it over HTTP only.' },
        ],
      },
    ],
  },
}))

export default tseslint.config(
  {
    // .react-router/: React Router typegen's output (test/runtimes/app/typecheck), written in its generator's style.
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
)
