import assert from 'node:assert/strict'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { testEngine } from '@polis/store'
import { createTestKey } from '@polis/trust/testing'
import {
  decodePDFRawStream,
  PDFArray,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFRawStream,
  PDFString,
} from 'pdf-lib'
import { createApiKey } from '../business/businesses.ts'
import { answerInWallet } from '../test/answer-in-wallet.ts'
import { approvedBusiness, insertApprover } from '../test/approved-business.ts'
import { createTestPlatform } from '../test/create-test-platform.ts'
import { manifestFileName, type SharingManifest } from './seal-sharing-package.ts'
import { pruneVerifierRequests } from './webhooks.ts'

const t = await createTestPlatform()
after(() => t.close())
const { app, platform } = t
const claims = ['family_name', 'given_name', 'birth_date', 'tax_number']
const query = {
  credentials: [
    {
      id: 'id_card',
      format: 'dc+sd-jwt',
      meta: { vct_values: [`${platform.publicUrl}/vct/id-card`] },
      claims: claims.map((c) => ({ path: [c] })),
    },
  ],
}
let bankKey = ''
let otherKey = ''
let citizenId = ''

const api = (path: string, key: string, body?: unknown) =>
  app.request(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })

before(async () => {
  const approver = await insertApprover(platform, { citizenId: t.citizens[0]?.id ?? '' })
  const bank = await approvedBusiness(platform, { approver, claims })
  bankKey = await createApiKey(platform, bank.business.id)
  const other = await approvedBusiness(platform, { approver, registerNumber: '40000025', claims })
  otherKey = await createApiKey(platform, other.business.id)
  citizenId = t.holding('id-card')
})

/** A request of the bank, answered by the citizen's wallet: its id. */
async function shared(): Promise<string> {
  const created = (await (
    await api('/api/verifier/requests', bankKey, { purpose: 'open-account', dcql_query: query })
  ).json()) as {
    id: string
    link: string
  }
  const holder = createTestKey()
  const card = await t.issuer.issue({
    citizenId,
    documentType: 'id-card',
    format: 'dc+sd-jwt',
    holderKey: holder.publicJwk,
  })
  const held = [{ id: 'card', format: 'dc+sd-jwt' as const, credential: card.credential, sign: holder.sign }]
  assert.equal((await answerInWallet({ app, platform }, { link: created.link, held })).status, 200)
  return created.id
}

/** The JSON files attached to a PDF (its /EmbeddedFiles name tree, one level). */
async function attachments(pdf: Uint8Array): Promise<Map<string, string>> {
  const document = await PDFDocument.load(pdf)
  const names = document.catalog.lookup(PDFName.of('Names'), PDFDict)
  const tree = names.lookup(PDFName.of('EmbeddedFiles'), PDFDict)
  const list = tree.lookup(PDFName.of('Names'), PDFArray)
  const found = new Map<string, string>()
  for (let i = 0; i < list.size(); i += 2) {
    const name = list.lookup(i, PDFString, PDFHexString).decodeText()
    const spec = list.lookup(i + 1, PDFDict)
    const stream = spec.lookup(PDFName.of('EF'), PDFDict).lookup(PDFName.of('F'))
    assert.ok(stream instanceof PDFRawStream, 'an embedded file stream')
    found.set(name, Buffer.from(decodePDFRawStream(stream).decode()).toString('utf8'))
  }
  return found
}

async function verifyOnline(pdf: Uint8Array) {
  const form = new FormData()
  form.set('document', new Blob([Buffer.from(pdf)], { type: 'application/pdf' }), 'package.pdf')
  const response = await app.request('/api/signatures/verify', { method: 'POST', body: form })
  return (await response.json()) as {
    valid: boolean
    format: string
    level: string
    signer?: { name: string }
    error?: { code: string }
  }
}

