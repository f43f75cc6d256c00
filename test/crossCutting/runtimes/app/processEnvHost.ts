// Node and Bun: the keys in process.env, where remix-clerk finds them by itself, as most apps keep them.
import type { Host } from './routes'

export const processEnvHost: Host = {
  keys: () => ({}),
  jwtKey: () => process.env.RUNTIMES_JWT_KEY ?? '',
  client: () => ({ secretKey: process.env.CLERK_SECRET_KEY }),
  webhook: () => ({}),
}
