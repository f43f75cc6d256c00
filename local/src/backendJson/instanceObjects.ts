// The Backend API's JSON of the instance's own objects: tickets (sign-in and actor tokens), allowlist and blocklist
// identifiers, redirect URLs, domains, waitlist entries, and the instance's settings.
import type {
  AccessIdentifierRecord,
  DomainRecord,
  RedirectUrlRecord,
  TicketRecord,
  WaitlistEntryRecord,
} from '../store/instanceRecords.js'
import { ticketLink } from './ticketLink.js'

export function ticketJson(frontendApiUrl: string, ticket: TicketRecord) {
  return {
    object: ticket.kind,
    id: ticket.id,
    status: ticket.status,
    user_id: ticket.user_id,
    ...(ticket.kind === 'actor_token' ? { actor: ticket.actor } : {}),
    token: ticket.token,
    url: ticketLink(frontendApiUrl, ticket.token),
    created_at: ticket.created_at,
    updated_at: ticket.updated_at,
  }
}

export function accessIdentifierJson(instanceId: string, record: AccessIdentifierRecord) {
  return {
    object: record.list === 'allow' ? 'allowlist_identifier' : 'blocklist_identifier',
    id: record.id,
    identifier: record.identifier,
    // Clerk types a domain entry as an e-mail address identifier.
    identifier_type: record.identifier_type === 'domain' ? 'email_address' : record.identifier_type,
    instance_id: instanceId,
    ...(record.list === 'allow' ? { invitation_id: null } : {}),
    created_at: record.created_at,
    updated_at: record.updated_at,
  }
}

export const redirectUrlJson = (record: RedirectUrlRecord) => ({
  object: 'redirect_url',
  id: record.id,
  url: record.url,
  created_at: record.created_at,
  updated_at: record.updated_at,
})

export function domainJson(record: DomainRecord, frontendApiUrl: string) {
  return {
    object: 'domain',
    id: record.id,
    name: record.name,
    is_satellite: record.is_satellite,
    frontend_api_url: record.proxy_url ?? frontendApiUrl,
    accounts_portal_url: null,
    proxy_url: record.proxy_url,
    development_origin: '',
    cname_targets: [],
  }
}

export const waitlistEntryJson = (record: WaitlistEntryRecord) => ({
  object: 'waitlist_entry',
  id: record.id,
  email_address: record.email_address,
  status: record.status,
  is_locked: false,
  invitation: null,
  created_at: record.created_at,
  updated_at: record.updated_at,
})
