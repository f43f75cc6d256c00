// Turns a table of endpoints into an API group: a class whose prototype has one method per row, built once per
// process when a client first reads the group. A method checks its arguments, fills the path, sends the rest to the
// query or the body, and resolves to the result: what each hand-written method of @clerk/backend does, without 190
// copies of it.
import type {
  ApiGroup,
  EndpointBase,
  EndpointTable,
  GroupOptions,
  ResourceClass,
  Returns,
  RunContext,
} from './endpoint.js'
import { ClerkClientError } from './errors.js'
import type { ApiRequest, BackendApi } from './request.js'
import { quote } from '../shared/quote.js'
import { formBody, pathSegment } from './url.js'
import { asPage } from './endpoints/pagination.js'

interface Argument {
  name: string
  kind: 'value' | 'spread' | 'array'
  optional: boolean
}

/** A row, parsed once: its arguments and its path as literal pieces and parameter names. */
interface Compiled {
  readonly where: string
  readonly endpoint: EndpointBase
  readonly args: readonly Argument[]
  readonly path: readonly (string | { param: string; optional: boolean })[]
  readonly pathParams: ReadonlySet<string>
  readonly group: GroupOptions
}

/**
 * `name` is the client's property (`users`), `className` the name instances show in `console.log` and stack traces
 * (`UserAPI`, the name of the group's interface). Nothing is built here: a group's class is built the first time a
 * client reads the group, and a row is parsed the first time its method is called, so that importing the package
 * (every app does, on every cold start) costs only the tables.
 */
export function defineApi<T>(
  name: string,
  className: string,
  endpoints: EndpointTable<T>,
  options: GroupOptions = {},
): ApiGroup<T> {
  let GroupClass: (new (api: BackendApi) => T) | undefined
  return {
    name,
    className,
    options,
    endpoints,
    create: (api) => new (GroupClass ??= groupClass<T>(name, className, endpoints, options))(api),
  }
}

/**
 * A class of its own per group (not a subclass: derived constructors cost more, and groups are created per call).
 * Its private field keeps the BackendApi out of sight; the generated methods reach it through `apiOf`.
 */
function groupClass<T>(
  name: string,
  className: string,
  endpoints: EndpointTable<T>,
  options: GroupOptions,
): new (api: BackendApi) => T {
  let apiOf!: (group: object) => BackendApi
  class GroupClass {
    readonly #api: BackendApi

    constructor(api: BackendApi) {
      this.#api = api
    }

    static {
      apiOf = (group) => (group as GroupClass).#api
    }
  }
  Object.defineProperty(GroupClass, 'name', { value: className })
  for (const [method, row] of Object.entries(endpoints) as [string, EndpointBase & { args: string[]; run?: Run }][]) {
    let compiled: Compiled | undefined
    const parsed = () => (compiled ??= compile(`${name}.${method}`, row, options))
    const { run } = row
    // Async, so that a bad argument rejects the returned promise rather than throwing at the call. The object
    // literal names the function after the method.
    const { [method]: generated } = run
      ? {
          async [method](this: object, ...args: unknown[]) {
            return run(context(this, apiOf(this), parsed()), ...args)
          },
        }
      : {
          async [method](this: object, ...args: unknown[]) {
            return invoke(apiOf(this), parsed(), build(parsed(), args))
          },
        }
    Object.defineProperty(GroupClass.prototype, method, { value: generated, writable: true, configurable: true })
  }
  return GroupClass as unknown as new (api: BackendApi) => T
}

type Run = (context: RunContext<unknown>, ...args: unknown[]) => Promise<unknown>

function context(group: object, api: BackendApi, compiled: Compiled): RunContext<unknown> {
  return {
    group,
    api,
    build: (args) => build(compiled, args),
    send: (args, extra) => invoke(api, compiled, { ...build(compiled, args), ...extra }),
  }
}

async function invoke(api: BackendApi, compiled: Compiled, request: ApiRequest): Promise<unknown> {
  const result = await api.request(request)
  const { returns } = compiled.endpoint
  return typeof returns === 'object' && 'page' in returns ? asPage(result) : result
}

