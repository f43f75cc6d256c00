// From Backend API JSON to resource classes, dispatched on each object's `object` field.
import { Cookies, type CookiesJSON } from './cookies'
import { DeletedObject, type DeletedObjectJSON } from './deletedObject'
import { EmailAddress, PhoneNumber, type EmailAddressJSON, type PhoneNumberJSON } from './identifiers'
import { JwtTemplate, type JwtTemplateJSON } from './jwtTemplate'
import {
  Organization,
  OrganizationMembership,
  type OrganizationJSON,
  type OrganizationMembershipJSON,
} from './organization'
import { Session, type SessionJSON } from './session'
import { Token, type TokenJSON } from './token'
import { User, type UserJSON } from './user'

export interface PaginatedResourceResponse<T> {
  data: T
  totalCount: number
}

/** Arrays map item by item; `{ data, total_count }` becomes `{ data, totalCount }`. */
export function deserialize(payload: unknown): unknown {
  if (Array.isArray(payload)) return payload.map(toResource)
  if (isPage(payload)) return { data: payload.data.map(toResource), totalCount: payload.total_count }
  return toResource(payload)
}

function isPage(payload: unknown): payload is { data: unknown[]; total_count: number } {
  return !!payload && typeof payload === 'object' && Array.isArray((payload as { data?: unknown }).data)
}

// Objects this client has no class for come back as the JSON itself, like upstream does.
function toResource(item: unknown): unknown {
  if (!item || typeof item !== 'object') return item
  const json = item as { object?: unknown }
  if ('deleted' in json && 'object' in json) return DeletedObject.fromJSON(item as DeletedObjectJSON)
  switch (json.object) {
    case 'token':
      return Token.fromJSON(item as TokenJSON)
    case 'session':
      return Session.fromJSON(item as SessionJSON)
    case 'user':
      return User.fromJSON(item as UserJSON)
    case 'email_address':
      return EmailAddress.fromJSON(item as EmailAddressJSON)
    case 'phone_number':
      return PhoneNumber.fromJSON(item as PhoneNumberJSON)
    case 'jwt_template':
      return JwtTemplate.fromJSON(item as JwtTemplateJSON)
    case 'organization':
      return Organization.fromJSON(item as OrganizationJSON)
    case 'organization_membership':
      return OrganizationMembership.fromJSON(item as OrganizationMembershipJSON)
    case 'cookies':
      return Cookies.fromJSON(item as CookiesJSON)
    case 'total_count':
      return (item as { total_count: number }).total_count
    default:
      return item
  }
}
