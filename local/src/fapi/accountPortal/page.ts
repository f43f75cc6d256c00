// The HTML of a hosted page: ClerkJS from this server's /npm/ paths, the portal script, and the element ClerkJS's
// component mounts in. No inline script: the page's settings travel in a data attribute, escaped like any text.
import { html, raw } from 'hono/html'
import { type ClerkJsBundle, clerkJsUrl } from '../../clerkJsBundles/clerkJsBundle.js'
import type { Html } from '../html.js'
import { PORTAL_SCRIPT_PATH } from './urls.js'

/** What the portal script needs to mount the page's component (see script.ts, which reads it). */
export interface PortalConfig {
  /** The `mount…` method of ClerkJS to call: `mountSignIn`, `mountUserProfile`, … */
  mount: string
  /** Its props (besides `routing: 'hash'`): the checked redirect URLs. */
  props: Record<string, string>
  /** ClerkJS's own redirect allow-list on this page: the origins of the checked URLs above, nothing else. */
  allowedRedirectOrigins: string[]
  /** For the profile pages: where to sign in first if ClerkJS finds nobody signed in. */
  signInUrl?: string
  /** For the organization page: shown instead when the session has no active organization. */
  noOrganization?: string
}

export interface PortalPageParams {
  title: string
  /** The backend as the browser reaches it: ClerkJS's `proxyUrl` on this page. */
  origin: string
  publishableKey: string
  clerkJs: ClerkJsBundle
  /** ClerkJS 6 draws its components with `@clerk/ui`, loaded next to it. */
  ui: ClerkJsBundle | undefined
  config: PortalConfig
  back: URL | undefined
  /** Where to go without JavaScript (the backend's own sign-in page), if the page has a sign-in to offer. */
  withoutJavaScript?: string
}

/** Plain and self-contained; ClerkJS brings its own styles for the card (see `PORTAL_CSP`). */
const STYLE = raw(`
  :root { color-scheme: light; --muted: #6b7280; --accent: #4f46e5; }
  body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; background: #f7f7f8; }
  main { display: flex; flex-direction: column; align-items: center; gap: 1rem; padding: 2rem 1rem; }
  .back { align-self: flex-start; color: var(--accent); }
  .muted { color: var(--muted); max-width: 32rem; text-align: center; }
  :focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
`)

export function portalPage(params: PortalPageParams): Html {
  const { title, origin, publishableKey, clerkJs, ui, config, back, withoutJavaScript } = params
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · remix-clerk-local</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
${ui ? html`<script src="${clerkJsUrl(origin, ui)}" defer></script>` : ''}
<script src="${clerkJsUrl(origin, clerkJs)}" data-clerk-publishable-key="${publishableKey}" data-clerk-proxy-url="${origin}" defer></script>
<script src="${PORTAL_SCRIPT_PATH}" defer></script>
</head>
<body>
<main>
${back ? html`<a class="back" href="${back.href}">← Back to ${back.host}</a>` : ''}
<div id="clerk-portal" data-config="${JSON.stringify(config)}"></div>
<p id="portal-status" class="muted" role="status" hidden></p>
<noscript><p class="muted">This page runs Clerk's components, which need JavaScript.${
    withoutJavaScript ? html` <a href="${withoutJavaScript}">Sign in without JavaScript</a>.` : ''
  }</p></noscript>
</main>
</body>
</html>`
}
