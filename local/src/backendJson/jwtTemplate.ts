// A JWT template as the Backend API returns it: the stored record minus its secret.
import type { TemplateRecord } from '../store/templateStore.js'

/** The signing key itself is never returned. */
export function templateJson(template: TemplateRecord) {
  return {
    object: 'jwt_template',
    id: template.id,
    name: template.name,
    claims: template.claims,
    lifetime: template.lifetime,
    allowed_clock_skew: template.allowed_clock_skew,
    custom_signing_key: template.signing_algorithm !== null,
    signing_algorithm: template.signing_algorithm ?? 'RS256',
    created_at: template.created_at,
    updated_at: template.updated_at,
  }
}
