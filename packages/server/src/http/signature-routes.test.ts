import assert from 'node:assert/strict'
import { randomUUID } from 'node:crypto'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { after, before, describe, it } from 'node:test'
import { signCompactJws } from '@polis/documents'
import { epochSeconds } from '@polis/kernel'
import { registerClient } from '@polis/polis-id'
import { testEngine } from '@polis/store'
import { createTestKey, type TestKey } from '@polis/trust/testing'
import * as jose from 'jose'
import { PDFDocument, StandardFonts } from 'pdf-lib'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { deviceJwt } from '../test/device-jwt.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
let callbacks: Server
let callbackUrl: string
const received: string[] = []
let shop: { clientId: string; clientSecret?: string }
let other: { clientId: string; clientSecret?: string }

interface Device {
  id: string
  citizenId: string
  key: TestKey
  signingKey: TestKey
}

// biome-ignore lint/suspicious/noExplicitAny: the test reads fields of several response shapes
type Json = Record<string, any>

async function samplePdf(): Promise<Uint8Array> {
  const document = await PDFDocument.create()
  const page = document.addPage([595, 842])
  page.drawText('Loan agreement no. 7', {
    x: 72,
    y: 760,
    size: 14,
    font: await document.embedFont(StandardFonts.Helvetica),
  })
  return document.save()
}

before(async () => {
  callbacks = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => {
      body += chunk
    })
    request.on('end', () => {
      received.push(body)
      response.end('ok')
    })
  })
  await new Promise<void>((resolve) => callbacks.listen(0, '127.0.0.1', resolve))
  callbackUrl = `http://localhost:${(callbacks.address() as AddressInfo).port}/signed`
  t = await createTestPlatform({ listen: true, citizens: 20 })
  const register = (name: string) =>
    registerClient({
      store: t.platform.store,
      sealer: t.platform.keys,
      now: t.now(),
      registration: { name, redirectUris: [callbackUrl.replace('/signed', '/callback')] },
    })
  shop = await register('Demo Bank of Loans')
  other = await register('Another Shop')
})
after(async () => {
  await t?.close()
  await new Promise((resolve) => callbacks?.close(resolve))
})

async function enrolledDevice(citizenId: string): Promise<Device> {
  const device = { id: randomUUID(), citizenId, key: createTestKey(), signingKey: createTestKey() }
  await t.platform.store.db
    .insertInto('wallet_devices')
    .values({
      id: device.id,
      citizen_id: citizenId,
      public_jwk: JSON.stringify(device.key.publicJwk),
      name: 'Phone',
      created_at: t.now().toISOString(),
      revoked_at: null,
    })
    .execute()
  return device
}

