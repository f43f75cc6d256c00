// Delivers signed webhook messages to the endpoints, off the request that caused them: each endpoint gets one
// request at a time, in the order the events happened; a failed attempt (non-2xx, network error, timeout) is retried
// after a delay without holding back the deliveries behind it (so, as on Clerk, order holds only while nothing fails).
// Everything is bounded: the endpoints, the deliveries waiting per endpoint, the attempts per delivery, the time per
// attempt, and the time close() waits.
import { Webhook } from 'standardwebhooks'
import { LocalClerkError } from '../shared/errors.js'
import { type WebhookSettings, checkEndpoint, MAX_ENDPOINTS, urlForLog } from './settings.js'

/** One event, serialised once and sent as it is to every endpoint (the same `svix-id` for each, and each retry). */
export interface WebhookMessage {
  id: string
  type: string
  body: string
}

interface Delivery {
  message: WebhookMessage
  /** Attempts made so far. */
  attempts: number
  timer?: NodeJS.Timeout
}

/** The deliveries of one endpoint. */
class EndpointQueue {
  readonly ready: Delivery[] = []
  readonly retrying = new Set<Delivery>()
  inFlight: Delivery | undefined
  /** Events dropped since the queue filled up, reported once it has room again. */
  dropped = 0

  constructor(readonly url: string) {}

  get size(): number {
    return this.ready.length + this.retrying.size + (this.inFlight ? 1 : 0)
  }
}

/** How long close() lets the deliveries already due finish before it aborts them. */
const CLOSE_GRACE_MS = 2000
const USER_AGENT = 'remix-clerk-local (webhooks; Standard Webhooks)'

export class WebhookDispatcher {
  private readonly queues = new Map<string, EndpointQueue>()
  private readonly signer: Webhook
  private readonly aborts = new AbortController()
  private idleWaiters: Array<() => void> = []
  private closed = false

  constructor(
    signingSecret: string,
    private readonly settings: WebhookSettings,
  ) {
    this.signer = new Webhook(signingSecret)
    for (const url of settings.endpoints) this.queues.set(url, new EndpointQueue(url))
  }

  get endpoints(): string[] {
    return [...this.queues.keys()]
  }

  get hasEndpoints(): boolean {
    return this.queues.size > 0
  }

  addEndpoint(url: string): void {
    const endpoint = checkEndpoint(url)
    if (this.queues.has(endpoint)) return
    if (this.queues.size >= MAX_ENDPOINTS) {
      throw new LocalClerkError(
        'REMIX_CLERK_LOCAL_TOO_MANY_WEBHOOK_ENDPOINTS',
        `remix-clerk-local: at most ${MAX_ENDPOINTS} webhook endpoints.`,
      )
    }
    this.queues.set(endpoint, new EndpointQueue(endpoint))
  }

  /** Stops delivering to `url`; what was waiting for it is dropped. */
  removeEndpoint(url: string): boolean {
    const queue = this.queues.get(checkEndpoint(url))
    if (!queue) return false
    this.queues.delete(queue.url)
    for (const delivery of queue.retrying) clearTimeout(delivery.timer)
    queue.ready.length = 0
    queue.retrying.clear()
    this.notifyIfIdle()
    return true
  }

  /** Queues the message for every endpoint; returns at once. */
  send(message: WebhookMessage): void {
    if (this.closed) return
    for (const queue of this.queues.values()) {
      if (queue.size >= this.settings.queueLimit) {
        if (queue.dropped++ === 0) {
          this.log(
            `${describeDelivery(message, queue)}: dropped, ${this.settings.queueLimit} deliveries are waiting already; dropping events for it until they are done`,
            true,
          )
        }
        continue
      }
      if (queue.dropped > 0) {
        this.log(
          `remix-clerk-local: webhooks → ${urlForLog(queue.url)}: ${queue.dropped} events were dropped while its queue was full`,
          true,
        )
        queue.dropped = 0
      }
      queue.ready.push({ message, attempts: 0 })
      this.pump(queue)
    }
  }

  /** Resolves once nothing is waiting or in flight: every event so far delivered or given up. */
  settled(): Promise<void> {
    if (this.isIdle()) return Promise.resolve()
    return new Promise((resolve) => this.idleWaiters.push(resolve))
  }

