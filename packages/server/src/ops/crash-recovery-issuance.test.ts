import assert from 'node:assert/strict'
import { after, before, describe, it } from 'node:test'
import { parseSdJwt, signCompactJws } from '@polis/documents'
import { epochSeconds } from '@polis/kernel'
import { testEngine } from '@polis/store'
import { createTestKey, type TestKey } from '@polis/trust/testing'
import { servedInstance } from '../test/served-instance.ts'

const adminToken = 'operator-token-for-crash-tests'
let served: Awaited<ReturnType<typeof servedInstance>>
before(async () => {
  served = await servedInstance({ prefix: 'crashvci', citizens: 40, env: { POLIS_ADMIN_TOKEN: adminToken } })
})
after(() => served?.close())

const grantType = 'urn:ietf:params:oauth:grant-type:pre-authorized_code'
const batch = 3

/** A POST to the instance: the status and the JSON body. */
async function post(path: string, headers: Record<string, string>, body: string) {
  const response = await fetch(`${served.origin}${path}`, {
    method: 'POST',
    headers,
    body,
    signal: AbortSignal.timeout(20_000),
  })
  // biome-ignore lint/suspicious/noExplicitAny: the test reads fields of several response shapes
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, any> }
}

/** One wallet receiving its ID card: its access token, its keys, and its credential request as sent. */
interface Holder {
  citizenId: string
  accessToken: string
  keys: TestKey[]
  request?: string
  /** The status slots of the credentials it received. */
  received?: string[]
  /** Whether the request, sent again as it was, was refused as a replay (its first answer lost after it was recorded). */
  replayed?: boolean
}

/** A credential request with fresh proofs of the holder's keys over a new c_nonce, kept to be sent again as it was. */
async function prepareRequest(holder: Holder) {
  const nonce = (await post('/oid4vci/nonce', {}, '')).body.c_nonce as string
  const proofs = await Promise.all(
    holder.keys.map((key) =>
      signCompactJws({
        header: { alg: 'ES256', typ: 'openid4vci-proof+jwt', jwk: key.publicJwk },
        payload: { aud: served.origin, iat: epochSeconds(new Date()), nonce },
        sign: key.sign,
      }),
    ),
  )
  holder.request = JSON.stringify({ credential_configuration_id: 'id-card.sd_jwt_vc', proofs: { jwt: proofs } })
}

/** Sends the holder's request; keeps the status slots of what came back. */
async function requestCredentials(holder: Holder) {
  const answer = await post(
    '/oid4vci/credential',
    { authorization: `Bearer ${holder.accessToken}`, 'content-type': 'application/json' },
    holder.request as string,
  )
  if (answer.status === 200) {
    const credentials = answer.body.credentials as Array<{ credential: string }>
    assert.equal(credentials.length, batch)
    holder.received = credentials.map(({ credential }) => {
      const status = parseSdJwt(credential).jwt.payload.status as { status_list: { uri: string; idx: number } }
      return `${status.status_list.uri.split('/').pop()}#${status.status_list.idx}`
    })
  }
  return answer
}

describe(`a server killed in the middle of issuance, on ${testEngine}`, () => {
  it('half issues nothing: every credential request cut off is issued once when sent again, or refused as a replay with all its credentials recorded', {
    timeout: 300_000,
  }, async () => {
    await served.start()
    const store = await served.store()
    const adults = await store.db
      .selectFrom('persons')
      .select('id')
      .where('birth_date', '<', '2000-01-01')
      .orderBy('id')
      .execute()
    // An offer and an access token each, at rest.
    const operator = { authorization: `Bearer ${adminToken}`, 'content-type': 'application/json' }
    const holders: Holder[] = []
    for (const adult of adults) {
      if (holders.length === 16) break
      const offer = await post(
        '/api/admin/offers',
        operator,
        JSON.stringify({ citizenId: adult.id, documentTypes: ['id-card'] }),
      )
      if (offer.status !== 201) continue
      const code = offer.body.offer.grants[grantType]['pre-authorized_code'] as string
      const form = new URLSearchParams({ grant_type: grantType, 'pre-authorized_code': code }).toString()
      const token = await post('/oid4vci/token', { 'content-type': 'application/x-www-form-urlencoded' }, form)
      assert.equal(token.status, 200, JSON.stringify(token.body))
      holders.push({
        citizenId: adult.id,
        accessToken: token.body.access_token,
        keys: Array.from({ length: batch }, () => createTestKey()),
      })
    }
    assert.equal(holders.length, 16, 'sixteen citizens with an ID card to receive')
    for (const holder of holders) await prepareRequest(holder)

    // Credential requests four at a time; the server is killed (SIGKILL) once a quarter are answered.
    let next = 0
    let cutOff = 0
    let finished = false
    const killed = (async () => {
      while (holders.filter((h) => h.received).length < holders.length / 4 && !finished)
        await new Promise((resolve) => setTimeout(resolve, 2))
      await served.kill()
    })()
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < holders.length) {
          const holder = holders[next++] as Holder
          const answer = await requestCredentials(holder).catch(() => undefined)
          if (answer?.status !== 200) cutOff++
        }
      }),
    )
    finished = true
    await killed
    const answered = holders.filter((h) => h.received).length
    assert.ok(answered >= holders.length / 4 && cutOff > 0, `${answered} answered, ${cutOff} cut off`)

    // Started again: each request not answered is sent again as it was. One the server did not
    // record is issued now; one it recorded (its answer lost) is refused as a replay, and the
    // wallet asks again with a fresh nonce, as OpenID4VCI has it.
    await served.start()
    for (const holder of holders.filter((h) => !h.received)) {
      const again = await requestCredentials(holder)
      if (again.status === 200) continue
      assert.equal(again.status, 400, JSON.stringify(again.body))
      assert.equal(again.body.error, 'invalid_nonce')
      holder.replayed = true
      await prepareRequest(holder)
      assert.equal((await requestCredentials(holder)).status, 200)
    }

    // What the issuer recorded: whole batches only; every credential a wallet received recorded
    // once, in a slot of its own; nothing else but the whole batch of a request whose answer was lost.
    const rows = await store.db
      .selectFrom('issued_credentials')
      .select(['citizen_id', 'list_id', 'list_index'])
      .where(
        'citizen_id',
        'in',
        holders.map((h) => h.citizenId),
      )
      .where('document_type', '=', 'id-card')
      .execute()
    const slots = rows.map((r) => `${r.list_id}#${r.list_index}`)
    assert.equal(new Set(slots).size, slots.length, 'no status slot twice')
    for (const holder of holders) {
      const recorded = rows.filter((r) => r.citizen_id === holder.citizenId).map((r) => `${r.list_id}#${r.list_index}`)
      for (const slot of holder.received ?? []) assert.ok(recorded.includes(slot), 'what was received is recorded')
      assert.equal(recorded.length, holder.replayed ? 2 * batch : batch, 'whole batches, and only those sent')
    }
    await served.stop()
  })
})
