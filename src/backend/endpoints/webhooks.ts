// clerkClient.webhooks: the Svix application Clerk delivers the instance's webhooks through.
import { defineApi } from '../defineApi.js'

export interface WebhooksSvixJSON {
  svix_url: string
}

export interface WebhookAPI {
  createSvixApp(): Promise<WebhooksSvixJSON>
  generateSvixAuthURL(): Promise<WebhooksSvixJSON>
  deleteSvixApp(): Promise<void>
}

export const webhooks = defineApi<WebhookAPI>('webhooks', 'WebhookAPI', {
  createSvixApp: { method: 'POST', path: '/webhooks/svix', args: [], returns: '{ svix_url }' },
  generateSvixAuthURL: { method: 'POST', path: '/webhooks/svix_url', args: [], returns: '{ svix_url }' },
  deleteSvixApp: { method: 'DELETE', path: '/webhooks/svix', args: [], returns: 'void' },
})
