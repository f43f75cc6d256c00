// Two apps on one local backend: the example as the primary on `localhost` and again as a satellite on `127.0.0.1`,
// two sites with two cookie jars, as a primary domain and a satellite domain are on Clerk. The backend knows the
// satellite's origin (satelliteOrigins), and the satellite reaches it under its own host name. The backend is the
// library or the CLI process, as the run asks (local/test/helpers/backend.ts).
import { createLocalClerk, type LocalClerk } from 'remix-clerk-local'
import { startBackend } from '../../../local/test/helpers/backend'
import { claimPort, startAppServer, type AppServer } from '../../scripts/appServer.mjs'
import { DEMO_ADMIN_EMAIL, readDemoSeed } from '../../scripts/demoSeed.mjs'

export interface SatelliteStack {
  clerk: LocalClerk
  /** The backend under the primary's host name (`http://localhost:<port>`). */
  frontendUrl: string
  /** `http://localhost:<port>`. */
  primaryUrl: string
  /** `http://127.0.0.1:<port>`: another site than the primary. */
  satelliteUrl: string
  adminId: string
  /** What both apps printed. */
  appOutput: string[]
  close(): Promise<void>
}

export async function startSatelliteStack(): Promise<SatelliteStack> {
  // The satellite's port is taken first: the backend must know the satellite's origin when it starts.
  const satellitePort = await claimPort(0, '127.0.0.1', 'Try again.')
  const satelliteUrl = `http://127.0.0.1:${satellitePort}`
  const backend = await startBackend(createLocalClerk, { satelliteOrigins: [satelliteUrl] })
  const { clerk } = backend
  const apps: AppServer[] = []
  const appOutput: string[] = []
  const close = async () => {
    try {
      await Promise.all(apps.map((app) => app.stop()))
    } finally {
      await backend.close()
    }
  }
  try {
    const seeded = clerk.seed(readDemoSeed())
    const { port } = new URL(backend.url)
    const base = { PATH: process.env.PATH, ...backend.env }
    const onOutput = (line: string) => appOutput.push(line)
    const primary = await startAppServer({ port: 0, env: base, onOutput })
    apps.push(primary)
    const satellite = await startAppServer({
      port: satellitePort,
      onOutput,
      env: {
        ...base,
        CLERK_IS_SATELLITE: 'true',
        // The satellite's Frontend API: this backend under the satellite's own host name (its own cookie jar).
        CLERK_PROXY_URL: `http://127.0.0.1:${port}`,
        CLERK_SIGN_IN_URL: `${primary.url}/sign-in`,
        // Sync on the first visit, so that a sign-in on the primary shows on the satellite at once.
        CLERK_SATELLITE_AUTO_SYNC: 'true',
      },
    })
    apps.push(satellite)
    return {
      clerk,
      frontendUrl: clerk.browserUrl,
      primaryUrl: primary.url,
      satelliteUrl,
      adminId: seeded.users.find((user) => user.email_address === DEMO_ADMIN_EMAIL)!.id,
      appOutput,
      close,
    }
  } catch (error) {
    await close()
    throw error
  }
}
