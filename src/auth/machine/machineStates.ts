// The request states of a token in `Authorization` that is not (only) a session's, where `acceptsToken` lets machine
// tokens in: signed in with a machine token of a kind, signed out for a kind (its unauthenticated auth object, with
// the reason), or refused because its kind is not in the accepted list (`tokenType: null`). As @clerk/backend 3's.
import type { AuthObjectDebugData } from '../authObject.js'
import { AuthErrorReason, withStatusHeaders, type BaseState, type StateFacts } from '../requestState.js'
import type { MachineTokenData, MachineTokenType } from '../../jwt/machineTokens.js'
import {
  authenticatedMachineObject,
  invalidTokenAuthObject,
  unauthenticatedMachineObject,
  type AuthenticatedMachineObject,
  type InvalidTokenAuthObject,
  type UnauthenticatedMachineObject,
} from './machineAuthObjects.js'

export interface MachineSignedInState extends BaseState {
  status: 'signed-in'
  reason: null
  message: null
  isSignedIn: true
  isAuthenticated: true
  tokenType: MachineTokenType
  token: string
  toAuth(): AuthenticatedMachineObject
}

export interface MachineSignedOutState extends BaseState {
  status: 'signed-out'
  reason: string
  message: string
  isSignedIn: false
  isAuthenticated: false
  /** The kind asked for (or, in a list, the kind the token is); null: a kind the list does not name. */
  tokenType: MachineTokenType | null
  headers: Headers
  token: null
  toAuth(): UnauthenticatedMachineObject | InvalidTokenAuthObject
}

export type MachineRequestState = MachineSignedInState | MachineSignedOutState

export function signedInWithMachineToken(
  facts: StateFacts,
  data: MachineTokenData,
  token: string,
  debugData: AuthObjectDebugData,
): MachineSignedInState {
  let auth: AuthenticatedMachineObject | undefined
  return {
    status: 'signed-in',
    reason: null,
    message: null,
    isSignedIn: true,
    isAuthenticated: true,
    ...facts,
    headers: undefined,
    tokenType: data.kind,
    token,
    toAuth: () => (auth ??= authenticatedMachineObject(data, token, debugData)),
  }
}

/** Signed out for `kind`; `null`: the token's kind is not one the caller accepts (the list's answer). */
export function signedOutForKind(
  facts: StateFacts,
  kind: MachineTokenType | null,
  reason: string,
  message: string,
  debugData: AuthObjectDebugData,
): MachineSignedOutState {
  let auth: UnauthenticatedMachineObject | InvalidTokenAuthObject | undefined
  const data = { ...debugData, status: 'signed-out', reason, message }
  return {
    status: 'signed-out',
    reason,
    message,
    isSignedIn: false,
    isAuthenticated: false,
    ...facts,
    headers: withStatusHeaders(undefined, 'signed-out', reason, message),
    tokenType: kind,
    token: null,
    toAuth: () => (auth ??= kind === null ? invalidTokenAuthObject(data) : unauthenticatedMachineObject(kind, data)),
  }
}

/** A token whose kind the accepted list does not name. */
export const refusedKind = (facts: StateFacts, debugData: AuthObjectDebugData): MachineSignedOutState =>
  signedOutForKind(facts, null, AuthErrorReason.TokenTypeMismatch, '', debugData)
