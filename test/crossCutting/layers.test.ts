// The import rules of eslint.config.js, run through ESLint's Node API on small files placed (in memory) in each
// folder: every import up the layers (shared ← backend ← jwt ← auth ← remix ← entries) is an error, every import
// down is not, and remix-clerk-local never reaches the root package's src/; inside local/src the same holds for its
// own layers (validation, http, webhooks ← store ← templates ← tokens, resources ← services ← bapi, fapi ← the assembly).
import { ESLint } from 'eslint'
import { beforeAll, describe, expect, it } from 'vitest'

const LAYERS = ['shared', 'backend', 'jwt', 'auth', 'remix'] as const
// One real module per layer to import, so that only the layer rule can object.
const MODULE_OF: Record<(typeof LAYERS)[number], string> = {
  shared: 'shared/quote',
  backend: 'backend/client',
  jwt: 'jwt/keys',
  auth: 'auth/requestContext',
  remix: 'remix/getAuth',
}

let eslint: ESLint
beforeAll(() => {
  eslint = new ESLint({ cwd: process.cwd() })
})

async function restrictedImports(filePath: string, specifier: string): Promise<string[]> {
  const code = `import type * as imported from '${specifier}'\nexport type Imported = typeof imported\n`
  const [result] = await eslint.lintText(code, { filePath })
  return result!.messages.filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message)
}

/** From src/<from>/ (or a folder below it) to the module of layer `to`. */
function specifierFrom(depth: number, to: (typeof LAYERS)[number]): string {
  return `${'../'.repeat(depth)}${MODULE_OF[to]}`
}

