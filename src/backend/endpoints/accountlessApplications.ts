// clerkClient.__experimental_accountlessApplications: keys for an app before it has a Clerk account (keyless
// mode). No secret key is needed; the headers of the app's request may be forwarded.
import { defineApi } from '../defineApi.js'
import { AccountlessApplication } from '../resources/accountlessApplication.js'

export interface AccountlessApplicationParams {
  requestHeaders?: Headers
  source?: string
}

export interface AccountlessApplicationAPI {
  createAccountlessApplication(params?: AccountlessApplicationParams): Promise<AccountlessApplication>
  completeAccountlessApplicationOnboarding(params?: AccountlessApplicationParams): Promise<AccountlessApplication>
}

export const accountlessApplications = defineApi<AccountlessApplicationAPI>(
  '__experimental_accountlessApplications',
  'AccountlessApplicationAPI',
  {
    createAccountlessApplication: {
      method: 'POST',
      path: '/accountless_applications',
      args: ['...params?'],
      send: 'query',
      returns: AccountlessApplication,
      note: '`requestHeaders` are sent as the request headers.',
      run: ({ send }, params) =>
        send([{ source: params?.source }], headersOf(params)) as Promise<AccountlessApplication>,
    },
    completeAccountlessApplicationOnboarding: {
      method: 'POST',
      path: '/accountless_applications/complete',
      args: ['...params?'],
      send: 'query',
      returns: AccountlessApplication,
      note: '`requestHeaders` are sent as the request headers.',
      run: ({ send }, params) =>
        send([{ source: params?.source }], headersOf(params)) as Promise<AccountlessApplication>,
    },
  },
  { auth: 'optional' },
)

function headersOf(params: AccountlessApplicationParams | undefined): { headers?: Record<string, string> } {
  return params?.requestHeaders ? { headers: Object.fromEntries(params.requestHeaders.entries()) } : {}
}
