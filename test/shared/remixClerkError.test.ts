// RemixClerkError and isRemixClerkError: the guard recognises remix-clerk's errors by code, including those of another
// copy of the package (no shared class), and nothing else: not remix-clerk-local's codes, not the client's errors.
import { describe, expect, it } from 'vitest'
import { ClerkClientError } from '../../src/backend/errors.js'
import { WebhookVerificationError } from '../../src/remix/verifyWebhook.js'
import { isRemixClerkError, RemixClerkError } from '../../src/shared/remixClerkError.js'

describe('RemixClerkError', () => {
  it('carries its code and message, and prints them (JSON, inspect) without anything else', () => {
    const error = new RemixClerkError('REMIX_CLERK_MISSING_SECRET_KEY', 'remix-clerk: missing Clerk secret key.')
    expect(error).toBeInstanceOf(Error)
    expect(error.name).toBe('RemixClerkError')
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      name: 'RemixClerkError',
      code: 'REMIX_CLERK_MISSING_SECRET_KEY',
      message: 'remix-clerk: missing Clerk secret key.',
    })
    expect(Object.keys(error)).toEqual(['code'])
  })

  it("WebhookVerificationError is one, with its reason's code", () => {
    const error = new WebhookVerificationError(
      'timestamp-out-of-range',
      'Unable to verify incoming webhook: Message timestamp too old',
    )
    expect(error.name).toBe('WebhookVerificationError')
    expect(isRemixClerkError(error, 'REMIX_CLERK_WEBHOOK_TIMESTAMP_OUT_OF_RANGE')).toBe(true)
    expect(JSON.parse(JSON.stringify(error))).toMatchObject({
      code: 'REMIX_CLERK_WEBHOOK_TIMESTAMP_OUT_OF_RANGE',
      reason: 'timestamp-out-of-range',
    })
  })
})

describe('isRemixClerkError', () => {
  const error = new RemixClerkError('REMIX_CLERK_INVALID_PROXY_URL', 'remix-clerk: proxyUrl …')

  it('recognises one, and one with a given code', () => {
    expect(isRemixClerkError(error)).toBe(true)
    expect(isRemixClerkError(error, 'REMIX_CLERK_INVALID_PROXY_URL')).toBe(true)
    expect(isRemixClerkError(error, 'REMIX_CLERK_MISSING_SECRET_KEY')).toBe(false)
  })

  it("recognises another copy's by shape", () => {
    const foreign = Object.assign(new Error('remix-clerk: …'), {
      name: 'RemixClerkError',
      code: 'REMIX_CLERK_MISSING_SECRET_KEY',
    })
    expect(isRemixClerkError(foreign, 'REMIX_CLERK_MISSING_SECRET_KEY')).toBe(true)
  })

  it.each([
    ['a plain Error', new Error('remix-clerk: missing Clerk secret key.')],
    ["remix-clerk-local's error", Object.assign(new Error('x'), { code: 'REMIX_CLERK_LOCAL_INVALID_OPTION' })],
    ["the client's error", new ClerkClientError('secret_key_missing', 'Missing Clerk secret key.')],
    ['a Node error', Object.assign(new Error('x'), { code: 'ENOENT' })],
    ['an object that is not an Error', { code: 'REMIX_CLERK_MISSING_SECRET_KEY', message: 'x' }],
    ['undefined', undefined],
  ])('refuses %s', (_name, value) => {
    expect(isRemixClerkError(value)).toBe(false)
  })
})
