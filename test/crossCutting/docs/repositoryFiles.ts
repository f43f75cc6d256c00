// The repository's own files (sources, tests, docs; no dependencies, builds or caches), for the docs tests that check
// what the docs say against the code and the tests. A file the docs name is found by its path, or, when it moved to
// another folder, by its name: a test that moves keeps what it pins.
import { readdirSync, statSync } from 'node:fs'
import { basename, join, relative } from 'node:path'
import { ROOT } from './figures.js'

const SKIP = new Set(['node_modules', 'dist', 'build', 'public'])

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name) || name.startsWith('.')) return []
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return walk(path)
    return /\.(md|ts|tsx|mjs|js)$/.test(name) ? [relative(ROOT, path)] : []
  })
}

let files: string[] | undefined

/** Every Markdown, TypeScript and JavaScript file of the repository, relative to its root. */
export function repositoryFiles(): string[] {
  return (files ??= walk(ROOT))
}

/** The file at `path`, else the one file of the same name elsewhere, else undefined. */
export function findFile(path: string): string | undefined {
  if (repositoryFiles().includes(path)) return path
  const moved = repositoryFiles().filter((file) => basename(file) === basename(path))
  return moved.length === 1 ? moved[0] : undefined
}
