#!/usr/bin/env node
// The `remix-clerk-local` command. It only loads the built CLI (dist/cli.js): this file is committed, so npm links
// the command at install time even in a fresh clone of the repository, where dist/ does not exist until a build.
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

const cli = new URL('../dist/cli.js', import.meta.url)
if (!existsSync(cli)) {
  process.stderr.write(
    `remix-clerk-local: ${fileURLToPath(cli)} is missing: the package has not been built.\n` +
      'In a clone of the remix-clerk repository, run `npm run build` at its root (or `npm run build -w local`), ' +
      'then run this command again.\n',
  )
  process.exit(1)
}
await import(cli.href)