  /**
   * Takes no more events, cancels the retries, gives the deliveries already due up to two seconds to be made, then
   * aborts what is left; the log says what was not delivered.
   */
  async close(): Promise<void> {
    if (this.closed) return
    this.closed = true
    let undelivered = 0
    for (const queue of this.queues.values()) {
      for (const delivery of queue.retrying) clearTimeout(delivery.timer)
      undelivered += queue.retrying.size
      queue.retrying.clear()
    }
    let timer: NodeJS.Timeout | undefined
    const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, CLOSE_GRACE_MS)))
    await Promise.race([this.settled(), grace])
    clearTimeout(timer)
    for (const queue of this.queues.values()) {
      undelivered += queue.ready.length
      queue.ready.length = 0
    }
    if (undelivered > 0) this.log(`remix-clerk-local: webhooks: ${undelivered} deliveries not made before close`, true)
    // What is still in flight fails at once, and logs its own line.
    this.aborts.abort()
    await this.settled()
  }

  private pump(queue: EndpointQueue): void {
    if (queue.inFlight || this.queues.get(queue.url) !== queue) return
    const next = queue.ready.shift()
    if (!next) return this.notifyIfIdle()
    queue.inFlight = next
    void this.attempt(queue, next).finally(() => {
      queue.inFlight = undefined
      this.pump(queue)
    })
  }

  private async attempt(queue: EndpointQueue, delivery: Delivery): Promise<void> {
    delivery.attempts++
    const { message } = delivery
    const sentAt = new Date()
    const started = performance.now()
    let failure: string
    // A timer of our own rather than AbortSignal.timeout() inside AbortSignal.any(): Node can collect such a timeout
    // signal before it fires (nodejs/node#57736), and the attempt then waited for an answer forever. The timer holds
    // its controller until it fires or is cleared.
    const deadline = new AbortController()
    const timer = setTimeout(
      () => deadline.abort(new DOMException('The webhook endpoint did not answer in time.', 'TimeoutError')),
      this.settings.timeout,
    )
    try {
      const response = await fetch(queue.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': USER_AGENT,
          'svix-id': message.id,
          'svix-timestamp': String(Math.floor(sentAt.getTime() / 1000)),
          // Signed at each attempt, as Svix does: the timestamp is the attempt's, so retries stay within tolerance.
          'svix-signature': this.signer.sign(message.id, sentAt, message.body),
        },
        body: message.body,
        // A redirect is an answer like any other non-2xx: never followed, so a delivery goes only where it was told.
        redirect: 'manual',
        signal: AbortSignal.any([deadline.signal, this.aborts.signal]),
      })
      // The answer's body is not read: an endpoint cannot make the backend hold or buffer anything.
      await response.body?.cancel().catch(() => undefined)
      const took = `${Math.round(performance.now() - started)} ms`
      if (response.ok) {
        this.log(`${describeDelivery(message, queue)}: ${response.status} in ${took}`, false)
        return
      }
      failure = `${response.status} in ${took}`
    } catch (error) {
      failure = describeFailure(error, this.settings.timeout, this.aborts.signal.aborted)
    } finally {
      clearTimeout(timer)
    }
    this.retryOrGiveUp(queue, delivery, failure)
  }

  private retryOrGiveUp(queue: EndpointQueue, delivery: Delivery, failure: string): void {
    const total = this.settings.retryDelays.length + 1
    const where = `${describeDelivery(delivery.message, queue)}: ${failure} (attempt ${delivery.attempts} of ${total})`
    const delay = this.settings.retryDelays[delivery.attempts - 1]
    if (delay === undefined || this.closed || this.queues.get(queue.url) !== queue) {
      this.log(`${where}; giving up`, true)
      return
    }
    this.log(`${where}; retrying in ${formatDelay(delay)}`, true)
    queue.retrying.add(delivery)
    delivery.timer = setTimeout(() => {
      queue.retrying.delete(delivery)
      queue.ready.push(delivery)
      this.pump(queue)
    }, delay)
    // A retry alone does not keep a process alive (a script that forgot close() still exits).
    delivery.timer.unref()
  }

  private isIdle(): boolean {
    for (const queue of this.queues.values()) if (queue.size > 0) return false
    return true
  }

  private notifyIfIdle(): void {
    if (this.idleWaiters.length === 0 || !this.isIdle()) return
    const waiters = this.idleWaiters
    this.idleWaiters = []
    for (const resolve of waiters) resolve()
  }

  private log(line: string, failed: boolean): void {
    try {
      this.settings.log(line, failed)
    } catch {
      // A logger that throws must not stop deliveries.
    }
  }
}

const describeDelivery = (message: WebhookMessage, queue: EndpointQueue) =>
  `remix-clerk-local: webhook ${message.type} ${message.id} → ${urlForLog(queue.url)}`

function describeFailure(error: unknown, timeout: number, closing: boolean): string {
  if (closing) return 'aborted by close()'
  const name = (error as { name?: string }).name
  if (name === 'TimeoutError') return `no answer within ${formatDelay(timeout)}`
  const code = (error as { cause?: { code?: string } }).cause?.code
  if (code === 'ECONNREFUSED') return 'connection refused'
  if (code !== undefined) return `network error ${code}`
  return `network error: ${(error as Error).message}`
}

const formatDelay = (ms: number) => (ms >= 1000 && ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`)
