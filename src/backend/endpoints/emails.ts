// clerkClient.emails (Clerk's internal, not yet public endpoint): transactional e-mails sent through Clerk.
import { ClerkAPIError, ClerkClientError, type ClerkAPIErrorJSON } from '../errors.js'
import { defineApi } from '../defineApi.js'
import { Email, type EmailJSON } from '../resources/messages.js'
import { quote } from '../../shared/quote.js'

export interface Mailbox {
  address: string
  name?: string
}

export type EmailRecipient = { address: string; userId?: never } | { userId: string; address?: never }

export type CreateEmailParams = {
  to: EmailRecipient
  from: Mailbox
  replyTo?: Mailbox
  subject: string
  cc?: string[]
  bcc?: string[]
  headers?: Record<string, string>
  attachments?: { filename: string; content: string }[]
} & ({ html: string; text?: string } | { html?: string; text: string })

export interface CreateEmailOptions {
  /** Letters, digits, `_` and `-`, at most 255: a retried send with the same key is sent once. */
  idempotencyKey?: string
}

export type CreateBatchEmailParams = CreateEmailParams & CreateEmailOptions

export type BatchEmailResult =
  | { index: number; email: Email; errors?: never; statusCode: number; retryAfterSeconds?: never }
  | { index: number; email?: never; errors: ClerkAPIError[]; statusCode: number; retryAfterSeconds?: number }

interface BatchEmailResultJSON {
  index: number
  email?: EmailJSON
  errors?: ClerkAPIErrorJSON[]
  status_code: number
  retry_after_seconds?: number
}

export interface EmailAPI {
  create(params: CreateEmailParams, options?: CreateEmailOptions): Promise<Email>
  /** 1 to 100 messages; each gets its own result, sent or failed. */
  createBatch(messages: CreateBatchEmailParams[]): Promise<BatchEmailResult[]>
  get(emailId: string): Promise<Email>
}

export const emails = defineApi<EmailAPI>('emails', 'EmailAPI', {
  create: {
    method: 'POST',
    path: '/email',
    args: ['params', 'options?'],
    returns: Email,
    note: '`options.idempotencyKey` is sent as the `Idempotency-Key` header.',
    run: ({ api, build }, params, options = {}) => {
      const { idempotencyKey } = options
      checkIdempotencyKey('emails.create', idempotencyKey)
      return api.request<Email>({
        ...build([]),
        body: emailBody(params),
        ...(idempotencyKey !== undefined ? { headers: { 'Idempotency-Key': idempotencyKey } } : {}),
      })
    },
  },
  createBatch: {
    method: 'POST',
    path: '/email/batch',
    args: ['messages[]'],
    returns: { array: 'BatchEmailResult' },
    async run({ api, build }, messages) {
      if (!Array.isArray(messages) || messages.length < 1 || messages.length > 100) {
        throw new ClerkClientError(
          'argument_invalid',
          `emails.createBatch: a batch holds 1 to 100 messages, got ${Array.isArray(messages) ? messages.length : quote(messages)}.`,
        )
      }
      for (const message of messages) checkIdempotencyKey('emails.createBatch', message.idempotencyKey)
      const body = {
        messages: messages.map(({ idempotencyKey, ...params }) => ({
          ...emailBody(params as CreateEmailParams),
          ...(idempotencyKey !== undefined ? { idempotency_key: idempotencyKey } : {}),
        })),
      }
      const results = await api.request<BatchEmailResultJSON[]>({ ...build([[]]), body, expect: undefined })
      return results.map((result): BatchEmailResult =>
        result.email
          ? { index: result.index, email: Email.fromJSON(result.email), statusCode: result.status_code }
          : {
              index: result.index,
              errors: (result.errors ?? []).map((error) => new ClerkAPIError(error)),
              statusCode: result.status_code,
              retryAfterSeconds: result.retry_after_seconds,
            },
      )
    },
  },
  get: { method: 'GET', path: '/email/{emailId}', args: ['emailId'], returns: Email },
})

/** The recipient's user id and the reply-to mailbox have wire names; the rest of the message is sent as given. */
function emailBody(params: CreateEmailParams): object {
  const { to, replyTo, ...rest } = params
  const { userId, ...recipient } = to ?? {}
  return {
    ...rest,
    to: { ...recipient, ...(userId !== undefined ? { user_id: userId } : {}) },
    ...(replyTo !== undefined ? { reply_to: replyTo } : {}),
  }
}

function checkIdempotencyKey(where: string, key: unknown): void {
  if (key !== undefined && (typeof key !== 'string' || !/^[a-zA-Z0-9_-]{1,255}$/.test(key))) {
    throw new ClerkClientError(
      'argument_invalid',
      `${where}: the idempotency key must be 1 to 255 ASCII letters, digits, underscores and hyphens, got ${quote(key)}.`,
    )
  }
}