async function asDevice(device: Device, method: string, path: string, body?: unknown) {
  const jwt = await deviceJwt({ device, origin: t.origin, method, path, now: t.now() })
  const response = await fetch(`${t.origin}${path}`, {
    method,
    headers: { authorization: `PolisDevice ${jwt}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  })
  return { status: response.status, body: (await response.json()) as Json }
}

async function certify(device: Device) {
  const proof = await signCompactJws({
    header: { alg: 'ES256', typ: 'polis-signing-key+jwt' },
    payload: { aud: t.origin, iat: epochSeconds(t.now()), device: device.id },
    sign: device.signingKey.sign,
  })
  return asDevice(device, 'POST', '/api/wallet/signing-certificate', { publicJwk: device.signingKey.publicJwk, proof })
}

const basic = (client: { clientId: string; clientSecret?: string }) =>
  `Basic ${Buffer.from(`${client.clientId}:${client.clientSecret}`).toString('base64')}`

async function askToSign(document: Uint8Array, options: { name?: string; format?: string; callback?: boolean } = {}) {
  const response = await fetch(`${t.origin}/api/signing-requests`, {
    method: 'POST',
    headers: { authorization: basic(shop), 'content-type': 'application/json' },
    body: JSON.stringify({
      document: {
        name: options.name ?? 'loan.pdf',
        mediaType: options.name?.endsWith('.txt') ? 'text/plain' : 'application/pdf',
        content: Buffer.from(document).toString('base64'),
      },
      purpose: 'Loan agreement',
      ...(options.format ? { format: options.format } : {}),
      ...(options.callback ? { callbackUrl } : {}),
    }),
  })
  return { status: response.status, body: (await response.json()) as Json }
}

/** The wallet's part: read, check that toBeSigned carries the digest, sign, send. */
async function signInWallet(device: Device, id: string) {
  const read = await asDevice(device, 'GET', `/api/wallet/signing-requests/${id}`)
  assert.equal(read.status, 200, JSON.stringify(read.body))
  const toBeSigned = Buffer.from(read.body.toBeSigned, 'base64url')
  if (read.body.format !== 'JAdES') assert.ok(toBeSigned.includes(Buffer.from(read.body.digest, 'base64url')))
  const signature = Buffer.from(await device.signingKey.sign(new Uint8Array(toBeSigned))).toString('base64url')
  return { read, sent: await asDevice(device, 'POST', `/api/wallet/signing-requests/${id}/signature`, { signature }) }
}

async function verifyOnline(document: Uint8Array, signature?: Uint8Array) {
  const form = new FormData()
  form.set('document', new Blob([Buffer.from(document)]), 'document')
  if (signature) form.set('signature', new Blob([Buffer.from(signature)]), 'signature')
  const response = await fetch(`${t.origin}/api/signatures/verify`, { method: 'POST', body: form })
  return { status: response.status, body: (await response.json()) as Json }
}

describe(`digital signatures over HTTP on ${testEngine}`, () => {
  it('certifies the wallet’s signing key only with a proof by that key', async () => {
    const device = await enrolledDevice(t.citizens[0]?.id as string)
    const forged = await signCompactJws({
      header: { alg: 'ES256', typ: 'polis-signing-key+jwt' },
      payload: { aud: t.origin, iat: epochSeconds(t.now()), device: device.id },
      sign: createTestKey().sign,
    })
    const refused = await asDevice(device, 'POST', '/api/wallet/signing-certificate', {
      publicJwk: device.signingKey.publicJwk,
      proof: forged,
    })
    assert.equal(refused.status, 400)
    assert.equal(refused.body.error.code, 'ERR_INVALID_PROOF')
    const issued = await certify(device)
    assert.equal(issued.status, 201, JSON.stringify(issued.body))
    const citizen = t.citizens[0] as (typeof t.citizens)[number]
    assert.equal(issued.body.subject, `${citizen.givenName} ${citizen.familyName}`)
    const current = await asDevice(device, 'GET', '/api/wallet/signing-certificate')
    assert.equal(current.body.serialNumber, issued.body.serialNumber)
  })

  it('signs a business’s PDF through the wallet, calls the business back, and the result verifies', async () => {
    const device = await enrolledDevice(t.citizens[1]?.id as string)
    assert.equal((await certify(device)).status, 201)
    const pdf = await samplePdf()
    const asked = await askToSign(pdf, { callback: true })
    assert.equal(asked.status, 201, JSON.stringify(asked.body))
    assert.match(asked.body.walletUrl, /\/wallet\/#sign=/)
    assert.match(asked.body.controlCode, /^\d{4}$/)
    const { read, sent } = await signInWallet(device, asked.body.id)
    assert.equal(read.body.requester.name, 'Demo Bank of Loans')
    assert.equal(read.body.purpose, 'Loan agreement')
    assert.equal(read.body.controlCode, asked.body.controlCode)
    assert.equal(read.body.format, 'PAdES')
    assert.equal(sent.status, 200, JSON.stringify(sent.body))
    // A second answer, or a replay, finds the request over.
    const again = await signInWallet(device, asked.body.id).catch(() => undefined)
    assert.equal(again, undefined)

    const status = await fetch(`${t.origin}/api/signing-requests/${asked.body.id}`, {
      headers: { authorization: basic(shop) },
    })
    const state = (await status.json()) as Json
    assert.equal(state.state, 'signed')
    const citizen = t.citizens[1] as (typeof t.citizens)[number]
    assert.equal(state.signer, `${citizen.givenName} ${citizen.familyName}`)
    const result = await fetch(`${t.origin}/api/signing-requests/${asked.body.id}/result`, {
      headers: { authorization: basic(shop) },
    })
    assert.equal(result.headers.get('content-type'), 'application/pdf')
    const signed = new Uint8Array(await result.arrayBuffer())
    const verified = await verifyOnline(signed)
    assert.equal(verified.status, 200)
    assert.equal(verified.body.valid, true, JSON.stringify(verified.body))
    assert.equal(verified.body.signer.name, `${citizen.givenName} ${citizen.familyName}`)
    assert.equal(verified.body.timestampedAt, t.now().toISOString())

    const changed = new Uint8Array(signed)
    const at = Buffer.from(changed).indexOf('/MediaBox')
    changed[at + 1] = 'N'.charCodeAt(0)
    const refused = await verifyOnline(changed)
    assert.equal(refused.body.valid, false)
    assert.equal(refused.body.error.code, 'ERR_DOCUMENT_CHANGED')

    // The callback: a JWS by Polis ID's key, for this client and request.
    for (let i = 0; i < 50 && received.length === 0; i++) await new Promise((r) => setTimeout(r, 20))
    const jwks = jose.createLocalJWKSet((await (await fetch(`${t.origin}/id/jwks`)).json()) as jose.JSONWebKeySet)
    const { payload } = await jose.compactVerify(received[0] as string, jwks)
    const claims = JSON.parse(new TextDecoder().decode(payload))
    assert.equal(claims.aud, shop.clientId)
    assert.equal(claims.request_id, asked.body.id)
    assert.equal(claims.state, 'signed')

    // Another business cannot read it; a wrong secret is no client at all.
    const foreign = await fetch(`${t.origin}/api/signing-requests/${asked.body.id}`, {
      headers: { authorization: basic(other) },
    })
    assert.equal(foreign.status, 404)
    const wrong = await fetch(`${t.origin}/api/signing-requests/${asked.body.id}`, {
      headers: { authorization: basic({ clientId: shop.clientId, clientSecret: 'guess' }) },
    })
    assert.equal(wrong.status, 401)
    assert.equal(((await wrong.json()) as Json).error.code, 'ERR_CLIENT_AUTH')

    const history = await asDevice(device, 'GET', '/api/wallet/signatures')
    assert.equal(history.body.signatures[0].id, asked.body.id)
    assert.equal(history.body.signatures[0].documentName, 'loan.pdf')
  })

  it('makes CAdES and JAdES signatures of any file, verified with the file beside them', async () => {
    const device = await enrolledDevice(t.citizens[2]?.id as string)
    await certify(device)
    const text = new TextEncoder().encode('Заява: прошу зареєструвати місце проживання.\n')
    for (const format of ['CAdES', 'JAdES']) {
      const asked = await askToSign(text, { name: 'заява.txt', format })
      assert.equal(asked.status, 201, JSON.stringify(asked.body))
      const { sent } = await signInWallet(device, asked.body.id)
      assert.equal(sent.status, 200, JSON.stringify(sent.body))
      const result = await fetch(`${t.origin}/api/signing-requests/${asked.body.id}/result`, {
        headers: { authorization: basic(shop) },
      })
      const signature = new Uint8Array(await result.arrayBuffer())
      const verified = await verifyOnline(text, signature)
      assert.equal(verified.body.valid, true, JSON.stringify(verified.body))
      assert.equal(verified.body.format, format)
      assert.equal(
        (await verifyOnline(new TextEncoder().encode('other'), signature)).body.error.code,
        'ERR_DOCUMENT_CHANGED',
      )
    }
  })

  it('refuses PAdES for a file that is not a PDF, and input that holds no signature', async () => {
    const asked = await askToSign(new TextEncoder().encode('plain'), { name: 'a.txt', format: 'PAdES' })
    assert.equal(asked.status, 400)
    assert.equal(asked.body.error.code, 'ERR_UNSUPPORTED_FORMAT')
    const none = await verifyOnline(await samplePdf())
    assert.equal(none.status, 422)
    assert.equal(none.body.error.code, 'ERR_NO_SIGNATURE')
  })

  it('a lost phone’s certificate is revoked: its old signatures hold, it can sign no more', async () => {
    const device = await enrolledDevice(t.citizens[3]?.id as string)
    await certify(device)
    const pdf = await samplePdf()
    const asked = await askToSign(pdf)
    await signInWallet(device, asked.body.id)
    const result = await fetch(`${t.origin}/api/signing-requests/${asked.body.id}/result`, {
      headers: { authorization: basic(shop) },
    })
    const signed = new Uint8Array(await result.arrayBuffer())
    t.now.advance(3600)
    const other = await enrolledDevice(device.citizenId)
    const revoked = await asDevice(other, 'DELETE', `/api/wallet/devices/${device.id}`)
    assert.equal(revoked.status, 200, JSON.stringify(revoked.body))
    t.now.advance(60)
    const verified = await verifyOnline(signed)
    assert.equal(verified.body.valid, true, JSON.stringify(verified.body))
    assert.equal(verified.body.certificateStatus, 'revoked-later')
    const crl = await fetch(`${t.origin}/signatures/crl`)
    assert.equal(crl.headers.get('content-type'), 'application/pkix-crl')
    assert.ok((await crl.arrayBuffer()).byteLength > 100)
    const next = await askToSign(pdf)
    const read = await asDevice(other, 'GET', `/api/wallet/signing-requests/${next.body.id}`)
    assert.equal(read.status, 409)
    assert.equal(read.body.error.code, 'ERR_NO_SIGNING_CERTIFICATE')
  })

  it('a request prepared for one phone cannot be answered by another, and expires', async () => {
    const first = await enrolledDevice(t.citizens[4]?.id as string)
    const second = await enrolledDevice(t.citizens[5]?.id as string)
    await certify(first)
    await certify(second)
    const asked = await askToSign(await samplePdf())
    await asDevice(first, 'GET', `/api/wallet/signing-requests/${asked.body.id}`)
    const signature = Buffer.alloc(64, 1).toString('base64url')
    const stolen = await asDevice(second, 'POST', `/api/wallet/signing-requests/${asked.body.id}/signature`, {
      signature,
    })
    assert.equal(stolen.status, 409)
    const bad = await asDevice(first, 'POST', `/api/wallet/signing-requests/${asked.body.id}/signature`, { signature })
    assert.equal(bad.status, 422)
    assert.equal(bad.body.error.code, 'ERR_SIGNER_SIGNATURE_INVALID')
    t.now.advance(16 * 60)
    const late = await asDevice(first, 'GET', `/api/wallet/signing-requests/${asked.body.id}`)
    assert.equal(late.status, 409)
    assert.equal(late.body.error.code, 'ERR_SIGNING_NOT_PENDING')
  })
})
