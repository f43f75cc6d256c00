// The type tests run in `npm test`: vitest runs a file's `expectTypeOf` and `assertType` calls but checks nothing with
// them (they are for the compiler), so every test file of the root package that imports either from vitest (found by
// a search, not a list) is type-checked here, with the repository's compiler options (tsconfig.json), in one program.
// A mistake written the same way (a canary held in memory) must give exactly its expected errors, so that a check
// that stopped checking fails too.
import { readFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const TYPE_ASSERTIONS = /import\s*(?:type\s*)?\{[^}]*\b(?:expectTypeOf|assertType)\b[^}]*\}\s*from\s*'vitest'/

/** Every test file under test/ (the tsconfig's own exclusions aside) whose assertions only the compiler checks. */
function typeTestFiles(config: ts.ParsedCommandLine): string[] {
  return config.fileNames.filter(
    (file) =>
      file.startsWith(join(ROOT, 'test')) &&
      file.endsWith('.test.ts') &&
      TYPE_ASSERTIONS.test(readFileSync(file, 'utf8')),
  )
}

/** Written as a type test would be, with two mistakes: a wrong expected type, and an error expected where none is. */
const CANARY = join(ROOT, 'test', 'crossCutting', 'typeTestCanary.test.ts')
const CANARY_SOURCE = [
  "import { expectTypeOf } from 'vitest'",
  "import type { AuthObject } from '../../src/ssr.server.js'",
  '',
  "expectTypeOf<AuthObject['userId']>().toEqualTypeOf<number>()",
  '// @ts-expect-error nothing wrong below, so this directive is itself an error',
  "export const fine: string = 'fine'",
].join('\n')

function diagnosticsOf(rootNames: readonly string[], options: ts.CompilerOptions): ts.Diagnostic[] {
  const host = ts.createCompilerHost(options)
  const { getSourceFile, fileExists, readFile } = host
  host.fileExists = (file) => file === CANARY || fileExists.call(host, file)
  host.readFile = (file) => (file === CANARY ? CANARY_SOURCE : readFile.call(host, file))
  host.getSourceFile = (file, language, ...rest) =>
    file === CANARY
      ? ts.createSourceFile(file, CANARY_SOURCE, language)
      : getSourceFile.call(host, file, language, ...rest)
  const program = ts.createProgram({ rootNames, options, host })
  // The type tests' own errors: the sources they import are type-checked by `npm run typecheck`, and checking them
  // here too would double the time this takes.
  return rootNames.flatMap((file) => {
    const source = program.getSourceFile(file)
    return source ? [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)] : []
  })
}

const where = (diagnostic: ts.Diagnostic): string => {
  const file = diagnostic.file ? relative(ROOT, diagnostic.file.fileName) : '(no file)'
  const line =
    diagnostic.file && diagnostic.start !== undefined
      ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1
      : 0
  return `${file}:${line}: TS${diagnostic.code} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n').split('\n')[0]}`
}

describe('type tests', () => {
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.json'),
    { noEmit: true },
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
      },
    },
  )!
  const files = typeTestFiles(config)

  it('finds the type tests by their imports', () => {
    expect(files.map((file) => relative(ROOT, file))).toEqual(
      expect.arrayContaining(['test/backend/types.test.ts', 'test/remix/types.test.ts']),
    )
  })

  it('type-check, and a mistake in one is an error', { timeout: 120_000 }, () => {
    // Ambient declarations (src/env.d.ts) as in the whole project.
    const ambient = config.fileNames.filter((file) => file.endsWith('.d.ts'))
    const diagnostics = diagnosticsOf([...ambient, ...files, CANARY], config.options).map(where)
    expect(diagnostics.filter((line) => !line.startsWith('test/crossCutting/typeTestCanary'))).toEqual([])
    expect(diagnostics.map((line) => line.replace(/^(\S+: TS\d+).*/, '$1'))).toEqual([
      'test/crossCutting/typeTestCanary.test.ts:4: TS2344',
      'test/crossCutting/typeTestCanary.test.ts:5: TS2578',
    ])
  })
})
