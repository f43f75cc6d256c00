// Types as a React Router 7 app sees them, from the built package's .d.ts: getAuth and rootAuthLoader accept
// React Router's LoaderFunctionArgs and ActionFunctionArgs and the typegen's Route.LoaderArgs, Route.ActionArgs and
// Route.MiddlewareFunction arguments, under moduleResolution bundler and nodenext, with future.v8_middleware off
// and on. The app is app/typecheck: route modules, and the `.react-router/types` files `react-router typegen`
// writes for them (hand-written in its format: typegen needs @react-router/dev and Vite). Its `@ts-expect-error`
// lines make the check fail if the types grow too loose.
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const fixture = fileURLToPath(new URL('./app/typecheck/', import.meta.url))

// One source file cache for all four programs: lib and React Router declarations are parsed once. The key includes
// the options TypeScript parses a file with (module format under nodenext), so no program sees another's file.
const sourceFiles = new Map<string, ts.SourceFile | undefined>()

function diagnosticsOf(configName: string): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(`${fixture}${configName}`, undefined, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
    },
  })!
  const host = ts.createCompilerHost(parsed.options)
  const read = host.getSourceFile
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    const key = `${fileName}\0${JSON.stringify(languageVersion)}`
    if (!sourceFiles.has(key)) sourceFiles.set(key, read.call(host, fileName, languageVersion, ...rest))
    return sourceFiles.get(key)
  }
  const program = ts.createProgram({ rootNames: parsed.fileNames, options: parsed.options, host })
  return ts.getPreEmitDiagnostics(program).map((diagnostic) => {
    const where = diagnostic.file
      ? `${diagnostic.file.fileName.slice(fixture.length)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line + 1} `
      : ''
    return `${where}${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`
  })
}

describe('React Router 7 types', () => {
  it.each([
    ['bundler', 'off'],
    ['bundler', 'on'],
    ['nodenext', 'off'],
    ['nodenext', 'on'],
  ])('moduleResolution %s, future.v8_middleware %s: no type error', (resolution, middleware) => {
    expect(diagnosticsOf(`tsconfig.${resolution}-${middleware === 'on' ? 'middleware' : 'classic'}.json`)).toEqual([])
  })
})