function compile(where: string, endpoint: EndpointBase & { args: readonly string[] }, group: GroupOptions): Compiled {
  const args = endpoint.args.map((spec): Argument => {
    const match = /^(\.\.\.)?(\w+)(\[\])?(\?)?$/.exec(spec)
    if (!match) throw new Error(`${where}: bad argument ${quote(spec)}`)
    return { name: match[2]!, kind: match[1] ? 'spread' : match[3] ? 'array' : 'value', optional: !!match[4] }
  })
  // `{name}` is a segment; `{/name}` a segment that is left out, with its slash, when the value is (RFC 6570).
  const path = endpoint.path
    .split(/(\{\/?\w+\})/)
    .filter(Boolean)
    .map((piece) => {
      const match = /^\{(\/?)(\w+)\}$/.exec(piece)
      return match ? { param: match[2]!, optional: match[1] === '/' } : piece
    })
  const pathParams = new Set(path.flatMap((piece) => (typeof piece === 'string' ? [] : [piece.param])))
  return { where, endpoint, args, path, pathParams, group }
}

/** The request a call sends: arguments checked (ids before anything else), placed and named as upstream does. */
function build(compiled: Compiled, args: readonly unknown[]): ApiRequest {
  const { where, endpoint } = compiled
  // Without a prototype, a `__proto__` key of the caller's (parsed JSON) is a key like any other.
  const fields: Record<string, unknown> = Object.create(null)
  let items: unknown[] | undefined
  compiled.args.forEach((arg, index) => {
    const value = args[index]
    if (arg.kind === 'value') {
      fields[arg.name] = value
    } else if (arg.kind === 'array') {
      if (!Array.isArray(value)) throw invalid(where, arg.name, 'an array', value)
      items = value
    } else if (value === undefined || value === null) {
      if (!arg.optional) throw invalid(where, arg.name, 'an object', value)
      if (endpoint.whenOmitted) Object.assign(fields, endpoint.whenOmitted)
    } else {
      if (typeof value !== 'object' || Array.isArray(value)) throw invalid(where, arg.name, 'an object', value)
      Object.assign(fields, value)
    }
  })

  let path = ''
  for (const piece of compiled.path) {
    if (typeof piece === 'string') path += piece
    else if (!piece.optional) path += pathSegment(fields[piece.param], `${where}: ${piece.param}`)
    else if (fields[piece.param] !== undefined && fields[piece.param] !== null && fields[piece.param] !== '') {
      path += `/${pathSegment(fields[piece.param], `${where}: ${piece.param}`)}`
    }
  }
  for (const key of endpoint.required ?? []) {
    const value = fields[key]
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      throw new ClerkClientError('argument_invalid', `${where}: ${key} is required, got ${quote(value)}.`)
    }
  }

  const sent: Record<string, unknown> = Object.create(null)
  for (const key in fields) if (!compiled.pathParams.has(key)) sent[key] = fields[key]
  for (const key in endpoint.defaults) sent[key] ??= endpoint.defaults[key]

  const request: ApiRequest = { method: endpoint.method, path, expect: expected(endpoint.returns) }
  if (compiled.group.versionless) request.versionless = true
  if (compiled.group.auth === 'optional') request.keyless = true
  if (compiled.group.auth === 'machine') {
    request.machine = true
    if (sent.machineSecretKey) request.bearer = String(sent.machineSecretKey)
    delete sent.machineSecretKey
  }

  const query: Record<string, unknown> = Object.create(null)
  for (const key of endpoint.query ?? []) {
    query[key] = sent[key]
    delete sent[key]
  }
  const destination = endpoint.send ?? (endpoint.method === 'GET' || endpoint.method === 'DELETE' ? 'query' : 'body')
  if (destination === 'query') Object.assign(query, sent)
  else if (destination === 'form') request.form = formBody(checkedFormFields(where, sent))
  else request.body = items ?? sent
  if (endpoint.deep) request.deep = true
  request.query = endpoint.fixedQuery ? { ...query, ...endpoint.fixedQuery } : query
  return request
}

/** A file field must hold a file: a missing or wrong one would be sent as the text "undefined" or "[object Object]". */
function checkedFormFields(where: string, fields: Record<string, unknown>): Record<string, unknown> {
  if ('file' in fields && !(fields.file instanceof Blob)) throw invalid(where, 'file', 'a Blob or File', fields.file)
  return fields
}

function expected(returns: Returns): ResourceClass | undefined {
  return typeof returns === 'function' ? returns : undefined
}

function invalid(where: string, name: string, what: string, value: unknown): ClerkClientError {
  return new ClerkClientError('argument_invalid', `${where}: ${name} must be ${what}, got ${quote(value)}.`)
}
