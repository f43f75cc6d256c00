// The import rules of eslint.config.js (eslint-plugin-boundaries, by folder), run through ESLint's Node API on small
// files placed (in memory) in each folder, at depths up to 8 below it: every import up the layers (shared ← backend ←
// jwt ← auth ← remix ← react-router ← entries) is an error, every import down is not, and remix-clerk-local never reaches the root
// package's src/; inside local/src the same holds for its own layers (shared ← validation, http, webhooks,
// clerkJsBundles ← store ← templates ← tokens, backendJson ← core ← services ← bapi, fapi ← assembly ← entries).
import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

const LAYERS = ['shared', 'backend', 'jwt', 'auth', 'remix', 'react-router'] as const
// One real module per layer to import, so that only the layer rule can object.
const MODULE_OF: Record<(typeof LAYERS)[number], string> = {
  shared: 'shared/quote',
  backend: 'backend/client',
  jwt: 'jwt/keys',
  auth: 'auth/requestContext',
  remix: 'remix/getAuth',
  'react-router': 'react-router/getAuth',
}
// A file directly in a layer's folder, and one deeper than any list of depths would reach.
const DEPTHS = [1, 8] as const
const nested = (depth: number) => 'nested/'.repeat(depth - 1)

let eslint: ESLint
beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() })
})

async function restrictedImports(filePath: string, specifier: string): Promise<string[]> {
  const code = `import type * as imported from '${specifier}'\nexport type Imported = typeof imported\n`
  const [result] = await eslint.lintText(code, { filePath })
  return result!.messages
    .filter((message) => message.ruleId === 'boundaries/dependencies')
    .map((message) => message.message)
}

describe('src/ layers', () => {
  for (const [index, from] of LAYERS.entries()) {
    for (const depth of DEPTHS) {
      const file = `src/${from}/${nested(depth)}layerFixture.ts`
      it(`${file} may import the layers below it and its own, and nothing above`, async () => {
        const up = '../'.repeat(depth)
        for (const to of LAYERS.slice(0, index + 1)) {
          expect(await restrictedImports(file, `${up}${MODULE_OF[to]}`), `${from} → ${to}`).toEqual([])
        }
        for (const to of LAYERS.slice(index + 1)) {
          const messages = await restrictedImports(file, `${up}${MODULE_OF[to]}`)
          expect(messages, `${from} → ${to}`).toHaveLength(1)
          expect(messages[0]).toContain(`src/${from}/`)
          expect(messages[0]).toContain('shared ← backend ← jwt ← auth ← remix ← react-router ← entries')
        }
        for (const entry of ['api.server', 'ssr.server', 'webhooks', 'react-router']) {
          expect(await restrictedImports(file, `${up}${entry}`), `${from} → ${entry}`).toHaveLength(1)
        }
      })
    }
  }

  it('does not mistake a package path for a layer (jose/jwt/…)', async () => {
    expect(await restrictedImports('src/shared/layerFixture.ts', 'jose/jwt/decode')).toEqual([])
  })

  it('lets the entries import every layer', async () => {
    for (const to of LAYERS) expect(await restrictedImports('src/ssr.server.ts', `./${MODULE_OF[to]}`)).toEqual([])
  })

  it('counts a folder of src/ that is not a layer as the top: no layer imports it', async () => {
    expect(await restrictedImports('src/remix/layerFixture.ts', '../unlisted/module')).toEqual([])
    expect(await restrictedImports('src/unlisted/layerFixture.ts', '../remix/getAuth')).toEqual([])
  })
})

