// The auth objects of machine tokens, shaped as @clerk/backend 3's: an authenticated one per kind (API key, M2M
// token, OAuth access token) with the token's id, subject, scopes and what its kind adds (`userId`/`orgId` of an API
// key, `machineId` of an M2M token, `userId` and `clientId` of an OAuth token); the unauthenticated one of a kind
// with every field null; and the object of a token whose kind was not accepted at all (`tokenType: null`). `has()`
// is always false, as upstream's: roles and permissions belong to sessions.
import {
  createDebug,
  type AuthObject as SessionAuthObject,
  type AuthObjectDebug,
  type AuthObjectDebugData,
} from '../authObject.js'
import type { CheckAuthorization } from '../has.js'
import { TokenType, type MachineTokenData, type MachineTokenType } from '../../jwt/machineTokens.js'

type Claims = Record<string, unknown>

interface MachineFields<Authenticated extends boolean> {
  api_key: Authenticated extends true
    ? | { name: string; claims: Claims | null; userId: string; orgId: null }
      | { name: string; claims: Claims | null; userId: null; orgId: string }
    : { name: null; claims: null; userId: null; orgId: null }
  m2m_token: {
    claims: Authenticated extends true ? Claims | null : null
    machineId: Authenticated extends true ? string : null
  }
  oauth_token: {
    userId: Authenticated extends true ? string : null
    clientId: Authenticated extends true ? string : null
  }
}

/** A machine token that verified, of kind `T`. */
export type AuthenticatedMachineObject<T extends MachineTokenType = MachineTokenType> = T extends unknown
  ? {
      tokenType: T
      id: string
      subject: string
      scopes: string[]
      /** The token itself: a machine has no other token to hand out. */
      getToken: () => Promise<string>
      has: CheckAuthorization
      debug: AuthObjectDebug
      isAuthenticated: true
    } & MachineFields<true>[T]
  : never

/** No (valid) token of kind `T`. */
export type UnauthenticatedMachineObject<T extends MachineTokenType = MachineTokenType> = T extends unknown
  ? {
      tokenType: T
      id: null
      subject: null
      scopes: null
      getToken: () => Promise<null>
      has: CheckAuthorization
      debug: AuthObjectDebug
      isAuthenticated: false
    } & MachineFields<false>[T]
  : never

export type MachineAuthObject<T extends MachineTokenType = MachineTokenType> = T extends unknown
  ? AuthenticatedMachineObject<T> | UnauthenticatedMachineObject<T>
  : never

/** A token of a kind that the caller's list of accepted kinds does not name. */
export interface InvalidTokenAuthObject {
  tokenType: null
  isAuthenticated: false
  getToken: () => Promise<null>
  has: () => false
  debug: AuthObjectDebug
}

const never: CheckAuthorization = () => false
const noToken = () => Promise.resolve(null)

export function authenticatedMachineObject<T extends MachineTokenType>(
  data: MachineTokenData & { kind: T },
  token: string,
  debugData: AuthObjectDebugData,
): AuthenticatedMachineObject<T> {
  const base = {
    tokenType: data.kind,
    id: data.id,
    subject: data.subject,
    scopes: [...data.scopes],
    getToken: () => Promise.resolve(token),
    has: never,
    debug: createDebug({ ...debugData, tokenInHeader: token }),
    isAuthenticated: true as const,
  }
  switch (data.kind) {
    case TokenType.ApiKey:
      return {
        ...base,
        name: data.name ?? '',
        claims: data.claims,
        userId: data.subject.startsWith('user_') ? data.subject : null,
        orgId: data.subject.startsWith('org_') ? data.subject : null,
      } as unknown as AuthenticatedMachineObject<T>
    case TokenType.M2MToken:
      return { ...base, claims: data.claims, machineId: data.subject } as unknown as AuthenticatedMachineObject<T>
    default:
      return {
        ...base,
        userId: data.subject,
        clientId: data.clientId ?? '',
      } as unknown as AuthenticatedMachineObject<T>
  }
}

export function unauthenticatedMachineObject<T extends MachineTokenType>(
  kind: T,
  debugData: AuthObjectDebugData,
): UnauthenticatedMachineObject<T> {
  const base = {
    tokenType: kind,
    id: null,
    subject: null,
    scopes: null,
    getToken: noToken,
    has: never,
    debug: createDebug(debugData),
    isAuthenticated: false as const,
  }
  switch (kind) {
    case TokenType.ApiKey:
      return {
        ...base,
        name: null,
        claims: null,
        userId: null,
        orgId: null,
      } as unknown as UnauthenticatedMachineObject<T>
    case TokenType.M2MToken:
      return { ...base, claims: null, machineId: null } as unknown as UnauthenticatedMachineObject<T>
    default:
      return { ...base, userId: null, clientId: null } as unknown as UnauthenticatedMachineObject<T>
  }
}

export function invalidTokenAuthObject(debugData: AuthObjectDebugData): InvalidTokenAuthObject {
  return { tokenType: null, isAuthenticated: false, getToken: noToken, has: () => false, debug: createDebug(debugData) }
}

/** Every auth object: a session's (signed in or out), a machine token's of each kind, or a refused kind's. */
export type AnyAuthObject = SessionAuthObject | MachineAuthObject | InvalidTokenAuthObject

/**
 * The auth object `getAuth` returns for an `acceptsToken` value, as @clerk/backend 3 types it: the session's by
 * default, the kind's for one kind, the union of the listed kinds (or the refused kind's object) for a list, and
 * every kind for `'any'`.
 */
export type AuthObjectFor<Accepts> = [Accepts] extends [undefined]
  ? SessionAuthObject
  : Accepts extends 'any'
    ? AnyAuthObject
    : Accepts extends readonly (infer Kind)[]
      ? AuthObjectOfKinds<Kind & TokenTypeName> | InvalidTokenAuthObject
      : AuthObjectOfKinds<Accepts & TokenTypeName>

type TokenTypeName = 'session_token' | MachineTokenType

type AuthObjectOfKinds<Kind extends TokenTypeName> =
  | ('session_token' extends Kind ? SessionAuthObject : never)
  | (Exclude<Kind, 'session_token'> extends never ? never : MachineAuthObject<Exclude<Kind, 'session_token'>>)
