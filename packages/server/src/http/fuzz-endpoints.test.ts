import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { fuzzRuns } from '@polis/kernel/fuzz-runs'
import { testEngine } from '@polis/store'
import fc from 'fast-check'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { deviceJwt } from '../test/device-jwt.ts'
import { officeSession, portalSession } from '../test/sessions.ts'
import { insertWalletDevice } from '../test/wallet-device.ts'

// Every state-changing endpoint the app routes (forms, wallet and public APIs, the office), called
// in-process with hostile input as each kind of caller, must answer with a status below 500:
// a refusal with a stable code, never a crash. Plain GET pages are walked in security-headers.test.ts.

let t: Awaited<ReturnType<typeof createTestPlatform>>
let routes: Array<{ method: string; path: string }>
let device: Awaited<ReturnType<typeof insertWalletDevice>>
let serviceCodes: string[]
let pageIds: string[]
let fieldIds: string[]

before(async () => {
  t = await createTestPlatform({ citizens: 12 })
  const seen = new Set<string>()
  for (const route of t.app.routes) {
    if (route.method === 'GET' || route.method === 'ALL') continue
    seen.add(`${route.method} ${route.path}`)
  }
  routes = [...seen].sort().map((key) => {
    const [method, path] = key.split(' ') as [string, string]
    return { method, path }
  })
  const definitions = t.platform.services.definitions
  serviceCodes = definitions.map((definition) => definition.code)
  pageIds = [...new Set(definitions.flatMap((definition) => definition.pages.map((page) => page.id)))]
  fieldIds = [
    ...new Set(definitions.flatMap((definition) => definition.pages.flatMap((page) => page.fields.map((f) => f.id)))),
  ]
  device = await insertWalletDevice(t.platform.store, t.citizens[0]?.id as string, t.now())
})

after(() => t.close())

const awkward = fc.constantFrom(
  '',
  ' ',
  '0',
  '-1',
  '1e309',
  'NaN',
  'true',
  'null',
  '[]',
  '{}',
  '2026-02-30',
  '9999-99-99',
  '<script>x</script>',
  '../../etc/passwd',
  '\u0000',
  '%00',
  'ﬀ\u202e',
  'x'.repeat(5000),
)
const text = fc.oneof(fc.string({ maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 30 }), awkward)

// What an HTTP client can put in a header: Latin-1 without control characters.
const headerText = fc.string({
  unit: fc.integer({ min: 0x20, max: 0xff }).map((code) => String.fromCharCode(code)),
  maxLength: 300,
})

/** A value for a path parameter: mostly plausible (a real service code, page or field), sometimes anything. */
function parameter(name: string): fc.Arbitrary<string> {
  const plausible: Record<string, () => fc.Arbitrary<string>> = {
    code: () => fc.constantFrom(...serviceCodes),
    page: () => fc.constantFrom(...pageIds),
    field: () => fc.constantFrom(...fieldIds),
    version: () => fc.constantFrom('1', '2', '0', '-1', '99999999999999999999'),
  }
  return fc.oneof(
    { weight: 3, arbitrary: plausible[name]?.() ?? fc.uuid() },
    { weight: 1, arbitrary: text.filter((value) => value !== '').map((value) => encodeURIComponent(value)) },
  )
}

const fieldName = () =>
  fc.oneof(
    fc.constantFrom(...fieldIds),
    fc.constantFrom(
      'service',
      'answers',
      'decision',
      'reason',
      'rating',
      'comment',
      'definition',
      'code',
      'version',
      'email',
      'message',
      'presentation',
      'grant_type',
      'pre-authorized_code',
      'tx_code',
      'proof',
      'proofs',
      'credential_configuration_id',
      'state',
      'response',
      'vp_token',
    ),
    fc.string({ maxLength: 12 }),
  )

type Body =
  | { kind: 'none' }
  | { kind: 'form' | 'json'; value: unknown }
  | { kind: 'bytes'; value: Uint8Array; type: string }
  | { kind: 'multipart'; fields: Record<string, string>; files: Record<string, Uint8Array> }

// A file as a browser uploads one: a PDF's or PNG's first bytes, or anything, under any name.
const fileBytes = fc.oneof(
  fc.uint8Array({ maxLength: 300 }),
  fc.uint8Array({ maxLength: 200 }).map((rest) => new Uint8Array([...Buffer.from('%PDF-1.7\n'), ...rest])),
  fc
    .uint8Array({ maxLength: 200 })
    .map((rest) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...rest])),
)