describe('local/', () => {
  it('never imports the root src/, at any depth, nor the remix-clerk package', async () => {
    expect(await restrictedImports('local/src/layerFixture.ts', '../../src/jwt/keys')).toHaveLength(1)
    expect(await restrictedImports('local/src/bapi/layerFixture.ts', '../../../src/jwt/keys')).toHaveLength(1)
    expect(await restrictedImports('local/test/fapi/layerFixture.ts', '../../../src/auth/requestContext')).toHaveLength(
      1,
    )
    expect(
      await restrictedImports(`local/test/${nested(8)}layerFixture.ts`, `${'../'.repeat(9)}src/jwt/keys`),
    ).toHaveLength(1)
    expect(await restrictedImports('local/vitest.config.ts', '../src/jwt/keys')).toHaveLength(1)
    expect(await restrictedImports('local/src/layerFixture.ts', 'remix-clerk/api.server')).toHaveLength(1)
    expect(await restrictedImports('local/test/layerFixture.ts', 'remix-clerk')).toHaveLength(1)
    // Where `remix-clerk/…` resolves once built (before a build, it resolves nowhere and its name is refused).
    expect(await restrictedImports('local/src/bapi/layerFixture.ts', '../../../dist/api.server.js')).toHaveLength(1)
  })

  it('may import its own src/ from anywhere in local/', async () => {
    expect(await restrictedImports('local/test/layerFixture.ts', '../src/index')).toEqual([])
    expect(await restrictedImports('local/test/fapi/layerFixture.ts', '../../src/index')).toEqual([])
    expect(await restrictedImports('local/test/fapi/layerFixture.ts', '../../src/assembly/localClerk.js')).toEqual([])
    expect(await restrictedImports('local/src/layerFixture.ts', 'remix-clerk-local/testing')).toEqual([])
  })
})

// remix-clerk-local's layers (eslint.config.js LOCAL_LEVELS), lowest first; folders on one level are siblings.
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
] as const
type LocalFolder = (typeof LOCAL_LEVELS)[number][number]
const LOCAL_MODULE_OF: Record<LocalFolder, string> = {
  shared: 'shared/errors',
  validation: 'validation/schema',
  http: 'http/respond',
  webhooks: 'webhooks/events',
  clerkJsBundles: 'clerkJsBundles/clerkJsBundle',
  store: 'store/index',
  templates: 'templates/compile',
  tokens: 'tokens/minter',
  backendJson: 'backendJson/user',
  core: 'core/core',
  services: 'services/users',
  bapi: 'bapi/index',
  fapi: 'fapi/index',
  assembly: 'assembly/localClerk',
}
const LOCAL_ORDER =
  'shared ← validation, http, webhooks, clerkJsBundles ← store ← templates ← tokens, backendJson ← core ← services ← bapi, fapi ← assembly ← entries'
// The package's entries, at the top of local/src (tsup builds them; package.json's exports and bin name them).
const LOCAL_ENTRIES = ['index', 'testing', 'cli']

describe('local/src layers', () => {
  for (const [index, level] of LOCAL_LEVELS.entries()) {
    for (const from of level) {
      for (const depth of DEPTHS) {
        const file = `local/src/${from}/${nested(depth)}layerFixture.ts`
        it(`${file} may import the levels below it and its own folder, not a sibling, a level above or an entry`, async () => {
          const up = '../'.repeat(depth)
          for (const to of [from, ...LOCAL_LEVELS.slice(0, index).flat()]) {
            expect(await restrictedImports(file, `${up}${LOCAL_MODULE_OF[to]}.js`), `${from} → ${to}`).toEqual([])
          }
          for (const to of [...level.filter((other) => other !== from), ...LOCAL_LEVELS.slice(index + 1).flat()]) {
            const messages = await restrictedImports(file, `${up}${LOCAL_MODULE_OF[to]}.js`)
            expect(messages, `${from} → ${to}`).toHaveLength(1)
            expect(messages[0]).toContain(`local/src/${from}/`)
            expect(messages[0]).toContain(LOCAL_ORDER)
          }
          for (const entry of LOCAL_ENTRIES) {
            expect(await restrictedImports(file, `${up}${entry}.js`), `${from} → ${entry}`).toHaveLength(1)
          }
          // The rules of every file under local/ still hold inside a layer.
          expect(await restrictedImports(file, `${'../'.repeat(depth + 2)}src/jwt/keys`)).toHaveLength(1)
          expect(await restrictedImports(file, 'remix-clerk/ssr.server')).toHaveLength(1)
        })
      }
    }
  }

  it('lets the entries at the top of local/src import every folder', async () => {
    for (const entry of LOCAL_ENTRIES) {
      for (const to of Object.keys(LOCAL_MODULE_OF) as LocalFolder[]) {
        expect(
          await restrictedImports(`local/src/${entry}.ts`, `./${LOCAL_MODULE_OF[to]}.js`),
          `${entry} → ${to}`,
        ).toEqual([])
      }
      expect(await restrictedImports(`local/src/${entry}.ts`, '../../src/jwt/keys')).toHaveLength(1)
    }
  })
})
