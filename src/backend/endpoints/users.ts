import type { BackendApi } from '../request'
import { DeletedObject } from '../resources/deletedObject'
import type { PaginatedResourceResponse } from '../resources/deserialize'
import { User } from '../resources/user'
import { pathSegment } from '../url'
import { asPage, type PaginationParams } from './pagination'

export interface UserCountParams {
  emailAddress?: string[]
  phoneNumber?: string[]
  username?: string[]
  web3Wallet?: string[]
  query?: string
  userId?: string[]
  externalId?: string[]
  organizationId?: string[]
}

type UserOrderField =
  | 'created_at'
  | 'updated_at'
  | 'email_address'
  | 'web3wallet'
  | 'first_name'
  | 'last_name'
  | 'phone_number'
  | 'username'
  | 'last_active_at'
  | 'last_sign_in_at'

export interface UserListParams extends UserCountParams, PaginationParams {
  /** A field, optionally prefixed with `+` or `-` (descending). Default `-created_at`. */
  orderBy?: UserOrderField | `+${UserOrderField}` | `-${UserOrderField}`
  lastActiveAtBefore?: number
  lastActiveAtAfter?: number
  createdAtBefore?: number
  createdAtAfter?: number
  lastSignInAtBefore?: number
  lastSignInAtAfter?: number
}

export interface CreateUserParams {
  externalId?: string
  emailAddress?: string[]
  phoneNumber?: string[]
  username?: string
  password?: string
  firstName?: string
  lastName?: string
  locale?: string
  skipPasswordChecks?: boolean
  skipPasswordRequirement?: boolean
  skipLegalChecks?: boolean
  legalAcceptedAt?: Date
  createdAt?: Date
  publicMetadata?: Record<string, unknown>
  privateMetadata?: Record<string, unknown>
  unsafeMetadata?: Record<string, unknown>
}

export class UserAPI {
  readonly #api: BackendApi

  constructor(api: BackendApi) {
    this.#api = api
  }

  async getUser(userId: string): Promise<User> {
    const id = pathSegment(userId, 'users.getUser: userId')
    return this.#api.request({ method: 'GET', path: `/users/${id}`, expect: User })
  }

  /** Two requests in parallel, like @clerk/backend: the page, and the count of all matching users. */
  async getUserList(params: UserListParams = {}): Promise<PaginatedResourceResponse<User[]>> {
    const { limit: _limit, offset: _offset, orderBy: _orderBy, ...countParams } = params
    const [list, totalCount] = await Promise.all([
      this.#api.request({ method: 'GET', path: '/users', query: params }),
      this.getCount(countParams),
    ])
    return { data: asPage<User>(list).data, totalCount }
  }

  async getCount(params: UserCountParams = {}): Promise<number> {
    return this.#api.request({ method: 'GET', path: '/users/count', query: params })
  }

  async createUser(params: CreateUserParams): Promise<User> {
    return this.#api.request({ method: 'POST', path: '/users', body: params, expect: User })
  }

  /** Answers what was deleted (`{ object: 'user', id, deleted: true }`). */
  async deleteUser(userId: string): Promise<DeletedObject> {
    const id = pathSegment(userId, 'users.deleteUser: userId')
    return this.#api.request({ method: 'DELETE', path: `/users/${id}`, expect: DeletedObject })
  }
}