describe('src/ layers', () => {
  for (const [index, from] of LAYERS.entries()) {
    for (const [depth, file] of [
      [1, `src/${from}/layerFixture.ts`],
      [2, `src/${from}/nested/layerFixture.ts`],
    ] as const) {
      it(`${file} may import the layers below it and its own, and nothing above`, async () => {
        for (const to of LAYERS.slice(0, index + 1)) {
          expect(await restrictedImports(file, specifierFrom(depth, to)), `${from} → ${to}`).toEqual([])
        }
        for (const to of LAYERS.slice(index + 1)) {
          const messages = await restrictedImports(file, specifierFrom(depth, to))
          expect(messages, `${from} → ${to}`).toHaveLength(1)
          expect(messages[0]).toContain(`src/${from}/`)
          expect(messages[0]).toContain('shared ← backend ← jwt ← auth ← remix ← entries')
        }
        for (const entry of ['api.server', 'ssr.server', 'webhooks']) {
          expect(await restrictedImports(file, `${'../'.repeat(depth)}${entry}`), `${from} → ${entry}`).toHaveLength(1)
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
})

describe('local/', () => {
  it('never imports the root src/, at any depth, nor the remix-clerk package', async () => {
    expect(await restrictedImports('local/src/layerFixture.ts', '../../src/jwt/keys')).toHaveLength(1)
    expect(await restrictedImports('local/src/bapi/layerFixture.ts', '../../../src/jwt/keys')).toHaveLength(1)
    expect(await restrictedImports('local/test/fapi/layerFixture.ts', '../../../src/auth/requestContext')).toHaveLength(1)
    expect(await restrictedImports('local/src/layerFixture.ts', 'remix-clerk/api.server')).toHaveLength(1)
  })

  it('may import its own src/ from anywhere in local/', async () => {
    expect(await restrictedImports('local/test/layerFixture.ts', '../src/index')).toEqual([])
    expect(await restrictedImports('local/test/fapi/layerFixture.ts', '../../src/index')).toEqual([])
    expect(await restrictedImports('local/src/bapi/layerFixture.ts', '../keys')).toEqual([])
    expect(await restrictedImports('local/src/layerFixture.ts', 'remix-clerk-local/testing')).toEqual([])
  })
})

// remix-clerk-local's layers (eslint.config.js LOCAL_LEVELS), lowest first; folders on one level are siblings.
const LOCAL_LEVELS = [['validation', 'http', 'webhooks'], ['store'], ['templates'], ['tokens', 'resources'], ['services'], ['bapi', 'fapi']] as const
type LocalFolder = (typeof LOCAL_LEVELS)[number][number]
const LOCAL_MODULE_OF: Record<LocalFolder, string> = {
  validation: 'validation/schema',
  http: 'http/respond',
  webhooks: 'webhooks/events',
  store: 'store/index',
  templates: 'templates/compile',
  tokens: 'tokens/minter',
  resources: 'resources/user',
  services: 'services/users',
  bapi: 'bapi/index',
  fapi: 'fapi/index',
}
const LOCAL_ORDER = 'validation, http, webhooks ← store ← templates ← tokens, resources ← services ← bapi, fapi ← app, localClerk, cli'
const ASSEMBLY = ['app', 'hostGuard', 'localClerk', 'server', 'seed', 'cli', 'index', 'testing']

describe('local/src layers', () => {
  for (const [index, level] of LOCAL_LEVELS.entries()) {
    for (const from of level) {
      for (const [depth, file] of [
        [1, `local/src/${from}/layerFixture.ts`],
        [2, `local/src/${from}/nested/layerFixture.ts`],
      ] as const) {
        it(`${file} may import the levels below it and its own folder, not a sibling, a level above or the assembly`, async () => {
          const up = '../'.repeat(depth)
          for (const to of [from, ...LOCAL_LEVELS.slice(0, index).flat()]) {
            expect(await restrictedImports(file, `${up}${LOCAL_MODULE_OF[to]}`), `${from} → ${to}`).toEqual([])
          }
          for (const to of [...level.filter((other) => other !== from), ...LOCAL_LEVELS.slice(index + 1).flat()]) {
            const messages = await restrictedImports(file, `${up}${LOCAL_MODULE_OF[to]}`)
            expect(messages, `${from} → ${to}`).toHaveLength(1)
            expect(messages[0]).toContain(`local/src/${from}/`)
            expect(messages[0]).toContain(LOCAL_ORDER)
          }
          for (const helper of ['errors', 'quote', 'urls', 'keys']) {
            expect(await restrictedImports(file, `${up}${helper}.js`), `${from} → ${helper}`).toEqual([])
          }
          for (const entry of ASSEMBLY) {
            expect(await restrictedImports(file, `${up}${entry}.js`), `${from} → ${entry}`).toHaveLength(1)
          }
          // The wiring (the Core every operation takes) starts at services/.
          const wiringAllowed = index >= LOCAL_LEVELS.findIndex((names) => (names as readonly string[]).includes('services'))
          for (const wiring of ['core', 'options']) {
            expect(await restrictedImports(file, `${up}${wiring}.js`), `${from} → ${wiring}`).toHaveLength(wiringAllowed ? 0 : 1)
          }
          // The rules of every file under local/ still hold inside a layer.
          expect(await restrictedImports(file, `${'../'.repeat(depth + 2)}src/jwt/keys`)).toHaveLength(1)
          expect(await restrictedImports(file, 'remix-clerk/ssr.server')).toHaveLength(1)
        })
      }
    }
  }

  it('keeps the helpers at the top of local/src below services/, and lets the assembly import everything', async () => {
    for (const to of ['services', 'bapi', 'fapi'] as const) {
      const messages = await restrictedImports('local/src/layerFixture.ts', `./${LOCAL_MODULE_OF[to]}`)
      expect(messages, `helper → ${to}`).toHaveLength(1)
      expect(messages[0]).toContain(LOCAL_ORDER)
    }
    for (const entry of ASSEMBLY) expect(await restrictedImports('local/src/layerFixture.ts', `./${entry}.js`), `helper → ${entry}`).toHaveLength(1)
    for (const to of ['validation', 'http', 'webhooks', 'store', 'templates', 'tokens', 'resources'] as const) {
      expect(await restrictedImports('local/src/layerFixture.ts', `./${LOCAL_MODULE_OF[to]}`), `helper → ${to}`).toEqual([])
    }
    for (const entry of ASSEMBLY) {
      for (const to of Object.keys(LOCAL_MODULE_OF) as LocalFolder[]) {
        expect(await restrictedImports(`local/src/${entry}.ts`, `./${LOCAL_MODULE_OF[to]}`), `${entry} → ${to}`).toEqual([])
      }
      expect(await restrictedImports(`local/src/${entry}.ts`, './localClerk.js')).toEqual([])
      expect(await restrictedImports(`local/src/${entry}.ts`, '../../src/jwt/keys')).toHaveLength(1)
    }
  })
})
