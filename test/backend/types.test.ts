// The client's types against @clerk/backend's, checked by the compiler (`npm run typecheck`, and in `npm test` by
// test/crossCutting/typeTests.test.ts): every method upstream declares exists on ours, accepts every argument list
// upstream's accepts (so ported code compiles), and every resource class upstream exports has all of its public
// fields on ours. A difference fails type-checking with the group, method or class named in the error.
import type * as Official from '@clerk/backend'
import { describe, expectTypeOf, it } from 'vitest'
import type * as Ours from '../../src/api.server.js'

type OfficialClient = Official.ClerkClient
type OurClient = Ours.ClerkClient
type Groups = Exclude<keyof OfficialClient, 'telemetry' | 'authenticateRequest' | 'debugRequestState'>

/** Methods upstream declares that ours lacks, as `group.method`. */
type MissingMethods = {
  [G in Groups]: G extends keyof OurClient ? `${G}.${Exclude<keyof OfficialClient[G] & string, keyof OurClient[G]>}` : G
}[Groups]

type Fn = (...args: never[]) => unknown
type Args<F> = F extends (...args: infer P) => unknown ? P : never

/** Methods whose upstream argument list ours does not accept, as `group.method`. */
type NarrowerArguments = {
  [G in Groups & keyof OurClient]: {
    [M in keyof OfficialClient[G] & keyof OurClient[G] & string]: OfficialClient[G][M] extends Fn
      ? OurClient[G][M] extends Fn
        ? Args<OfficialClient[G][M]> extends Args<OurClient[G][M]>
          ? never
          : `${G}.${M}`
        : `${G}.${M}`
      : never
  }[keyof OfficialClient[G] & keyof OurClient[G] & string]
}[Groups & keyof OurClient]

/** Keys of an object parameter (of every member of a union), for the parameters both sides take as objects. */
type KeysOf<T> = T extends readonly unknown[] ? never : T extends object ? keyof T & string : never
type MissingKeys<A extends readonly unknown[], B extends readonly unknown[]> = {
  [I in keyof A]-?: I extends keyof B ? Exclude<KeysOf<NonNullable<A[I]>>, KeysOf<NonNullable<B[I]>>> : never
}[number]

/** Parameter keys upstream declares that ours does not, as `group.method: key`. */
type MissingParameterKeys = {
  [G in Groups & keyof OurClient]: {
    [M in keyof OfficialClient[G] & keyof OurClient[G] & string]: `${G}.${M}: ${MissingKeys<
      Args<OfficialClient[G][M]>,
      Args<OurClient[G][M]>
    >}`
  }[keyof OfficialClient[G] & keyof OurClient[G] & string]
}[Groups & keyof OurClient]

