// `/v1/webhooks/svix…`: the official client's `webhooks.createSvixApp()`, `generateSvixAuthURL()` and
// `deleteSvixApp()` manage the Svix app behind Clerk's dashboard and open its portal, a hosted page where endpoints are
// added. There is no such portal here: endpoints come from `--webhook-url` or `createLocalClerk({ webhooks })`, so
// these answer a "not supported" that says so, rather than a URL that leads nowhere.
import { Hono } from 'hono'
import { notSupported } from '../../errors.js'

const instead =
  'webhook endpoints are given to it with `remix-clerk-local start --webhook-url URL` or ' +
  '`createLocalClerk({ webhooks: { endpoints } })`, and it signs with the CLERK_WEBHOOK_SIGNING_SECRET that `start` prints'

export function webhookRoutes(): Hono {
  const app = new Hono()
  const refuse = () => {
    throw notSupported('The Svix app portal (webhooks.createSvixApp, generateSvixAuthURL, deleteSvixApp)', instead)
  }
  app.post('/svix', refuse)
  app.delete('/svix', refuse)
  app.post('/svix_url', refuse)
  return app
}
