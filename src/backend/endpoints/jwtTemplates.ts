import type { BackendApi } from '../request'
import { DeletedObject } from '../resources/deletedObject'
import type { PaginatedResourceResponse } from '../resources/deserialize'
import { JwtTemplate } from '../resources/jwtTemplate'
import { pathSegment } from '../url'
import { asPage, type PaginationParams } from './pagination'

export interface CreateJwtTemplateParams {
  name: string
  /** Sent as written: claim names are not snake_cased. */
  claims: Record<string, unknown>
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

export class JwtTemplatesAPI {
  readonly #api: BackendApi

  constructor(api: BackendApi) {
    this.#api = api
  }

  async list(params: PaginationParams = {}): Promise<PaginatedResourceResponse<JwtTemplate[]>> {
    return asPage<JwtTemplate>(
      await this.#api.request({ method: 'GET', path: '/jwt_templates', query: { ...params, paginated: true } }),
    )
  }

  async get(templateId: string): Promise<JwtTemplate> {
    const id = pathSegment(templateId, 'jwtTemplates.get: templateId')
    return this.#api.request({ method: 'GET', path: `/jwt_templates/${id}`, expect: JwtTemplate })
  }

  async create(params: CreateJwtTemplateParams): Promise<JwtTemplate> {
    return this.#api.request({ method: 'POST', path: '/jwt_templates', body: params, expect: JwtTemplate })
  }

  async update(params: UpdateJwtTemplateParams): Promise<JwtTemplate> {
    const { templateId, ...body } = params
    const id = pathSegment(templateId, 'jwtTemplates.update: templateId')
    return this.#api.request({ method: 'PATCH', path: `/jwt_templates/${id}`, body, expect: JwtTemplate })
  }

  async delete(templateId: string): Promise<DeletedObject> {
    const id = pathSegment(templateId, 'jwtTemplates.delete: templateId')
    return this.#api.request({ method: 'DELETE', path: `/jwt_templates/${id}`, expect: DeletedObject })
  }
}
