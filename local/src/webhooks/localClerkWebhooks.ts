// `clerk.webhooks`: the public handle on an instance's webhooks, for tests and scripts: the signing secret to verify
// with, the endpoints (which can change while it runs, e.g. for an app that got its port after the backend started),
// and settled(), which waits for the deliveries so far instead of sleeping.
import type { WebhookEvents } from './events.js'

export class LocalClerkWebhooks {
  // Private, so that logging the handle never shows the secret (see toJSON).
  readonly #events: WebhookEvents

  /** @internal Use `clerk.webhooks`. */
  constructor(events: WebhookEvents) {
    this.#events = events
  }

  /**
   * `whsec_…`, the value of `CLERK_WEBHOOK_SIGNING_SECRET` (also in `clerk.env()`): what `verifyWebhook` checks
   * deliveries with. Derived from the instance's secret key, so it stays the same as long as the database does.
   */
  get signingSecret(): string {
    return this.#events.signingSecret
  }

  /** Where events are POSTed, normalised. */
  get endpoints(): string[] {
    return this.#events.dispatcher.endpoints
  }

  /** Sends the events from now on to `url` too (an absolute http(s) URL); adding one twice changes nothing. */
  addEndpoint(url: string): void {
    this.#events.dispatcher.addEndpoint(url)
  }

  /** Stops sending to `url`, dropping what waits for it; false if it was not an endpoint. */
  removeEndpoint(url: string): boolean {
    return this.#events.dispatcher.removeEndpoint(url)
  }

  /**
   * Resolves once every event emitted so far has been delivered or given up on (after its retries): in a test,
   * `await clerk.webhooks.settled()` after the calls, then look at what the receiver got.
   */
  settled(): Promise<void> {
    return this.#events.dispatcher.settled()
  }

  toJSON() {
    return { endpoints: this.endpoints, signingSecret: 'whsec_…' }
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return `LocalClerkWebhooks ${JSON.stringify(this.toJSON())}`
  }
}
