// The app's one Backend API client, pointed at CLERK_API_URL so it reaches the local backend.
import { createClerkClient, type ClerkClient } from 'remix-clerk/api.server'

let client: ClerkClient | undefined

/**
 * One Backend API client for the whole server. `createClerkClient` takes no URL from the environment (as upstream),
 * so CLERK_API_URL is passed here: that is how the app reaches remix-clerk-local instead of api.clerk.com.
 */
export function clerkClient(): ClerkClient {
  client ??= createClerkClient({
    secretKey: process.env.CLERK_SECRET_KEY,
    apiUrl: process.env.CLERK_API_URL,
  })
  return client
}
