// Benchmark 6: what creating a Backend API client costs, since loaders create one per call. The baseline is the
// object literal of its options; the client must stay close to it however many endpoints it covers, so nothing may
// be built eagerly per method or per endpoint group.
import { createClerkClient as createOfficialClient } from '@clerk/backend'
import { createClerkClient } from 'remix-clerk/api.server'
import { compare } from './harness.mjs'
import { comparisonTable } from './report.mjs'

const SECRET_KEY = 'sk_test_benchmark'
const API_URL = 'http://127.0.0.1:9'

// Results land here so that the engine cannot drop the work as unused.
const sink = new Array(64)

function repeat(ops, make) {
  for (let i = 0; i < ops; i++) sink[i & 63] = make()
}

export const bench = {
  id: 6,
  title: 'createClerkClient(): the cost of a client per call',
  async run() {
    const results = await compare({
      arms: [
        {
          name: 'object literal { secretKey, apiUrl }',
          run: async (ops) => repeat(ops, () => ({ secretKey: SECRET_KEY, apiUrl: API_URL })),
        },
        {
          name: 'createClerkClient(options)',
          run: async (ops) => repeat(ops, () => createClerkClient({ secretKey: SECRET_KEY, apiUrl: API_URL })),
        },
        {
          name: 'createClerkClient(options).users (first use of a group)',
          run: async (ops) => repeat(ops, () => createClerkClient({ secretKey: SECRET_KEY, apiUrl: API_URL }).users),
        },
        {
          name: "@clerk/backend's createClerkClient(options)",
          run: async (ops) =>
            repeat(ops, () =>
              createOfficialClient({ secretKey: SECRET_KEY, apiUrl: API_URL, telemetry: { disabled: true } }),
            ),
        },
      ],
    })
    return {
      sections: [
        {
          heading: 'Creating a client, no request',
          text:
            'Each operation creates one client from an options literal (the baseline creates only the literal). No ' +
            'request is sent: the figure is the per-call overhead a loader pays before its first Backend API call.',
          table: comparisonTable({ results }),
        },
      ],
    }
  },
}
