// The docs cannot drift from the code: every ```ts and ```tsx block of the READMEs and docs/ type-checks, as a user's
// file would, against the built packages (resolved through their package.json exports) with the repository's strict
// compiler options; and every relative link points at a file, and a heading, that exists.
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { afterAll, describe, expect, it } from 'vitest'
import { type Snippet, extractSnippets, headingAnchors, relativeLinks } from './markdown.js'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..')
const DOCS = [
  'README.md',
  'local/README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`),
]
const read = (file: string) => readFileSync(join(ROOT, file), 'utf8')
const snippets: Snippet[] = DOCS.flatMap((file) => extractSnippets(file, read(file)))

/** The built type declarations a user's import must land on (and nothing under src/). */
const BUILT = [
  'dist/ssr.server.d.ts',
  'dist/api.server.d.ts',
  'dist/webhooks.d.ts',
  'local/dist/index.d.ts',
  'local/dist/testing.d.ts',
]

/**
 * One directory per run under node_modules/.cache, so that a snippet's imports resolve as in a user's project: the
 * repository's node_modules by walking up, and `remix-clerk` (which is not installed in its own node_modules)
 * through a link of its own to the repository root.
 */
function snippetDirectory(): string {
  const cache = join(ROOT, 'node_modules', '.cache')
  mkdirSync(cache, { recursive: true })
  const dir = mkdtempSync(join(cache, 'doc-snippets-'))
  mkdirSync(join(dir, 'node_modules'))
  symlinkSync(ROOT, join(dir, 'node_modules', 'remix-clerk'), 'dir')
  return dir
}

function compilerOptions(): ts.CompilerOptions {
  const { config, error } = ts.readConfigFile(join(ROOT, 'tsconfig.base.json'), ts.sys.readFile)
  if (error) throw new Error(ts.flattenDiagnosticMessageText(error.messageText, '\n'))
  const { options, errors } = ts.parseJsonConfigFileContent(config, ts.sys, ROOT)
  if (errors.length > 0)
    throw new Error(errors.map((e) => ts.flattenDiagnosticMessageText(e.messageText, '\n')).join('\n'))
  return { ...options, types: ['node'], jsx: ts.JsxEmit.ReactJSX, noEmit: true }
}

describe('code in the docs', () => {
  const dir = snippetDirectory()
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('finds the snippets, and skips one only with a reason', () => {
    expect(snippets.length).toBeGreaterThanOrEqual(6)
    for (const file of ['README.md', 'local/README.md']) expect(snippets.some((s) => s.file === file)).toBe(true)
    const unexplained = snippets.filter((s) => s.skip !== undefined && s.skip.trim() === '')
    expect(unexplained.map((s) => `${s.file}:${s.line}`)).toEqual([])
  })

  it('every ts and tsx block type-checks against the built packages with the strict options', () => {
    const missing = BUILT.filter((file) => !existsSync(join(ROOT, file)))
    if (missing.length > 0)
      throw new Error(`${missing.join(', ')} missing: run \`npm run build\` first (npm test does).`)

    const byPath = new Map<string, Snippet>()
    for (const snippet of snippets.filter((s) => s.skip === undefined)) {
      const name = `${snippet.file.replace(/[^\w]+/g, '_')}_line${snippet.line}.${snippet.lang}`
      const path = join(dir, name)
      // `export {}` keeps a block without imports a module, as every file of an ESM app is.
      writeFileSync(path, `${snippet.code}\nexport {}\n`)
      byPath.set(path, snippet)
    }
    const program = ts.createProgram([...byPath.keys()], compilerOptions())
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
      const snippet = diagnostic.file && byPath.get(diagnostic.file.fileName)
      if (!diagnostic.file || !snippet) return `TS${diagnostic.code}: ${message}`
      const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0)
      return `${snippet.file}:${snippet.line + 1 + line}: TS${diagnostic.code}: ${message}`
    })
    expect(problems).toEqual([])

    // The imports landed on the built declarations, through the packages' exports, never on the sources.
    const loaded = program.getSourceFiles().map((file) => relative(ROOT, file.fileName))
    expect(loaded).toEqual(expect.arrayContaining(BUILT))
    expect(loaded.filter((file) => file.startsWith('src/') || file.startsWith('local/src/'))).toEqual([])
  }, 60_000) // One type-check of every block: ~10 s of CPU, more on a busy machine; the default 20 s is too tight.

  it('every relative link points at a file, and a heading, that exists', () => {
    const broken: string[] = []
    for (const file of DOCS) {
      for (const { target, line } of relativeLinks(read(file))) {
        const [path, anchor] = target.split('#') as [string, string | undefined]
        const resolved = path === '' ? file : join(dirname(file), path)
        if (!existsSync(join(ROOT, resolved))) broken.push(`${file}:${line}: ${target} (no file ${resolved})`)
        else if (anchor && resolved.endsWith('.md') && !headingAnchors(read(resolved)).includes(anchor)) {
          broken.push(`${file}:${line}: ${target} (no heading #${anchor} in ${resolved})`)
        }
      }
    }
    expect(broken).toEqual([])
  })
})