const body = (): fc.Arbitrary<Body> =>
  fc.oneof(
    fc.constant<Body>({ kind: 'none' }),
    fc.dictionary(fieldName(), text, { maxKeys: 8 }).map((value): Body => ({ kind: 'form', value })),
    fc
      .oneof(
        fc.jsonValue(),
        fc.record({ service: fc.constantFrom(...serviceCodes), answers: fc.dictionary(fieldName(), fc.jsonValue()) }),
        fc.dictionary(fieldName(), fc.oneof(text, fc.jsonValue()), { maxKeys: 8 }),
      )
      .map((value): Body => ({ kind: 'json', value })),
    fc
      .record({
        fields: fc.dictionary(fieldName(), text, { maxKeys: 6 }),
        files: fc.dictionary(fieldName(), fileBytes, { maxKeys: 2 }),
      })
      .map((value): Body => ({ kind: 'multipart', ...value })),
    fc
      .record({
        value: fc.uint8Array({ maxLength: 600 }),
        type: fc.constantFrom(
          'application/json',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=polis',
          'application/pdf',
          'text/plain',
          'application/jwt',
        ),
      })
      .map((value): Body => ({ kind: 'bytes', ...value })),
  )

const callers = ['anonymous', 'citizen', 'official', 'operator', 'device', 'forged device'] as const

interface Call {
  route: { method: string; path: string }
  values: string[]
  caller: (typeof callers)[number]
  body: Body
  idempotencyKey: string | undefined
  accept: string
}

const call = (): fc.Arbitrary<Call> =>
  fc.nat(routes.length - 1).chain((index) => {
    const route = routes[index] as { method: string; path: string }
    const names = [...route.path.matchAll(/:([A-Za-z_]+)/g)].map((match) => match[1] as string)
    return fc.record({
      route: fc.constant(route),
      values: fc.tuple(...names.map((name) => parameter(name))) as fc.Arbitrary<string[]>,
      caller: fc.constantFrom(...callers),
      body: body(),
      idempotencyKey: fc.option(fc.oneof(fc.uuid(), headerText), { nil: undefined }),
      accept: fc.constantFrom('application/json', 'text/html'),
    })
  })

async function send(input: Call) {
  let index = 0
  const path = input.route.path.replace(/:([A-Za-z_]+)/g, () => input.values[index++] as string)
  const headers: Record<string, string> = { 'accept-language': 'en', accept: input.accept }
  if (input.idempotencyKey !== undefined) headers['idempotency-key'] = input.idempotencyKey
  if (input.caller === 'citizen' || input.caller === 'official') {
    // Past the same-origin check, as the platform's own pages post.
    headers['sec-fetch-site'] = 'same-origin'
    headers.origin = t.origin
  }
  if (input.caller === 'citizen') {
    headers.cookie = `polis_portal=${await portalSession(t.platform.store, t.citizens[1]?.id as string, t.now())}`
  } else if (input.caller === 'official') {
    const official = {
      citizenId: t.citizens[2]?.id as string,
      agency: 'migration-service',
      roles: ['clerk', 'decider', 'supervisor'],
    }
    headers.cookie = `polis_office=${await officeSession(t.platform.store, official, t.now())}`
  } else if (input.caller === 'operator') {
    headers.authorization = 'Bearer operator-token-for-tests'
  } else if (input.caller === 'device') {
    const jwt = await deviceJwt({ device, origin: t.origin, method: input.route.method, path, now: t.now() })
    headers.authorization = `PolisDevice ${jwt}`
  } else if (input.caller === 'forged device') {
    headers.authorization = 'PolisDevice eyJhbGciOiJFUzI1NiJ9.e30.AAAA'
  }
  let payload: BodyInit | undefined
  if (input.body.kind === 'form') {
    headers['content-type'] = 'application/x-www-form-urlencoded'
    payload = new URLSearchParams(input.body.value as Record<string, string>).toString()
  } else if (input.body.kind === 'json') {
    headers['content-type'] = 'application/json'
    payload = JSON.stringify(input.body.value)
  } else if (input.body.kind === 'bytes') {
    headers['content-type'] = input.body.type
    payload = new Uint8Array(input.body.value)
  } else if (input.body.kind === 'multipart') {
    const form = new FormData()
    for (const [name, value] of Object.entries(input.body.fields)) form.append(name, value)
    for (const [name, bytes] of Object.entries(input.body.files)) {
      form.append(name, new Blob([new Uint8Array(bytes)]), `${name}.pdf`)
    }
    payload = form
  }
  const response = await t.app.request(path, { method: input.route.method, headers, body: payload ?? null })
  await response.arrayBuffer()
  return { path, status: response.status }
}

