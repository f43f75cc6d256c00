// Benchmark 7: whether the local backend keeps its speed as the instance grows. Two backends, each in its own
// process on its own SQLite file, one seeded with 1 000 users and 100 organizations, the other with 100 000 users
// and 10 000 organizations; every operation an app or a browser performs is timed against both in interleaved
// rounds, and the large instance must stay within 2× of the small one (indexes, no scans).
import { createLocalClerk } from 'remix-clerk-local'
import { createClerkClient } from 'remix-clerk/api.server'
import { compare, envInteger, processCpuMicros, summarize } from './harness.mjs'
import { startLocalBackend } from './localBackend.mjs'
import { comparisonTable, formatNumber, markdownTable } from './report.mjs'

// BENCH_SCALE_USERS=20000 tries a smaller large instance (organizations: a tenth of the users).
const LARGE_USERS = envInteger('BENCH_SCALE_USERS', 100_000)
const SIZES = [
  { users: 1_000, organizations: 100 },
  { users: LARGE_USERS, organizations: LARGE_USERS / 10 },
]
const MEMBERS_PER_ORGANIZATION = 10
/** Users sharing a family name: what `query` finds, the same number at every size. */
const FAMILY_SIZE = 10
const PAGE = 10
const TARGET = 2
/** Hashing a password costs ~50 ms (scrypt), so only these users get one; the others have none. */
const PASSWORD_USERS = 4
const PASSWORD = 'correct horse battery staple'
/** How many users and organizations the operations pick from, spread over the whole instance. */
const SAMPLE = 256
// What ClerkJS sends with every Frontend API call; the origin is one the local backend allows by default.
const FAPI_QUERY = '__clerk_api_version=2025-11-10&_clerk_js_version=5.128.0'
const APP_ORIGIN = 'http://localhost:3000'

const pad = (i) => String(i).padStart(6, '0')
const email = (i) => `member${pad(i)}@example.com`
const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Edsger', 'Barbara', 'Donald', 'Frances', 'Ken', 'Margaret', 'Tony']

/**
 * Family `f`'s name: eight letters drawn from `f`, as varied as real names, so that the three-letter pieces the
 * trigram index looks up are shared by few users. (Numbered names such as `Family000042` or `Company 004242` are the
 * worst case: each of their pieces is in a fixed share of all rows, so a lookup grows with the instance; measured at
 * this change, `Company 004242` took 3.8× as long among 10 000 organizations as among 100.)
 */
function familyName(f) {
  let x = f + 1
  let name = ''
  for (let k = 0; k < 8; k++) {
    // mulberry32's steps: every letter a well-mixed function of f.
    x = (x + 0x6d2b79f5) | 0
    let t = Math.imul(x ^ (x >>> 15), 1 | x)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    name += String.fromCharCode(97 + (((t ^ (t >>> 14)) >>> 0) % 26))
  }
  return name[0].toUpperCase() + name.slice(1)
}

const ORGANIZATION_KINDS = ['Labs', 'Works', 'Systems', 'Group', 'Partners']
/** Organization `o`'s distinctive word (what `query` looks for) and its kind, as in "Qwhtkzpa Labs". */
const organizationWord = (o) => familyName(1_000_000 + o)
const organizationName = (o) => `${organizationWord(o)} ${ORGANIZATION_KINDS[o % ORGANIZATION_KINDS.length]}`

/** The seed data of one size: every user in exactly one organization, ten members each. */
function seedData({ users, organizations }) {
  const passwordAt = new Set(
    Array.from({ length: PASSWORD_USERS }, (_, k) => Math.floor((k * (users - 1)) / (PASSWORD_USERS - 1))),
  )
  return {
    users: Array.from({ length: users }, (_, i) => ({
      email_address: email(i),
      username: `member_${pad(i)}`,
      first_name: FIRST_NAMES[i % FIRST_NAMES.length],
      last_name: familyName(Math.floor(i / FAMILY_SIZE)),
      public_metadata: { plan: i % 3 === 0 ? 'pro' : 'free' },
      ...(passwordAt.has(i) ? { password: PASSWORD } : {}),
    })),
    organizations: Array.from({ length: organizations }, (_, o) => ({
      name: organizationName(o),
      members: Array.from({ length: MEMBERS_PER_ORGANIZATION }, (_, m) => ({
        user: email((o * MEMBERS_PER_ORGANIZATION + m) % users),
        role: m === 0 ? 'org:admin' : 'org:member',
      })),
    })),
    passwordEmails: [...passwordAt].map(email),
  }
}

