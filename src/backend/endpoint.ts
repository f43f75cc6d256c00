// How a Backend API endpoint is declared: one row of data per client method (verb, path, how the arguments reach
// the path, the query and the body, what comes back), as Stripe's Node SDK declares its resource methods. The
// methods themselves are generated from these rows (defineApi.ts), and so is the method list in docs/api-client.md.
import type { ApiRequest, BackendApi } from './request.js'

type HttpMethod = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE'

/** A class the result is an instance of (the check that catches a server answering with another object). */
export type ResourceClass = abstract new (...args: never[]) => unknown

/**
 * What a method resolves to: an instance of a resource class; `{ page }`, a `{ data, totalCount }` page of them;
 * `{ array }`, a bare array; or, for values that are not resources, a short description for the docs
 * (`'void'`, `'number'`, `'{ verified: true }'`).
 */
export type Returns = ResourceClass | { page: ResourceClass | string } | { array: ResourceClass | string } | string

/**
 * One endpoint. `args` names the method's parameters in order:
 * - `name`: a value; it fills `{name}` in the path, or else is sent under that name (`token` → `"token"`).
 * - `...name`: an object whose keys are spread: those named in the path fill it, the others are sent.
 * - `name[]`: an array sent as the JSON body, each item's keys snake_cased.
 * A trailing `?` marks a parameter that may be left out.
 *
 * What is sent goes to the query for GET and DELETE, else to the body (`send` overrides); keys are snake_cased,
 * the top level only unless `deep` is set, as @clerk/backend does. Values left out are left out.
 */
export interface EndpointBase {
  method: HttpMethod
  /**
   * Below `/v1` (the API origin for versionless groups); `{name}` segments are filled from the arguments, and a
   * `{/name}` segment is left out with its slash when the argument is.
   */
  path: string
  /** `form`: multipart/form-data fields (files), snake_cased names. */
  send?: 'query' | 'body' | 'form'
  /** Keys sent in the query although the rest goes to the body. */
  query?: readonly string[]
  /** Query parameters every call sends, after the caller's (`paginated: true`). */
  fixedQuery?: Readonly<Record<string, string | boolean>>
  /** Values sent when the caller leaves the key out (upstream's defaults). */
  defaults?: Readonly<Record<string, unknown>>
  /** The parameters used when the caller passes none at all. */
  whenOmitted?: Readonly<Record<string, unknown>>
  /** Keys that must be present and not blank, checked before any request. */
  required?: readonly string[]
  /** Snake-case nested keys too. */
  deep?: boolean
  returns: Returns
  /** A sentence for the docs when the method does more than one plain request. */
  note?: string
}

/** What a hand-written method body (`run`) is given: the group, to call other methods, and this endpoint's request. */
export interface RunContext<T> {
  readonly group: T
  readonly api: BackendApi
  /** Sends this endpoint's request built from these arguments, as the generated method would, and resolves to the result. */
  send(args: readonly unknown[], extra?: Partial<ApiRequest>): Promise<unknown>
  /** The request this endpoint's generated method would send for these arguments (arguments checked). */
  build(args: readonly unknown[]): ApiRequest
}

/** One name per parameter of the method, in order. */
type ArgNames<F> = F extends (...args: infer P) => unknown ? { -readonly [I in keyof P]-?: string } : never

type Params<F> = F extends (...args: infer P) => unknown ? P : never
type Result<F> = F extends (...args: never[]) => infer R ? R : never

type Endpoint<T, F> = EndpointBase & {
  args: ArgNames<F>
  /** For methods that are more than one request, or that shape their arguments in a way a row cannot say. */
  run?: (context: RunContext<T>, ...args: Params<F>) => Result<F>
}

/** A row for every method of the API group's interface `T`, and no other. */
export type EndpointTable<T> = { [K in keyof T]-?: Endpoint<T, T[K]> }

export interface GroupOptions {
  /** Paths sit directly under the API origin (Clerk's `bapi-proxy` endpoints: API keys, M2M, OAuth tokens). */
  versionless?: boolean
  /**
   * `machine`: the Authorization bearer is the `machineSecretKey` parameter, else the `machineSecretKey` option,
   * else the secret key. `optional`: the secret key is sent when there is one (keyless applications).
   */
  auth?: 'machine' | 'optional'
}

/** A group of methods as a whole, for the client and the docs. */
export interface ApiGroup<T> {
  /** The client's property. */
  readonly name: string
  /** The type of its methods. */
  readonly className: string
  readonly options: GroupOptions
  readonly endpoints: EndpointTable<T>
  readonly create: (api: BackendApi) => T
}
