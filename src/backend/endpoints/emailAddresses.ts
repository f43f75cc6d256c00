// clerkClient.emailAddresses: a user's e-mail addresses, one by one.
import { defineApi } from '../defineApi.js'
import { DeletedObject } from '../resources/deletedObject.js'
import { EmailAddress } from '../resources/identifiers.js'

export interface CreateEmailAddressParams {
  userId: string
  emailAddress: string
  verified?: boolean
  primary?: boolean
}

export interface UpdateEmailAddressParams {
  verified?: boolean
  primary?: boolean
}

export interface EmailAddressAPI {
  getEmailAddress(emailAddressId: string): Promise<EmailAddress>
  createEmailAddress(params: CreateEmailAddressParams): Promise<EmailAddress>
  updateEmailAddress(emailAddressId: string, params?: UpdateEmailAddressParams): Promise<EmailAddress>
  deleteEmailAddress(emailAddressId: string): Promise<DeletedObject>
}

const EMAIL = '/email_addresses/{emailAddressId}'

export const emailAddresses = defineApi<EmailAddressAPI>('emailAddresses', 'EmailAddressAPI', {
  getEmailAddress: { method: 'GET', path: EMAIL, args: ['emailAddressId'], returns: EmailAddress },
  createEmailAddress: { method: 'POST', path: '/email_addresses', args: ['...params'], returns: EmailAddress },
  updateEmailAddress: { method: 'PATCH', path: EMAIL, args: ['emailAddressId', '...params?'], returns: EmailAddress },
  deleteEmailAddress: { method: 'DELETE', path: EMAIL, args: ['emailAddressId'], returns: DeletedObject },
})
