// clerkClient.jwtTemplates: the templates session tokens can be minted from (`getToken({ template })`).
import { defineApi } from '../defineApi.js'
import { DeletedObject } from '../resources/deletedObject.js'
import type { PaginatedResourceResponse } from '../resources/deserialize.js'
import { JwtTemplate } from '../resources/jwtTemplate.js'
import type { PaginationParams } from './pagination.js'

export interface CreateJwtTemplateParams {
  name: string
  /** Sent as written: claim names are not snake_cased. */
  claims: object
  /** Seconds (30–315 360 000); null → 60. */
  lifetime?: number | null
  /** Seconds (0–300); null → 5. */
  allowedClockSkew?: number | null
  customSigningKey?: boolean
  signingAlgorithm?: string | null
  signingKey?: string | null
}

export interface UpdateJwtTemplateParams extends CreateJwtTemplateParams {
  templateId: string
}

export interface JwtTemplatesAPI {
  list(params?: PaginationParams): Promise<PaginatedResourceResponse<JwtTemplate[]>>
  get(templateId: string): Promise<JwtTemplate>
  create(params: CreateJwtTemplateParams): Promise<JwtTemplate>
  update(params: UpdateJwtTemplateParams): Promise<JwtTemplate>
  delete(templateId: string): Promise<DeletedObject>
}

const TEMPLATE = '/jwt_templates/{templateId}'

export const jwtTemplates = defineApi<JwtTemplatesAPI>('jwtTemplates', 'JwtTemplatesAPI', {
  list: {
    method: 'GET',
    path: '/jwt_templates',
    args: ['...params?'],
    fixedQuery: { paginated: true },
    returns: { page: JwtTemplate },
  },
  get: { method: 'GET', path: TEMPLATE, args: ['templateId'], returns: JwtTemplate },
  create: { method: 'POST', path: '/jwt_templates', args: ['...params'], returns: JwtTemplate },
  update: { method: 'PATCH', path: TEMPLATE, args: ['...params'], returns: JwtTemplate },
  delete: { method: 'DELETE', path: TEMPLATE, args: ['templateId'], returns: DeletedObject },
})
