// The official ClerkApp from @clerk/remix reads our clerkState: a real Remix request handler renders a
// root route wrapped in ClerkApp (React, RemixServer, server-side), whose loader is our rootAuthLoader,
// and the page shows what Clerk's own useAuth() sees.
import { ClerkApp, useAuth } from '@clerk/remix'
import { RemixServer, Scripts } from '@remix-run/react'
import { createRequestHandler } from '@remix-run/server-runtime'
import { Fragment, createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { rootAuthLoader } from '../../src/ssr.server.js'
import {
  NAVIGATION,
  requestWith,
  sessionCookies,
  startLocalInstance,
  type LocalInstance,
} from '../helpers/localInstance.js'
import { serverBuild } from './serverBuild.js'
import { resetProcessState } from '../../src/shared/processState.js'

let instance: LocalInstance

function App() {
  const { isLoaded, isSignedIn, userId, orgId, orgRole } = useAuth()
  return createElement(
    Fragment,
    null,
    createElement(
      'main',
      null,
      `loaded=${isLoaded} signedIn=${isSignedIn} user=${userId} org=${orgId} role=${orgRole}`,
    ),
    // Remix's context script: the loader data, clerkState included, as the browser receives it.
    createElement(Scripts),
  )
}

const build = () =>
  serverBuild(
    { root: { path: '', component: ClerkApp(App), loader: (args) => rootAuthLoader(args, instance.options) } },
    {
      document: (request, status, headers, context) =>
        new Response(`<!DOCTYPE html>${renderToString(createElement(RemixServer, { context, url: request.url }))}`, {
          status,
          headers: { ...Object.fromEntries(headers), 'content-type': 'text/html' },
        }),
      // RemixServer builds the client routes from the manifest, as the browser build would.
      assets: {
        entry: { imports: [], module: '/build/entry.client.js' },
        routes: {
          root: {
            id: 'root',
            path: '',
            module: '/build/root.js',
            imports: [],
            hasLoader: true,
            hasAction: false,
            hasClientLoader: false,
            hasClientAction: false,
            hasErrorBoundary: false,
          },
        },
        url: '/build/manifest.js',
        version: 'test',
      },
    },
  )

beforeAll(async () => {
  instance = await startLocalInstance()
})
afterAll(() => instance?.close())
beforeEach(() => resetProcessState())

describe('ClerkApp from @clerk/remix with our rootAuthLoader', () => {
  it('renders the signed-in user and organization from clerkState', async () => {
    const token = await instance.mint(instance.orgSessionId)
    const response = await createRequestHandler(
      build(),
      'production',
    )(requestWith('http://127.0.0.1:3000/', { headers: NAVIGATION, cookies: sessionCookies(token) }))
    const html = await response.text()
    expect(response.status).toBe(200)
    expect(html).toContain(
      `<main>loaded=true signedIn=true user=${instance.userId} org=${instance.orgId} role=org:admin</main>`,
    )
    // The state travels to the browser in Remix's context script: never with a secret in it.
    expect(html).toContain('__internal_clerk_state')
    expect(html).not.toContain(instance.local.secretKey)
    expect(html).not.toContain(token)
  })

  it('renders signed out when there is no session', async () => {
    const response = await createRequestHandler(
      build(),
      'production',
    )(requestWith('http://127.0.0.1:3000/', { headers: NAVIGATION }))
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('<main>loaded=true signedIn=false user=null org=null role=null</main>')
  })
})
