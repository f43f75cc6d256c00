// Both packages' entries and types resolve in every kind of TypeScript project a Remix app may be: `"moduleResolution":
// "node"` (node10: Remix's classic template, and CommonJS apps), node16 and nodenext (an ESM app and a CommonJS app),
// and bundler (Remix's Vite template). A small consumer is type-checked, strict and without skipLibCheck, against the
// packed packages installed in a temporary app, and the entries are loaded by Node with import and with require.
import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { promisify } from 'node:util'
import ts from 'typescript'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { installFromCache, packBoth } from './packedPackages.js'

const ENTRIES = [
  'remix-clerk/ssr.server',
  'remix-clerk/api.server',
  'remix-clerk/webhooks',
  'remix-clerk/react-router',
  'remix-clerk-local',
  'remix-clerk-local/testing',
] as const

/** Uses something of each entry, and two mistakes that only real types catch: `any` would let them through. */
const CONSUMER = `import { getAuth, rootAuthLoader } from 'remix-clerk/ssr.server'
import { createClerkClient, type Token } from 'remix-clerk/api.server'
import { verifyWebhook, type WebhookEvent } from 'remix-clerk/webhooks'
import { clerkMiddleware, getAuth as getAuthInMiddleware } from 'remix-clerk/react-router'
import { createLocalClerk, type LocalClerk } from 'remix-clerk-local'
import { createSignedInRequest } from 'remix-clerk-local/testing'

export async function whoIsSignedIn(): Promise<string | null> {
  const clerk: LocalClerk = await createLocalClerk({ db: ':memory:' })
  const request: Request = await createSignedInRequest(clerk, 'http://localhost/dashboard', 'member')
  const { userId } = await getAuth({ request, params: {}, context: {} })
  const token: Token = await createClerkClient({ secretKey: clerk.secretKey, apiUrl: clerk.apiUrl }).sessions.getToken('sess_1', 'test')
  const loaders: Array<typeof rootAuthLoader> = [rootAuthLoader]
  const verify: (request: Request) => Promise<WebhookEvent> = verifyWebhook
  const middleware = [clerkMiddleware()]
  const apiKey = await getAuthInMiddleware({ request, context: {} }, { acceptsToken: 'api_key' })
  // @ts-expect-error an API key's auth object has no sessionId.
  void apiKey.sessionId
  // @ts-expect-error getAuth takes a loader's arguments.
  await getAuth()
  // @ts-expect-error a LocalClerk has no such method.
  clerk.noSuchMethod()
  await clerk.close()
  return userId ?? apiKey.subject ?? (loaders.length > 0 && verify.length > 0 && middleware.length > 0 ? token.jwt : null)
}
`

type Folder = 'esm' | 'cjs'

interface Project {
  name: string
  /** The app's folder: its package.json says `"type": "module"` (esm) or nothing (cjs). */
  folder: Folder
  module: ts.ModuleKind
  moduleResolution: ts.ModuleResolutionKind
  /** The declaration file each kind of entry must land on. */
  declarations: 'd.ts' | 'd.cts' | 'typesVersions'
}

const PROJECTS: Project[] = [
  {
    name: 'node10, an ESM app ("moduleResolution": "node", Remix\'s classic template)',
    folder: 'esm',
    module: ts.ModuleKind.ES2022,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    declarations: 'typesVersions',
  },
  {
    name: 'node10, a CommonJS app',
    folder: 'cjs',
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    declarations: 'typesVersions',
  },
  {
    name: 'node16, an ESM app',
    folder: 'esm',
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    declarations: 'd.ts',
  },
  {
    name: 'node16, a CommonJS app',
    folder: 'cjs',
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    declarations: 'd.cts',
  },
  {
    name: 'nodenext, an ESM app',
    folder: 'esm',
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    declarations: 'd.ts',
  },
  {
    name: 'nodenext, a CommonJS app',
    folder: 'cjs',
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    declarations: 'd.cts',
  },
  {
    name: "bundler (Remix's Vite template)",
    folder: 'esm',
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    declarations: 'd.ts',
  },
]

