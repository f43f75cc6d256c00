// A local backend, seeded with the demo data, and the built app on it: what every browser test runs against. The
// backend is the library or the CLI process, as the run asks (local/test/helpers/backend.ts: the "example (cli)" project).
import { createLocalClerk, type LocalClerk, type SeedResult } from 'remix-clerk-local'
import { startBackend } from '../../../local/test/helpers/backend'
import { startAppServer, type AppServer } from '../../scripts/appServer.mjs'
import { DEMO_ADMIN_EMAIL, DEMO_MEMBER_EMAIL, readDemoSeed } from '../../scripts/demoSeed.mjs'

export interface Stack {
  /** The backend's instance in the test process (for the CLI process, a second one on its database). */
  clerk: LocalClerk
  /** The backend as the browser reaches it, on the app's host name (`http://localhost:<port>`), as `npm start` does. */
  frontendUrl: string
  app: AppServer
  seeded: SeedResult
  adminId: string
  memberId: string
  /** What remix-serve printed: its request log, and any error the app logged. */
  appOutput: string[]
  close(): Promise<void>
}

/**
 * A local backend with the demo data, listening on a free port, and the built app on another free port, pointed at
 * it through the variables the backend gives (`clerk.env()`, or the file the CLI wrote: the keys, CLERK_PROXY_URL and
 * CLERK_JS), as `npm start` passes them, and `appEnv` on top.
 */
export async function startStack(options: {
  sessionLifetime: number
  appEnv?: Record<string, string>
}): Promise<Stack> {
  const backend = await startBackend(createLocalClerk, { sessionLifetime: options.sessionLifetime })
  const { clerk } = backend
  try {
    const seeded = clerk.seed(readDemoSeed())
    const frontendUrl = clerk.browserUrl
    const appOutput: string[] = []
    // Nothing from the test runner's environment leaks in (a CLERK_* variable there would change the app).
    const app = await startAppServer({
      port: 0,
      env: { PATH: process.env.PATH, ...backend.env, ...options.appEnv },
      onOutput: (line) => appOutput.push(line),
    })
    const idOf = (email: string) => {
      const user = seeded.users.find((u) => u.email_address === email)
      if (!user) throw new Error(`the demo seed has no user ${email}`)
      return user.id
    }
    return {
      clerk,
      frontendUrl,
      app,
      seeded,
      adminId: idOf(DEMO_ADMIN_EMAIL),
      memberId: idOf(DEMO_MEMBER_EMAIL),
      appOutput,
      async close() {
        try {
          await app.stop()
        } finally {
          await backend.close()
        }
      },
    }
  } catch (error) {
    await backend.close()
    throw error
  }
}
