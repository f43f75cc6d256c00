// clerkClient.phoneNumbers: a user's phone numbers, one by one.
import { defineApi } from '../defineApi.js'
import { DeletedObject } from '../resources/deletedObject.js'
import { PhoneNumber } from '../resources/identifiers.js'

export interface CreatePhoneNumberParams {
  userId: string
  phoneNumber: string
  verified?: boolean
  primary?: boolean
  reservedForSecondFactor?: boolean
}

export interface UpdatePhoneNumberParams {
  verified?: boolean
  primary?: boolean
  reservedForSecondFactor?: boolean
}

export interface PhoneNumberAPI {
  getPhoneNumber(phoneNumberId: string): Promise<PhoneNumber>
  createPhoneNumber(params: CreatePhoneNumberParams): Promise<PhoneNumber>
  updatePhoneNumber(phoneNumberId: string, params?: UpdatePhoneNumberParams): Promise<PhoneNumber>
  deletePhoneNumber(phoneNumberId: string): Promise<DeletedObject>
}

const PHONE = '/phone_numbers/{phoneNumberId}'

export const phoneNumbers = defineApi<PhoneNumberAPI>('phoneNumbers', 'PhoneNumberAPI', {
  getPhoneNumber: { method: 'GET', path: PHONE, args: ['phoneNumberId'], returns: PhoneNumber },
  createPhoneNumber: { method: 'POST', path: '/phone_numbers', args: ['...params'], returns: PhoneNumber },
  updatePhoneNumber: { method: 'PATCH', path: PHONE, args: ['phoneNumberId', '...params?'], returns: PhoneNumber },
  deletePhoneNumber: { method: 'DELETE', path: PHONE, args: ['phoneNumberId'], returns: DeletedObject },
})
