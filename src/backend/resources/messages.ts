// Messages Clerk sends: e-mails (also the transactional ones an app sends through `emails.create`) and SMS.
import type { Fields } from './fields.js'

export interface EmailJSON {
  object: 'email'
  id: string
  slug?: string | null
  from_email_name: string
  to_email_address?: string
  email_address_id: string | null
  user_id?: string | null
  subject?: string
  body?: string
  body_plain?: string | null
  status?: string
  data?: Record<string, unknown> | null
  delivered_by_clerk: boolean
  suppression_reason?: string | null
}

export interface SMSMessageJSON {
  object: 'sms_message'
  id: string
  from_phone_number: string
  to_phone_number: string
  phone_number_id: string | null
  user_id?: string
  message: string
  status: string
  slug?: string | null
  data?: Record<string, unknown> | null
  delivered_by_clerk: boolean
}

export class Email {
  declare readonly id: string
  declare readonly fromEmailName: string
  declare readonly emailAddressId: string | null
  declare readonly toEmailAddress?: string | undefined
  declare readonly subject?: string | undefined
  declare readonly body?: string | undefined
  declare readonly bodyPlain?: string | null | undefined
  declare readonly status?: string | undefined
  declare readonly slug?: string | null | undefined
  declare readonly data?: Record<string, unknown> | null | undefined
  declare readonly deliveredByClerk?: boolean | undefined
  declare readonly userId?: string | null | undefined
  declare readonly suppressionReason?: string | null | undefined

  constructor(fields: Fields<Email>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: EmailJSON): Email {
    return new Email({
      id: data.id,
      fromEmailName: data.from_email_name,
      emailAddressId: data.email_address_id,
      toEmailAddress: data.to_email_address,
      subject: data.subject,
      body: data.body,
      bodyPlain: data.body_plain,
      status: data.status,
      slug: data.slug,
      data: data.data,
      deliveredByClerk: data.delivered_by_clerk,
      userId: data.user_id,
      suppressionReason: data.suppression_reason,
    })
  }
}

export class SMSMessage {
  declare readonly id: string
  declare readonly fromPhoneNumber: string
  declare readonly toPhoneNumber: string
  declare readonly message: string
  declare readonly status: string
  declare readonly phoneNumberId: string | null
  declare readonly data?: Record<string, unknown> | null | undefined

  constructor(fields: Fields<SMSMessage>) {
    Object.assign(this, fields)
  }

  static fromJSON(data: SMSMessageJSON): SMSMessage {
    return new SMSMessage({
      id: data.id,
      fromPhoneNumber: data.from_phone_number,
      toPhoneNumber: data.to_phone_number,
      message: data.message,
      status: data.status,
      phoneNumberId: data.phone_number_id,
      data: data.data,
    })
  }
}
