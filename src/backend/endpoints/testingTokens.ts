// clerkClient.testingTokens: tokens that let end-to-end tests past bot protection.
import { defineApi } from '../defineApi.js'
import { TestingToken } from '../resources/authTokens.js'

export interface TestingTokenAPI {
  createTestingToken(): Promise<TestingToken>
}

export const testingTokens = defineApi<TestingTokenAPI>('testingTokens', 'TestingTokenAPI', {
  createTestingToken: { method: 'POST', path: '/testing_tokens', args: [], returns: TestingToken },
})
