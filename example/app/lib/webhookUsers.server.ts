// The app's own table of users, kept in sync by Clerk's webhooks (routes/api.webhooks.ts), as a real app keeps a users
// table in its database: here a JSON file (WEBHOOK_USERS_FILE, default .data/webhook-users.json). Changes are applied
// one after another and replace the file whole, so a reader never sees half of one.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises'
import { dirname, resolve } from 'node:path'
import type { UserJSON, WebhookEvent } from 'remix-clerk/webhooks'

export interface SyncedUser {
  id: string
  email: string | null
  name: string | null
  createdAt: number
  /** The user's `updated_at` when this row was written: an older event never overwrites a newer one. */
  updatedAt: number
}

const tableFile = () => resolve(process.env.WEBHOOK_USERS_FILE || '.data/webhook-users.json')

export async function readSyncedUsers(): Promise<SyncedUser[]> {
  try {
    return JSON.parse(await readFile(tableFile(), 'utf8')) as SyncedUser[]
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

let writes: Promise<unknown> = Promise.resolve()

/** Applies a `user.*` event to the table; other events leave it alone. Resolves once the file is written. */
export function applyUserEvent(event: WebhookEvent): Promise<void> {
  if (event.type !== 'user.created' && event.type !== 'user.updated' && event.type !== 'user.deleted')
    return Promise.resolve()
  const next = writes.then(async () => {
    const users = await readSyncedUsers()
    const others = users.filter((user) => user.id !== event.data.id)
    if (event.type === 'user.deleted') return save(others)
    const current = users.find((user) => user.id === event.data.id)
    // Deliveries may come out of order (a retry): keep whichever describes the later state.
    if (current && current.updatedAt > event.data.updated_at) return
    return save([...others, row(event.data)].sort((a, b) => a.createdAt - b.createdAt))
  })
  // One failed write must not stop the ones after it; the caller still sees it fail.
  writes = next.catch(() => undefined)
  return next
}

function row(user: UserJSON): SyncedUser {
  const email =
    user.email_addresses?.find((address) => address.id === user.primary_email_address_id)?.email_address ?? null
  const name = [user.first_name, user.last_name].filter(Boolean).join(' ') || null
  return { id: user.id, email, name, createdAt: user.created_at, updatedAt: user.updated_at }
}

async function save(users: SyncedUser[]): Promise<void> {
  const file = tableFile()
  await mkdir(dirname(file), { recursive: true })
  const temporary = `${file}.${process.pid}.tmp`
  await writeFile(temporary, `${JSON.stringify(users, null, 2)}\n`)
  await rename(temporary, file)
}
