import assert from 'node:assert/strict'
import { generateKeyPairSync } from 'node:crypto'
import { after, before, describe, it } from 'node:test'
import { parseSdJwt, verifyMdoc } from '@polis/documents'
import { fromBase64url, isPolisError, type PublicJwk } from '@polis/kernel'
import { testEngine } from '@polis/store'
import { trustAnchors } from '@polis/trust'
import { createTestPlatform } from '../test/create-test-platform.ts'

let t: Awaited<ReturnType<typeof createTestPlatform>>
before(async () => {
  t = await createTestPlatform()
})
after(() => t.close())

const holderKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }) as PublicJwk

describe(`issueDocument on ${testEngine}`, () => {
  it('reads the claims from the registries at issuance time', async () => {
    const citizenId = t.holding('id-card')
    const [person] = await t.platform.queryRegistry({
      registry: 'population',
      citizenId,
      purpose: 'test',
      kind: 'person',
    })
    const issued = await t.issuer.issue({ citizenId, documentType: 'id-card', format: 'dc+sd-jwt', holderKey })
    const disclosed = Object.fromEntries(parseSdJwt(issued.credential).disclosures.map((d) => [d.name, d.value]))
    assert.equal(disclosed.family_name, person?.data.family_name)
    assert.equal(disclosed.birth_date, person?.data.birth_date)
    assert.match(String(disclosed.portrait), /^data:image\/png;base64,iVBOR/)
    assert.equal(typeof disclosed.age_over_18, 'boolean')
  })

  it('never lets a credential outlive its registry record', async () => {
    const citizenId = t.holding('id-card')
    const [card] = await t.platform.queryRegistry({
      registry: 'population',
      citizenId,
      purpose: 'test',
      kind: 'id-card',
    })
    const issued = await t.issuer.issue({ citizenId, documentType: 'id-card', format: 'dc+sd-jwt', holderKey })
    const recordEnd = new Date(`${card?.data.expiry_date}T23:59:59Z`)
    assert.ok(issued.expiresAt.getTime() <= recordEnd.getTime())
    assert.ok(issued.expiresAt.getTime() > t.now().getTime())
  })

  it('puts elements the PID rulebook does not define in a national namespace (ISO 18013-5 section 7.1)', async () => {
    const citizenId = t.holding('id-card')
    const issued = await t.issuer.issue({ citizenId, documentType: 'id-card', format: 'mso_mdoc', holderKey })
    const verified = verifyMdoc({
      data: fromBase64url(issued.credential) as Buffer,
      anchors: trustAnchors([t.platform.trust.anchor]),
      now: t.now(),
    })
    assert.equal(verified.docType, 'eu.europa.ec.eudi.pid.1')
    const standard = verified.namespaces['eu.europa.ec.eudi.pid.1'] ?? {}
    const national = verified.namespaces['eu.europa.ec.eudi.pid.ua.1'] ?? {}
    assert.ok('family_name' in standard && 'birth_date' in standard && 'portrait' in standard)
    assert.ok('tax_number' in national && !('tax_number' in standard))
    assert.deepEqual(verified.status, issued.status)
  })

  it('gives every credential its own unpredictable status-list slot', async () => {
    const citizenId = t.holding('taxpayer-card')
    const slots = new Set<number>()
    for (let i = 0; i < 20; i++) {
      const issued = await t.issuer.issue({ citizenId, documentType: 'taxpayer-card', format: 'dc+sd-jwt', holderKey })
      slots.add(issued.status.idx)
    }
    assert.equal(slots.size, 20)
    const sorted = [...slots].sort((a, b) => a - b)
    assert.ok(
      (sorted.at(-1) as number) - (sorted[0] as number) > 1000,
      'slots are spread over the list, not sequential',
    )
  })

  it('refuses a format the document type is not issued in', async () => {
    await assert.rejects(
      t.issuer.issue({
        citizenId: t.holding('taxpayer-card'),
        documentType: 'taxpayer-card',
        format: 'mso_mdoc',
        holderKey,
      }),
      (e) => isPolisError(e, 'ERR_UNSUPPORTED_FORMAT'),
    )
  })
})
