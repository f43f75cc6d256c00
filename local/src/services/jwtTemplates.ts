// JWT template rules (fields, reserved claims, signing keys), one implementation for the Backend API and seeds.
import type { Core } from '../core/core.js'
import {
  type ClerkErrorEntry,
  clerkError,
  identifierExists,
  notFound,
  paramFormatInvalid,
  paramMissing,
  paramValueInvalid,
  unprocessable,
} from '../shared/errors.js'
import { newId } from '../shared/ids.js'
import type { TemplateRecord } from '../store/templateStore.js'
import { ClaimsSyntaxError, compileClaims } from '../templates/compile.js'
import { findReservedClaim } from '../templates/reserved.js'
import {
  TEMPLATE_ALGORITHMS,
  type TemplateAlgorithm,
  isTemplateAlgorithm,
  signingKeyProblem,
} from '../tokens/signingKeys.js'
import { f, parseFields } from '../validation/schema.js'

const DEFAULT_LIFETIME = 60
const DEFAULT_CLOCK_SKEW = 5

const templateFields = () => ({
  name: f.string({
    minLength: 1,
    maxLength: 256,
    // The name is a URL path segment when minting (`/sessions/{id}/tokens/{name}`).
    pattern: /^[^/\s](?:[^/]*[^/\s])?$/,
    patternHint: 'must not contain "/" or start or end with whitespace.',
  }),
  claims: f.object(),
  lifetime: f.nullableInteger(30, 315_360_000),
  allowed_clock_skew: f.nullableInteger(0, 300),
  custom_signing_key: f.boolean(),
  signing_algorithm: f.nullableString(),
  signing_key: f.nullableString(),
})

const CREATE_TEMPLATE_FIELDS = {
  ...templateFields(),
  name: templateFields().name.required(),
  claims: templateFields().claims.required(),
}

/** PATCH: every field optional; what is left out keeps its current value. */
const UPDATE_TEMPLATE_FIELDS = templateFields()

export function createTemplate(core: Core, input: unknown): TemplateRecord {
  const body = parseFields(input, CREATE_TEMPLATE_FIELDS)
  const now = core.now()
  const template = resolveTemplate(core, body, undefined, {
    id: newId('jtmp'),
    version: 1,
    created_at: now,
    updated_at: now,
  })
  core.store.templates.insert(template)
  return template
}

export function updateTemplate(core: Core, templateId: string, input: unknown): TemplateRecord {
  const existing = getTemplate(core, templateId)
  const body = parseFields(input, UPDATE_TEMPLATE_FIELDS)
  const template = resolveTemplate(core, body, existing, {
    id: existing.id,
    version: existing.version + 1,
    created_at: existing.created_at,
    updated_at: core.now(),
  })
  core.store.templates.update(template)
  return template
}

export function getTemplate(core: Core, templateId: string): TemplateRecord {
  const template = core.store.templates.get(templateId)
  if (!template) throw notFound('JWT template not found', `No JWT template exists with id: ${templateId}`)
  return template
}

export function deleteTemplate(core: Core, templateId: string): void {
  if (!core.store.templates.delete(templateId)) {
    throw notFound('JWT template not found', `No JWT template exists with id: ${templateId}`)
  }
}

type TemplateBody = ReturnType<typeof parseFields<ReturnType<typeof templateFields>>>

function resolveTemplate(
  core: Core,
  body: TemplateBody,
  existing: TemplateRecord | undefined,
  identity: Pick<TemplateRecord, 'id' | 'version' | 'created_at' | 'updated_at'>,
): TemplateRecord {
  const name = body.name ?? existing!.name
  const claims = body.claims ?? existing!.claims
  checkClaims(claims)
  const other = core.store.templates.getByName(name)
  if (other && other.id !== identity.id) {
    throw unprocessable(
      identifierExists(
        'name',
        `A JWT template named ${JSON.stringify(name)} already exists; names select the template when minting, so they must be unique.`,
      ),
    )
  }
  const signing = resolveSigning(body, existing)
  return {
    ...identity,
    name,
    claims,
    lifetime:
      body.lifetime === undefined ? (existing?.lifetime ?? DEFAULT_LIFETIME) : (body.lifetime ?? DEFAULT_LIFETIME),
    allowed_clock_skew:
      body.allowed_clock_skew === undefined
        ? (existing?.allowed_clock_skew ?? DEFAULT_CLOCK_SKEW)
        : (body.allowed_clock_skew ?? DEFAULT_CLOCK_SKEW),
    signing_algorithm: signing?.algorithm ?? null,
    signing_key: signing?.key ?? null,
  }
}

/** Reserved claims are a 400 (Clerk's `jwt_template_reserved_claim`); shortcode syntax errors a 422 naming the claim. */
function checkClaims(claims: Record<string, unknown>): void {
  const reserved = findReservedClaim(claims)
  if (reserved) {
    throw clerkError(
      400,
      'jwt_template_reserved_claim',
      'reserved claim used',
      `You can't use the reserved claim: '${reserved}'`,
      {
        param_name: 'claims',
        claim: reserved,
      },
    )
  }
  try {
    compileClaims(claims)
  } catch (error) {
    if (!(error instanceof ClaimsSyntaxError)) throw error
    throw unprocessable(
      ...error.problems.map((problem): ClerkErrorEntry => ({
        ...paramFormatInvalid('claims', `has an invalid shortcode at claims.${problem.path}: ${problem.reason}.`),
        meta: { param_name: 'claims', claim_path: problem.path },
      })),
    )
  }
}

function resolveSigning(
  body: TemplateBody,
  existing: TemplateRecord | undefined,
): { algorithm: TemplateAlgorithm; key: string } | undefined {
  const custom = body.custom_signing_key ?? (existing ? existing.signing_algorithm !== null : false)
  if (!custom) {
    // The SDK may echo the default algorithm back; anything else hints at a forgotten custom_signing_key flag.
    if (body.signing_key != null || (body.signing_algorithm != null && body.signing_algorithm !== 'RS256')) {
      throw unprocessable(
        paramValueInvalid(
          body.signing_key != null ? 'signing_key' : 'signing_algorithm',
          'is only used with custom_signing_key: true.',
        ),
      )
    }
    return undefined
  }
  const algorithm = body.signing_algorithm ?? existing?.signing_algorithm ?? undefined
  if (algorithm === undefined) throw unprocessable(paramMissing('signing_algorithm'))
  if (!isTemplateAlgorithm(algorithm)) {
    throw unprocessable(paramValueInvalid('signing_algorithm', `must be one of ${TEMPLATE_ALGORITHMS.join(', ')}.`))
  }
  const key = body.signing_key ?? (existing?.signing_algorithm === algorithm ? existing.signing_key : null)
  if (key === null) throw unprocessable(paramMissing('signing_key'))
  const problem = signingKeyProblem(algorithm, key)
  if (problem) throw unprocessable(paramValueInvalid('signing_key', problem))
  return { algorithm, key }
}