/** Where node10 lands, through each package's `typesVersions` (the root) or `types` (remix-clerk-local's main entry). */
const NODE10_DECLARATIONS: Record<(typeof ENTRIES)[number], string> = {
  'remix-clerk/ssr.server': 'remix-clerk/dist/ssr.server.d.ts',
  'remix-clerk/api.server': 'remix-clerk/dist/api.server.d.ts',
  'remix-clerk/webhooks': 'remix-clerk/dist/webhooks.d.ts',
  'remix-clerk/react-router': 'remix-clerk/dist/react-router.d.ts',
  'remix-clerk-local': 'remix-clerk-local/dist/index.d.ts',
  'remix-clerk-local/testing': 'remix-clerk-local/dist/testing.d.ts',
}

/** Each entry's build, without its extension: `.js`/`.d.ts` for import, `.cjs`/`.d.cts` for require. */
const BUILDS: Record<(typeof ENTRIES)[number], string> = {
  'remix-clerk/ssr.server': 'remix-clerk/dist/ssr.server',
  'remix-clerk/api.server': 'remix-clerk/dist/api.server',
  'remix-clerk/webhooks': 'remix-clerk/dist/webhooks',
  'remix-clerk/react-router': 'remix-clerk/dist/react-router',
  'remix-clerk-local': 'remix-clerk-local/dist/index',
  'remix-clerk-local/testing': 'remix-clerk-local/dist/testing',
}

let app: string
beforeAll(async () => {
  const tarballs = await packBoth()
  // One install for both apps: each folder finds the packages in the node_modules of the folder above it.
  app = mkdtempSync(join(tmpdir(), 'remix-clerk-types-'))
  writeFileSync(join(app, 'package.json'), '{ "name": "apps", "private": true }\n')
  await installFromCache(app, [tarballs.root, tarballs.local])
  for (const [folder, type] of [
    ['esm', 'module'],
    ['cjs', 'commonjs'],
  ] as const) {
    mkdirSync(join(app, folder))
    writeFileSync(join(app, folder, 'package.json'), JSON.stringify({ name: `${folder}-app`, private: true, type }))
    writeFileSync(join(app, folder, 'consumer.ts'), CONSUMER)
  }
}, 180_000)
afterAll(() => rmSync(app, { recursive: true, force: true }))

/** Parsed declaration files, shared by the programs: lib.d.ts and @types/node are parsed once. */
const parsed = new Map<string, ts.SourceFile | undefined>()
function compile(project: Project): { diagnostics: string[]; resolved: Record<string, string | undefined> } {
  const options: ts.CompilerOptions = {
    strict: true,
    // Every declaration file is checked, ours included, but TypeScript's own lib files.
    skipLibCheck: false,
    skipDefaultLibCheck: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts', 'lib.dom.d.ts'],
    types: [],
    module: project.module,
    moduleResolution: project.moduleResolution,
    esModuleInterop: true,
  }
  const host = ts.createCompilerHost(options)
  const getSourceFile = host.getSourceFile.bind(host)
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    const key = `${fileName}|${JSON.stringify(languageVersion)}`
    if (!fileName.endsWith('.d.ts') && !fileName.endsWith('.d.cts'))
      return getSourceFile(fileName, languageVersion, ...rest)
    if (!parsed.has(key)) parsed.set(key, getSourceFile(fileName, languageVersion, ...rest))
    return parsed.get(key)
  }
  const consumer = join(app, project.folder, 'consumer.ts')
  const program = ts.createProgram([consumer], options, host)
  const diagnostics = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file
      ? `${relative(app, diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1}`
      : ''
    return `${where} TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`
  })
  const mode =
    project.folder === 'cjs' && project.module >= ts.ModuleKind.Node16 ? ts.ModuleKind.CommonJS : ts.ModuleKind.ESNext
  const resolved = Object.fromEntries(
    ENTRIES.map((entry) => {
      const { resolvedModule } = ts.resolveModuleName(
        entry,
        consumer,
        options,
        host,
        undefined,
        undefined,
        mode as ts.ResolutionMode,
      )
      return [entry, resolvedModule && relative(join(app, 'node_modules'), resolvedModule.resolvedFileName)]
    }),
  )
  return { diagnostics, resolved }
}