/** Seeds a fresh database file through the library's seed() (one transaction per call), timed. */
async function seedDatabase(dbPath, size) {
  const { passwordEmails, ...data } = seedData(size)
  const clerk = await createLocalClerk({ db: dbPath })
  try {
    const started = performance.now()
    const cpuStarted = processCpuMicros()
    const users = clerk.seed({ users: data.users }).users
    const usersMs = performance.now() - started
    const organizations = clerk.seed({ organizations: data.organizations }).organizations
    const totalMs = performance.now() - started
    const cpuMs = (processCpuMicros() - cpuStarted) / 1000
    const every = (list) => Array.from({ length: SAMPLE }, (_, k) => list[Math.floor((k * list.length) / SAMPLE)].id)
    return {
      usersMs,
      organizationsMs: totalMs - usersMs,
      cpuMs,
      userIds: every(users),
      organizationIds: every(organizations),
      passwordEmails,
    }
  } finally {
    await clerk.close()
  }
}

/** The operations, each a function of (backend, op index) → a promise that rejects unless the answer is right. */
function operations(size) {
  const families = size.users / FAMILY_SIZE
  return [
    {
      name: 'getUserList({ query, orderBy: "-created_at", limit: 10 })',
      run: ({ clerk }, i) =>
        expectCount(
          clerk.users.getUserList({ query: familyName((i * 7919) % families), orderBy: '-created_at', limit: PAGE }),
          FAMILY_SIZE,
        ),
    },
    {
      name: 'getUserList({ orderBy: "+last_name", limit: 10, offset }), first pages',
      run: ({ clerk }, i) =>
        expectCount(clerk.users.getUserList({ orderBy: '+last_name', limit: PAGE, offset: (i % 10) * PAGE }), PAGE),
    },
    {
      // Ordered by each user's primary address, a copy in the user's row (migration 8): an index walk, as above.
      name: 'getUserList({ orderBy: "+email_address", limit: 10, offset }), first pages',
      run: ({ clerk }, i) =>
        expectCount(clerk.users.getUserList({ orderBy: '+email_address', limit: PAGE, offset: (i % 10) * PAGE }), PAGE),
    },
    {
      name: 'getUserList({ orderBy: "-created_at", limit: 10, offset }), a deep page (the middle of the list)',
      run: ({ clerk }, i) =>
        expectCount(
          clerk.users.getUserList({ orderBy: '-created_at', limit: PAGE, offset: size.users / 2 + (i % 10) * PAGE }),
          PAGE,
        ),
    },
    {
      name: 'getUser(id)',
      run: async ({ clerk, seeded }, i) => {
        const id = seeded.userIds[i % SAMPLE]
        if ((await clerk.users.getUser(id)).id !== id) throw new Error('getUser returned another user')
      },
    },
    {
      name: 'getOrganizationMembershipList({ organizationId, limit: 10 })',
      run: ({ clerk, seeded }, i) =>
        expectCount(
          clerk.organizations.getOrganizationMembershipList({
            organizationId: seeded.organizationIds[i % SAMPLE],
            limit: PAGE,
          }),
          MEMBERS_PER_ORGANIZATION,
        ),
    },
    {
      name: 'getOrganizationList({ query: a word of the name, limit: 10 })',
      run: ({ clerk }, i) =>
        expectCount(
          clerk.organizations.getOrganizationList({
            query: organizationWord((i * 7919) % size.organizations),
            limit: PAGE,
          }),
          1,
        ),
    },
    {
      // Each organization's count of members is kept in its row (migration 9): an index walk.
      name: 'getOrganizationList({ orderBy: "-members_count", limit: 10 })',
      run: ({ clerk }) =>
        expectCount(clerk.organizations.getOrganizationList({ orderBy: '-members_count', limit: PAGE }), PAGE),
    },
    {
      name: 'Frontend API sign-in, identifier step: POST /v1/client/sign_ins { identifier }',
      run: ({ backend, seeded }, i) =>
        signIn(backend.url, { identifier: seeded.passwordEmails[i % PASSWORD_USERS] }, 'needs_first_factor'),
    },
    {
      name: 'Frontend API sign-in, complete: POST /v1/client/sign_ins { identifier, password }',
      run: ({ backend, seeded }, i) =>
        signIn(backend.url, { identifier: seeded.passwordEmails[i % PASSWORD_USERS], password: PASSWORD }, 'complete'),
    },
  ]
}

async function expectCount(list, expected) {
  const { data, totalCount } = await list
  if (data.length !== Math.min(expected, PAGE) || totalCount < expected) {
    throw new Error(`expected ${expected} results, got ${data.length} (totalCount ${totalCount})`)
  }
}

/**
 * What ClerkJS's `signIn.create(…)` sends from a browser that has no client yet: one form-encoded POST with the
 * page's Origin; the backend creates the client, finds the user by the identifier and, with a password, verifies it
 * and creates the session.
 */