describe(`hostile input to every endpoint on ${testEngine}`, () => {
  it('never answers 5xx to any body, path or caller on any state-changing route (fast-check)', async () => {
    assert.ok(routes.length > 40, `the walk covers the app (${routes.length} routes)`)
    await fc.assert(
      fc.asyncProperty(call(), async (input) => {
        const { path, status } = await send(input)
        assert.ok(status < 500, `${status} for ${input.route.method} ${path} as ${input.caller}`)
      }),
      { numRuns: fuzzRuns(400) },
    )
  })

  it('refuses a wallet’s answer to another country’s request whose fields are too long, not with a 500 (found by fuzzing)', async () => {
    const form = new FormData()
    form.append('state', 'x'.repeat(5000))
    const response = await t.app.request('/cross-border/requests/%5B%5D/response', {
      method: 'POST',
      headers: { accept: 'application/json' },
      body: form,
    })
    assert.equal(response.status, 400)
    assert.equal(((await response.json()) as { error: { code: string } }).error.code, 'ERR_MALFORMED')
  })

  it('signs a citizen and an official out when Polis ID cannot be reached to end its session too (found by fuzzing)', async () => {
    const official = { citizenId: t.citizens[2]?.id as string, agency: 'migration-service', roles: ['clerk'] }
    const sessions = [
      ['/logout', `polis_portal=${await portalSession(t.platform.store, t.citizens[1]?.id as string, t.now())}`],
      ['/office/logout', `polis_office=${await officeSession(t.platform.store, official, t.now())}`],
    ] as const
    for (const [path, cookie] of sessions) {
      // The test's sessions carry an ID token, and https://polis.test's Polis ID does not answer.
      const response = await t.app.request(path, {
        method: 'POST',
        headers: { cookie, 'sec-fetch-site': 'same-origin', origin: t.origin },
      })
      assert.equal(response.status, 303, path)
      assert.match(response.headers.get('location') ?? '', /^https:\/\/polis\.test\//)
      assert.match(response.headers.getSetCookie().join(), /Max-Age=0/)
    }
  })

  it('refuses a form body that cannot be read with ERR_MALFORMED, not a 500 (found by fuzzing)', async () => {
    const cookie = `polis_portal=${await portalSession(t.platform.store, t.citizens[1]?.id as string, t.now())}`
    for (const accept of ['application/json', 'text/html']) {
      const response = await t.app.request('/services/appeal/submit', {
        method: 'POST',
        headers: {
          cookie,
          accept,
          'sec-fetch-site': 'same-origin',
          origin: t.origin,
          'content-type': 'multipart/form-data; boundary=polis',
        },
        body: new Uint8Array(0),
      })
      assert.equal(response.status, 400, accept)
      assert.match(await response.text(), /ERR_MALFORMED/)
    }
  })

  it('refuses a NUL character in the address, a form or a JSON body with ERR_MALFORMED on both engines (found by fuzzing on PostgreSQL)', async () => {
    const cookie = `polis_portal=${await portalSession(t.platform.store, t.citizens[1]?.id as string, t.now())}`
    const browser = { cookie, 'sec-fetch-site': 'same-origin', origin: t.origin, accept: 'application/json' }
    const walletPath = '/api/wallet/applications'
    const jwt = await deviceJwt({ device, origin: t.origin, method: 'POST', path: walletPath, now: t.now() })
    const sent: Array<[string, RequestInit]> = [
      ['/sandbox-pay/%00', { method: 'POST', headers: { accept: 'application/json' } }],
      [
        '/services/appeal/submit',
        {
          method: 'POST',
          headers: { ...browser, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            subject: 'Lights\u0000',
            text: 'The street lights are off every night.',
          }).toString(),
        },
      ],
      [
        walletPath,
        {
          method: 'POST',
          headers: {
            authorization: `PolisDevice ${jwt}`,
            'content-type': 'application/json',
            'idempotency-key': 'nul-in-answers',
          },
          body: JSON.stringify({ service: 'appeal', answers: { subject: 'a\u0000b', text: 'x'.repeat(30) } }),
        },
      ],
    ]
    for (const [path, init] of sent) {
      const response = await t.app.request(path, init)
      assert.equal(response.status, 400, path)
      assert.match(await response.text(), /ERR_MALFORMED/, path)
    }
  })
})