describe('types under every moduleResolution', () => {
  it('covers every public entry of both packages (a new entry must be added here)', () => {
    const entriesOf = (name: string, manifest: string) =>
      Object.keys(
        (JSON.parse(readFileSync(new URL(manifest, import.meta.url), 'utf8')) as { exports: Record<string, unknown> })
          .exports,
      )
        .filter((key) => key !== './package.json')
        .map((key) => (key === '.' ? name : `${name}/${key.slice(2)}`))
    expect([...ENTRIES].sort()).toEqual(
      [
        ...entriesOf('remix-clerk', '../../../package.json'),
        ...entriesOf('remix-clerk-local', '../../../local/package.json'),
      ].sort(),
    )
  })

  it.each(PROJECTS)(
    '$name: the consumer type-checks, strict, without skipLibCheck',
    (project) => {
      const { diagnostics, resolved } = compile(project)
      expect(diagnostics).toEqual([])
      const { declarations } = project
      expect(resolved).toEqual(
        Object.fromEntries(
          ENTRIES.map((entry) => [
            entry,
            declarations === 'typesVersions' ? NODE10_DECLARATIONS[entry] : `${BUILDS[entry]}.${declarations}`,
          ]),
        ),
      )
      // The first program parses lib.d.ts: seconds on a loaded machine, shared by the next ones.
    },
    120_000,
  )
})

describe('entries at run time', () => {
  const node = promisify(execFile)
  const load = (folder: Folder, code: string) =>
    node(process.execPath, ['--input-type', folder === 'esm' ? 'module' : 'commonjs', '--eval', code], {
      cwd: join(app, folder),
      encoding: 'utf8',
    })
  const names = {
    'remix-clerk/ssr.server': 'getAuth',
    'remix-clerk/api.server': 'createClerkClient',
    'remix-clerk/webhooks': 'verifyWebhook',
    'remix-clerk/react-router': 'clerkMiddleware',
    'remix-clerk-local': 'createLocalClerk',
    'remix-clerk-local/testing': 'startLocalClerk',
  }

  it('an ESM app imports each entry, and gets the ESM build', async () => {
    const code = `for (const [entry, name] of ${JSON.stringify(Object.entries(names))}) {
      const module = await import(entry)
      if (typeof module[name] !== 'function') throw new Error(entry + ' has no ' + name)
      console.log(entry, import.meta.resolve(entry).split('/node_modules/')[1])
    }`
    const { stdout } = await load('esm', code)
    expect(stdout.trim().split('\n')).toEqual([
      'remix-clerk/ssr.server remix-clerk/dist/ssr.server.js',
      'remix-clerk/api.server remix-clerk/dist/api.server.js',
      'remix-clerk/webhooks remix-clerk/dist/webhooks.js',
      'remix-clerk/react-router remix-clerk/dist/react-router.js',
      'remix-clerk-local remix-clerk-local/dist/index.js',
      'remix-clerk-local/testing remix-clerk-local/dist/testing.js',
    ])
  })

  it('a CommonJS app requires each entry, and gets the CommonJS build', async () => {
    const code = `for (const [entry, name] of ${JSON.stringify(Object.entries(names))}) {
      if (typeof require(entry)[name] !== 'function') throw new Error(entry + ' has no ' + name)
      console.log(entry, require.resolve(entry).split('/node_modules/')[1])
    }`
    const { stdout } = await load('cjs', code)
    expect(stdout.trim().split('\n')).toEqual([
      'remix-clerk/ssr.server remix-clerk/dist/ssr.server.cjs',
      'remix-clerk/api.server remix-clerk/dist/api.server.cjs',
      'remix-clerk/webhooks remix-clerk/dist/webhooks.cjs',
      'remix-clerk/react-router remix-clerk/dist/react-router.cjs',
      'remix-clerk-local remix-clerk-local/dist/index.cjs',
      'remix-clerk-local/testing remix-clerk-local/dist/testing.cjs',
    ])
  })
})