async function signIn(url, fields, status) {
  const response = await fetch(`${url}/v1/client/sign_ins?${FAPI_QUERY}`, {
    method: 'POST',
    headers: { origin: APP_ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  })
  const body = await response.json()
  if (response.status !== 200 || body.response?.status !== status) {
    throw new Error(`sign-in answered ${response.status} ${JSON.stringify(body).slice(0, 300)}`)
  }
}

export const bench = {
  id: 7,
  title: 'Scale: 1 000 users / 100 organizations vs 100 000 users / 10 000 organizations',
  async run() {
    const instances = []
    try {
      for (const size of SIZES) {
        let seeded
        const backend = await startLocalBackend({
          prepare: async (dbPath) => (seeded = await seedDatabase(dbPath, size)),
        })
        instances.push({
          size,
          backend,
          seeded,
          clerk: createClerkClient({ apiUrl: backend.url, secretKey: backend.secretKey }),
        })
      }
      const [small, large] = instances
      const rows = []
      const sections = []
      for (const [index, operation] of operations(small.size).entries()) {
        const largeOperation = operations(large.size)[index]
        const arm = (instance, op, label) => {
          let next = 0
          return {
            name: label,
            run: async (ops) => {
              for (let k = 0; k < ops; k++) await op.run(instance, next++)
            },
          }
        }
        const results = await compare({
          arms: [arm(small, operation, sizeLabel(small.size)), arm(large, largeOperation, sizeLabel(large.size))],
        })
        const ratio = summarize(results[1].ratios)
        rows.push([
          operation.name,
          formatNumber(summarize(results[0].usPerOp).median / 1000),
          formatNumber(summarize(results[1].usPerOp).median / 1000),
          `${ratio.median.toFixed(2)}×`,
          `${ratio.p25.toFixed(2)}×–${ratio.p75.toFixed(2)}×`,
          ratio.median <= TARGET ? 'met' : '**not met**',
        ])
        sections.push({
          heading: operation.name,
          text: 'Time per operation at each size; the ratio is the large instance over the small one.',
          table: comparisonTable({ results }),
        })
      }
      const seeding = instances.map(({ size, seeded }) => [
        sizeLabel(size),
        formatNumber(seeded.usersMs / 1000),
        formatNumber(seeded.organizationsMs / 1000),
        formatNumber((seeded.usersMs + seeded.organizationsMs) / 1000),
        formatNumber(seeded.cpuMs / 1000),
        formatNumber((seeded.usersMs * 1000) / size.users),
      ])
      return {
        sections: [
          {
            heading: 'Each operation at 100 000 users vs 1 000',
            text: summaryText(),
            table: markdownTable(
              [
                'operation',
                'ms/op at 1 000 users',
                'ms/op at 100 000 users',
                'ratio (median)',
                'p25–p75',
                `target ≤ ${TARGET}×`,
              ],
              rows,
              [5],
            ),
          },
          {
            heading: 'Seeding',
            text:
              `Through the library's \`seed()\`, in this process, into a new SQLite file: the users in one call (one transaction), then the ` +
              `organizations with ${MEMBERS_PER_ORGANIZATION} members each in another. ${PASSWORD_USERS} users per size have a password ` +
              '(scrypt, ~50 ms each, included); the others have none. Times are wall-clock; the CPU time of the seeding ' +
              'process, every thread counted, says what it costs on a machine shared with other work.',
            table: markdownTable(
              ['instance', 'users (s)', 'organizations and memberships (s)', 'total (s)', 'CPU (s)', 'µs per user'],
              seeding,
            ),
          },
          ...sections,
        ],
      }
    } finally {
      await Promise.all(instances.map(({ backend }) => backend.close()))
    }
  },
}

const sizeLabel = ({ users, organizations }) =>
  `${formatNumber(users)} users, ${formatNumber(organizations)} organizations`

function summaryText() {
  return (
    'Two remix-clerk-local backends, each in its own process on its own SQLite file, seeded with the same shapes at two ' +
    `sizes (every user in one organization of ${MEMBERS_PER_ORGANIZATION}; a \`query\` matches ${FAMILY_SIZE} users, or one ` +
    'organization, at both sizes: an eight-letter family name, or the distinctive word of a name such as "Qwhtkzpa Labs", ' +
    'as varied as real names. A query whose every three-letter piece is shared by a fixed share of all rows, as in ' +
    'numbered names like "Company 004242", costs the trigram index in proportion to the instance: 3.8× at 10 000 ' +
    'organizations, measured at this change). The Backend API calls go through our `createClerkClient` over HTTP on 127.0.0.1, as an ' +
    "app's; the sign-in is the Frontend API request ClerkJS's `signIn.create({ identifier, password })` sends from a " +
    'browser without a client yet (the password verified with scrypt: its cost is the same at both sizes, so the identifier ' +
    'step alone is shown too). Each row is a comparison of its own, the two sizes in interleaved rounds; the ratio is the ' +
    'median of the per-round ratios.'
  )
}
