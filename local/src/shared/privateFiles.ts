/** Files that hold the instance's keys are readable by their owner only, whatever the umask. */
import { chmodSync, closeSync, fchmodSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { LocalClerkError } from './errors.js'

export const PRIVATE_FILE_MODE = 0o600
const PRIVATE_DIRECTORY_MODE = 0o700

export const octal = (mode: number): string => mode.toString(8).padStart(4, '0')

/** What the top directory created for the keys holds, so that git never offers them for a commit. */
const GIT_IGNORE_ALL =
  "# Created by remix-clerk-local: this folder holds the local instance's private key. Never commit it.\n*\n"

/**
 * Creates the missing directories up to `directory`, each 0700, the top one with a `.gitignore` that ignores
 * everything in it (an app's `.data/` is created inside its repository). Directories that already exist are left
 * alone: the database may well sit in the working directory, which is not ours to close.
 */
export function makePrivateDirectories(directory: string): void {
  const first = mkdirSync(directory, { recursive: true, mode: PRIVATE_DIRECTORY_MODE })
  if (first === undefined) return
  // mkdir's mode passes through the umask; chmod does not.
  const top = resolve(first)
  for (let current = resolve(directory); ; current = dirname(current)) {
    chmodSync(current, PRIVATE_DIRECTORY_MODE)
    if (current === top || current === dirname(current)) break
  }
  writeFileSync(join(top, '.gitignore'), GIT_IGNORE_ALL)
}

/** A file whose mode was narrowed, and what it was before. */
export interface Narrowed {
  path: string
  was: number
  now: number
}

/**
 * Takes group and other access away from `path` if it exists (and creates it empty, 0600, when `create` is set);
 * returns what it changed. A file this user cannot chmod (someone else's) is an error: better not to start than
 * to write keys where others can read them.
 */
export function makePrivateFile(path: string, create = false): Narrowed | undefined {
  if (create && createPrivateFile(path)) return undefined
  let was: number
  try {
    was = statSync(path).mode & 0o777
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined
    throw error
  }
  if ((was & 0o077) === 0) return undefined
  const now = was & 0o700
  try {
    chmodSync(path, now)
  } catch (error) {
    throw new LocalClerkError(
      'REMIX_CLERK_LOCAL_FILE_NOT_PRIVATE',
      `remix-clerk-local: ${path} can be read by other users (mode ${octal(was)}) and cannot be made private: ` +
        `${(error as Error).message}. It holds secret keys; use a file of your own.`,
    )
  }
  return { path, was, now }
}

/** Writes `text` to `path`, which is 0600 before anything is written, even if it existed with a wider mode. */
export function writePrivateFile(path: string, text: string): void {
  const fd = openSync(path, 'w', PRIVATE_FILE_MODE)
  try {
    fchmodSync(fd, PRIVATE_FILE_MODE)
    writeSync(fd, text)
  } finally {
    closeSync(fd)
  }
}

/** Creates `path` empty and 0600; false when it exists already. */
function createPrivateFile(path: string): boolean {
  let fd: number
  try {
    fd = openSync(path, 'wx', PRIVATE_FILE_MODE)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
  try {
    // openSync's mode passes through the umask; fchmod does not.
    fchmodSync(fd, PRIVATE_FILE_MODE)
  } finally {
    closeSync(fd)
  }
  return true
}