describe(`the sealed sharing package, the paper-world bridge of issue 7, on ${testEngine}`, () => {
  it('answers a PDF of the verified claims with its manifest attached, sealed by the platform, that the public verifier accepts and a changed copy fails', async () => {
    const id = await shared()
    const response = await api(`/api/verifier/requests/${id}/package.pdf`, bankKey)
    assert.equal(response.status, 200)
    assert.equal(response.headers.get('content-type'), 'application/pdf')
    assert.match(response.headers.get('content-disposition') ?? '', /attachment; filename="shared-documents-/)
    const pdf = new Uint8Array(await response.arrayBuffer())
    const keep = process.env.POLIS_SCREENSHOTS
    if (keep) {
      mkdirSync(keep, { recursive: true })
      writeFileSync(join(keep, 'sharing-package.pdf'), pdf)
    }

    const manifest = JSON.parse((await attachments(pdf)).get(manifestFileName) ?? '{}') as SharingManifest
    assert.equal(manifest.type, 'polis-sharing-package')
    assert.equal(manifest.business.legal_name, 'Demo Bank')
    assert.equal(manifest.business.register_number, '40000017')
    assert.deepEqual(manifest.request.purpose, { id: 'open-account', description: 'To open an account' })
    assert.equal(manifest.request.id, id)
    const person = await platform.store.db
      .selectFrom('persons')
      .selectAll()
      .where('id', '=', citizenId)
      .executeTakeFirstOrThrow()
    const credential = manifest.credentials[0]
    assert.deepEqual(Object.keys(credential?.claims ?? {}).sort(), [...claims].sort())
    assert.equal(credential?.claims.family_name, person.family_name)
    assert.equal(credential?.evidence.holderBound, true)
    assert.equal(credential?.evidence.type, `${platform.publicUrl}/vct/id-card`)
    // What the business polls is what the package says.
    const polled = (await (await api(`/api/verifier/requests/${id}`, bankKey)).json()) as { result: unknown }
    assert.deepEqual(
      {
        credentials: manifest.credentials,
        transaction_data: manifest.transaction_data,
        verified_at: manifest.verified_at,
      },
      polled.result,
    )

    const report = await verifyOnline(pdf)
    assert.equal(report.valid, true, JSON.stringify(report.error))
    assert.deepEqual([report.format, report.level], ['PAdES', 'B-T'])
    assert.equal(report.signer?.name, `${platform.config.POLIS_COUNTRY_NAME} e-services`)

    // One changed byte in what the seal covers, and the public verifier refuses it.
    const changed = pdf.slice()
    const at = Buffer.from(changed).indexOf('/Producer')
    changed[at + 3] = (changed[at + 3] as number) ^ 1
    const broken = await verifyOnline(changed)
    assert.equal(broken.valid, false)
    assert.equal(broken.error?.code, 'ERR_DOCUMENT_CHANGED')
  })

  it('refuses another business, a request that was not answered, a missing key, and the package once the claims are erased', async () => {
    const id = await shared()
    const foreign = await api(`/api/verifier/requests/${id}/package.pdf`, otherKey)
    assert.equal(foreign.status, 404)
    assert.equal(((await foreign.json()) as { error: { code: string } }).error.code, 'ERR_NOT_FOUND')
    const bare = await app.request(`/api/verifier/requests/${id}/package.pdf`)
    assert.equal(bare.status, 401)

    const pending = (await (
      await api('/api/verifier/requests', bankKey, { purpose: 'open-account', dcql_query: query })
    ).json()) as {
      id: string
    }
    const unanswered = await api(`/api/verifier/requests/${pending.id}/package.pdf`, bankKey)
    assert.equal(unanswered.status, 404)
    assert.equal(((await unanswered.json()) as { error: { code: string } }).error.code, 'ERR_NOT_SHARED')

    t.now.advance(24 * 3600 + 1)
    try {
      await pruneVerifierRequests(platform)
      const erased = await api(`/api/verifier/requests/${id}/package.pdf`, bankKey)
      assert.equal(erased.status, 410)
      assert.equal(((await erased.json()) as { error: { code: string } }).error.code, 'ERR_CLAIMS_ERASED')
    } finally {
      t.now.advance(-(24 * 3600 + 1))
    }
  })

  it('is in /openapi.json', async () => {
    const spec = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, unknown> }
    assert.ok(spec.paths['/api/verifier/requests/{id}/package.pdf'])
  })
})
