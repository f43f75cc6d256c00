// What the local backend does not model, declared once: each Backend API path Clerk's SDK can call for such a
// feature, and the feature's name. Every one answers the same Clerk-shaped 404 `not_supported`, naming the feature,
// so an app learns at once what remix-clerk-local leaves out (local/README.md lists them, checked by a test).
import { Hono, type MiddlewareHandler } from 'hono'
import type { Core } from '../core/core.js'
import { notSupported } from '../shared/errors.js'
import { toErrorResponse } from '../http/respond.js'
import { checkApiVersion } from './apiVersion.js'
import { requireSecretKey } from './auth.js'

/** What to do instead, where there is something better to say than that a local backend cannot hold it. */
const WEBHOOK_ENDPOINTS_INSTEAD =
  'webhook endpoints are given to it with `remix-clerk-local start --webhook-url URL`, ' +
  '`createLocalClerk({ webhooks: { endpoints } })` or `POST /v1/webhooks/endpoints` with `{ "url": … }`, and it signs with the CLERK_WEBHOOK_SIGNING_SECRET that `start` prints'
const DEFAULT_INSTEAD = 'it answers only what a local development backend can hold'

/**
 * [path pattern, feature, what to do instead]. A pattern ending in `/*` covers the path itself and everything under
 * it.
 */
const UNSUPPORTED_FEATURES: ReadonlyArray<readonly [string, string, string?]> = [
  ['/v1/billing/*', 'Billing'],
  ['/v1/users/:user_id/billing/*', 'Billing'],
  ['/v1/organizations/:organization_id/billing/*', 'Billing'],
  ['/v1/users/:user_id/oauth_access_tokens/*', "OAuth access tokens of a user's external accounts (OAuth sign-in)"],
  ['/v1/users/:user_id/passkeys/*', 'Passkeys'],
  ['/v1/users/:user_id/web3_wallets/*', 'Web3 wallets'],
  ['/v1/users/:user_id/password/*', 'Compromised-password flags'],
  ['/v1/users/:user_id/verify_totp', 'Multi-factor authentication (TOTP)'],
  ['/v1/saml_connections/*', 'SAML connections'],
  ['/v1/enterprise_connections/*', 'Enterprise connections (SAML and OIDC SSO)'],
  ['/v1/oauth_applications/*', 'OAuth applications'],
  ['/v1/agents/*', 'Agent tasks'],
  ['/v1/proxy_checks/*', 'Proxy checks'],
  ['/v1/accountless_applications/*', 'Accountless applications'],
  ['/v1/beta_features/*', 'Beta features (changing the instance domain)'],
  // `webhooks.createSvixApp()`, `generateSvixAuthURL()`, `deleteSvixApp()`: the Svix portal behind Clerk's dashboard,
  // where endpoints are added. Here they come from the command line or the option.
  ['/v1/webhooks/*', 'The Svix app portal', WEBHOOK_ENDPOINTS_INSTEAD],
  ['/v1/email/*', 'Sending e-mails'],
  ['/v1/sign_ups/*', 'Sign-up attempts in the Backend API'],
  [
    '/v1/organizations/:organization_id/domains/:domain_id/verify_ownership',
    'Checking the DNS ownership of an organization domain',
    'create or update the domain with verified: true',
  ],
  ['/v1/organization_roles/*', 'Custom organization roles'],
  ['/v1/organization_permissions/*', 'Custom organization permissions'],
  ['/v1/role_sets/*', 'Role sets'],
]

/**
 * The routes of every unsupported feature. Those under `/v1` take the Backend API's secret key and version checks
 * first, like the rest of it; the machine-token paths (no `/v1`, another credential) answer as they are.
 */
export function unsupportedApi(core: Core): Hono {
  const app = new Hono()
  const guards: MiddlewareHandler[] = [requireSecretKey(core.keys.secretKey), checkApiVersion]
  for (const [pattern, feature, instead = DEFAULT_INSTEAD] of UNSUPPORTED_FEATURES) {
    const paths = pattern.endsWith('/*') ? [pattern.slice(0, -2), pattern] : [pattern]
    for (const path of paths) {
      if (path.startsWith('/v1/')) app.use(path, ...guards)
      app.all(path, () => {
        throw notSupported(feature, instead, 404)
      })
    }
  }
  app.onError(toErrorResponse)
  return app
}
