// The Frontend API part a server-rendered app needs (handshake, sign-in pages, browser tokens, ClerkJS files,
// invitation links, uploaded images), and the hosted pages of the local Account Portal.
import { Hono } from 'hono'
import type { Core } from '../core/core.js'
import { toErrorResponse } from '../http/respond.js'
import { suffixForFrontendApi } from '../http/appCookies.js'
import { mountAccountPortal } from './accountPortal/index.js'
import { browserScript } from './browserScript.js'
import { browserTokenHandler } from './browserTokens.js'
import { clerkJsBundleHandler } from './clerkJsFiles.js'
import { credentialedCors } from './credentialedCors.js'
import { handshake } from './handshake.js'
import { serveImage } from './images.js'
import { link, sync } from './satelliteSync.js'
import { showSignIn, signOut, submitSignIn } from './userPicker.js'
import { acceptTicket } from './ticketLanding.js'

/**
 * The small part of Clerk's Frontend API a server-rendered app needs: the handshake, sign-in and sign-out pages,
 * and token refresh for `/local-clerk.js`. Browser pages answer errors with HTML, `/v1/client/…` with Clerk's
 * JSON error shape.
 */
export function frontendApi(core: Core): Hono {
  const app = new Hono()
  app.use('/v1/client/*', credentialedCors(core))
  app.get('/v1/client/handshake', (c) => handshake(core, c))
  app.get('/v1/client/sync', (c) => sync(core, c))
  app.get('/v1/client/link', (c) => link(core, c))
  const mintForBrowser = browserTokenHandler(core)
  app.post('/v1/client/sessions/:session_id/tokens', mintForBrowser)
  app.post('/v1/client/sessions/:session_id/tokens/:template', mintForBrowser)

  app.get('/v1/tickets/accept', (c) => acceptTicket(core, c))
  app.get('/images/:image_id', (c) => serveImage(core, c))

  app.get('/sign-in', (c) => showSignIn(core, c))
  app.post('/sign-in', (c) => submitSignIn(core, c))
  app.on(['GET', 'POST'], '/sign-out', (c) => signOut(core, c))
  mountAccountPortal(app, core)

  let script = { url: '', source: '' }
  app.get('/local-clerk.js', () => {
    const url = core.frontendApiUrl()
    if (script.url !== url) script = { url, source: browserScript(url, suffixForFrontendApi(url)) }
    return new Response(script.source, {
      headers: {
        'Content-Type': 'text/javascript; charset=utf-8',
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
      },
    })
  })
  app.get('/npm/@clerk/:package/dist/:file', clerkJsBundleHandler(core.npmBundles))
  app.onError(toErrorResponse)
  return app
}