// The resource classes @clerk/backend exports, by name, and ours.
interface Resources {
  AgentTask: [Official.AgentTask, Ours.AgentTask]
  APIKey: [Official.APIKey, Ours.APIKey]
  ActorToken: [Official.ActorToken, Ours.ActorToken]
  AccountlessApplication: [Official.AccountlessApplication, Ours.AccountlessApplication]
  AllowlistIdentifier: [Official.AllowlistIdentifier, Ours.AllowlistIdentifier]
  BlocklistIdentifier: [Official.BlocklistIdentifier, Ours.BlocklistIdentifier]
  Client: [Official.Client, Ours.Client]
  CnameTarget: [Official.CnameTarget, Ours.CnameTarget]
  Domain: [Official.Domain, Ours.Domain]
  EmailAddress: [Official.EmailAddress, Ours.EmailAddress]
  EnterpriseConnection: [Official.EnterpriseConnection, Ours.EnterpriseConnection]
  EnterpriseConnectionCustomAttribute: [
    Official.EnterpriseConnectionCustomAttribute,
    Ours.EnterpriseConnectionCustomAttribute,
  ]
  EnterpriseConnectionOauthConfig: [Official.EnterpriseConnectionOauthConfig, Ours.EnterpriseConnectionOauthConfig]
  EnterpriseConnectionSamlConnection: [
    Official.EnterpriseConnectionSamlConnection,
    Ours.EnterpriseConnectionSamlConnection,
  ]
  EnterpriseConnectionSamlConnectionLoginHint: [
    Official.EnterpriseConnectionSamlConnectionLoginHint,
    Ours.EnterpriseConnectionSamlConnectionLoginHint,
  ]
  ExternalAccount: [Official.ExternalAccount, Ours.ExternalAccount]
  Feature: [Official.Feature, Ours.Feature]
  Instance: [Official.Instance, Ours.Instance]
  InstanceRestrictions: [Official.InstanceRestrictions, Ours.InstanceRestrictions]
  InstanceSettings: [Official.InstanceSettings, Ours.InstanceSettings]
  Invitation: [Official.Invitation, Ours.Invitation]
  JwtTemplate: [Official.JwtTemplate, Ours.JwtTemplate]
  Machine: [Official.Machine, Ours.Machine]
  M2MToken: [Official.M2MToken, Ours.M2MToken]
  OauthAccessToken: [Official.OauthAccessToken, Ours.OauthAccessToken]
  OAuthApplication: [Official.OAuthApplication, Ours.OAuthApplication]
  Organization: [Official.Organization, Ours.Organization]
  OrganizationDomain: [Official.OrganizationDomain, Ours.OrganizationDomain]
  OrganizationDomainVerification: [Official.OrganizationDomainVerification, Ours.OrganizationDomainVerification]
  OrganizationInvitation: [Official.OrganizationInvitation, Ours.OrganizationInvitation]
  OrganizationMembership: [Official.OrganizationMembership, Ours.OrganizationMembership]
  OrganizationMembershipPublicUserData: [
    Official.OrganizationMembershipPublicUserData,
    Ours.OrganizationMembershipPublicUserData,
  ]
  OrganizationSettings: [Official.OrganizationSettings, Ours.OrganizationSettings]
  PhoneNumber: [Official.PhoneNumber, Ours.PhoneNumber]
  SamlConnection: [Official.SamlConnection, Ours.SamlConnection]
  Session: [Official.Session, Ours.Session]
  SignInToken: [Official.SignInToken, Ours.SignInToken]
  SignUpAttempt: [Official.SignUpAttempt, Ours.SignUpAttempt]
  SMSMessage: [Official.SMSMessage, Ours.SMSMessage]
  Token: [Official.Token, Ours.Token]
  User: [Official.User, Ours.User]
  TestingToken: [Official.TestingToken, Ours.TestingToken]
  WaitlistEntry: [Official.WaitlistEntry, Ours.WaitlistEntry]
  BillingPlan: [Official.BillingPlan, Ours.BillingPlan]
  BillingSubscription: [Official.BillingSubscription, Ours.BillingSubscription]
  BillingSubscriptionItem: [Official.BillingSubscriptionItem, Ours.BillingSubscriptionItem]
}

/** Public fields of an upstream resource that ours lacks, as `Class.field`. */
type MissingFields = {
  [R in keyof Resources]: `${R}.${Exclude<keyof Resources[R][0] & string, keyof Resources[R][1]>}`
}[keyof Resources]

describe("the client's types are @clerk/backend's", () => {
  it('every method upstream declares exists on ours', () => {
    expectTypeOf<MissingMethods>().toEqualTypeOf<never>()
  })

  it('every argument list upstream accepts, ours accepts', () => {
    expectTypeOf<NarrowerArguments>().toEqualTypeOf<never>()
  })

  it('every parameter key upstream declares, ours declares', () => {
    expectTypeOf<MissingParameterKeys>().toEqualTypeOf<never>()
  })

  it('every public field of an upstream resource class exists on ours', () => {
    expectTypeOf<MissingFields>().toEqualTypeOf<never>()
  })

  it('the checks see something to compare (a missing method or field would show up)', () => {
    expectTypeOf<Exclude<keyof OfficialClient['users'] & string, 'getUser'>>().not.toEqualTypeOf<never>()
    expectTypeOf<`User.${Exclude<keyof Official.User & string, 'id'>}`>().not.toEqualTypeOf<never>()
  })

  // docs/differences.md#client-metadata-unknown: no global interfaces to augment; a metadata value is unknown.
  it('metadata is Record<string, unknown>', () => {
    expectTypeOf<Ours.User['publicMetadata']>().toEqualTypeOf<Record<string, unknown>>()
    expectTypeOf<Ours.User['privateMetadata']>().toEqualTypeOf<Record<string, unknown>>()
    expectTypeOf<Ours.User['unsafeMetadata']>().toEqualTypeOf<Record<string, unknown>>()
    expectTypeOf<Ours.Organization['publicMetadata']>().toEqualTypeOf<Record<string, unknown> | null>()
  })
})
