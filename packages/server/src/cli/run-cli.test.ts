import assert from 'node:assert/strict'
import { X509Certificate } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, it } from 'node:test'
import { parseSdJwt } from '@polis/documents'
import { testEngine } from '@polis/store'
import { SDJwtInstance } from '@sd-jwt/core'
import { digest, ES256 } from '@sd-jwt/crypto-nodejs'
import { newCliInstance, runPolis } from '../test/cli-instance.ts'

const polis = (instance: { env: NodeJS.ProcessEnv; dir: string }, args: string[], input?: string) =>
  runPolis(instance, args, input)

describe(`polis CLI on ${testEngine}`, () => {
  it('seeds, lists, issues, presents, verifies and revokes, as the README shows', async () => {
    const instance = await newCliInstance()
    const seeded = polis(instance, ['seed', '--citizens', '40', '--seed', '7'])
    assert.equal(seeded.code, 0, seeded.stderr)
    const citizens = JSON.parse(polis(instance, ['citizens', '--json', '--limit', '40']).stdout) as Array<{
      id: string
      documents: string[]
    }>
    assert.equal(citizens.length, 40)
    const citizen = citizens.find((c) => c.documents.includes('driver-licence'))
    assert.ok(citizen, 'a seeded citizen with a driving licence')

    const issued = polis(instance, ['issue', '--citizen', citizen.id, '--type', 'id-card'])
    assert.equal(issued.code, 0, issued.stderr)
    writeFileSync(join(instance.dir, 'id.sdjwt'), issued.stdout)
    assert.match(readFileSync(join(instance.dir, 'holder-key.jwk'), 'utf8'), /"d":/)

    // An independent implementation accepts what `polis issue` printed (its status list is
    // published by a server that is not running here, so the SD-JWT layer is what is checked).
    const x5c = parseSdJwt(issued.stdout.trim()).jwt.header.x5c as string[]
    const issuerKey = new X509Certificate(Buffer.from(x5c[0] as string, 'base64')).publicKey.export({ format: 'jwk' })
    const reference = new SDJwtInstance({ hasher: digest, verifier: await ES256.getVerifier(issuerKey) })
    const decoded = await reference.verify(issued.stdout.trim())
    assert.equal((decoded.payload as { vct: string }).vct, 'http://localhost:8080/vct/id-card')
    const forged = issued.stdout
      .trim()
      .replace(/^([^.]+)\.([^.]{10})/, (_, header, start) => `${header}.${start.split('').reverse().join('')}`)
    await assert.rejects(reference.verify(forged))

    const presented = polis(instance, [
      'present',
      '--credential',
      'id.sdjwt',
      '--holder-key',
      'holder-key.jwk',
      '--disclose',
      'given_name,age_over_18',
      '--nonce',
      '123',
      '--aud',
      'shop',
    ])
    assert.equal(presented.code, 0, presented.stderr)
    const verified = polis(instance, ['verify', '--nonce', '123', '--aud', 'shop'], presented.stdout)
    assert.equal(verified.code, 0, verified.stdout)
    const claims = JSON.parse(verified.stdout).claims as Record<string, unknown>
    assert.deepEqual(Object.keys(claims).sort(), ['age_over_18', 'given_name', 'issuing_country'])

    const replayed = polis(instance, ['verify', '--nonce', '124', '--aud', 'shop'], presented.stdout)
    assert.equal(replayed.code, 1)
    assert.equal(JSON.parse(replayed.stdout).error.code, 'ERR_KB_NONCE_MISMATCH')

    assert.equal(polis(instance, ['revoke', '--credential', 'id.sdjwt']).code, 0)
    const revoked = polis(instance, ['verify', '--nonce', '123', '--aud', 'shop'], presented.stdout)
    assert.equal(revoked.code, 1)
    assert.deepEqual(JSON.parse(revoked.stdout), {
      error: { code: 'ERR_REVOKED', message: 'The document has been revoked.' },
    })

    const offered = polis(instance, ['offer', '--citizen', citizen.id, '--types', 'id-card,driver-licence', '--json'])
    assert.equal(offered.code, 0, offered.stderr)
    const offer = JSON.parse(offered.stdout) as {
      uri: string
      walletUrl: string
      offer: { credential_configuration_ids: string[] }
    }
    assert.match(offer.uri, /^openid-credential-offer:\/\/\?credential_offer=/)
    assert.equal(offer.walletUrl, `http://localhost:8080/wallet/#offer=${encodeURIComponent(offer.uri)}`)
    assert.deepEqual(offer.offer.credential_configuration_ids.sort(), [
      'driver-licence.mso_mdoc',
      'driver-licence.polis_qr',
      'driver-licence.sd_jwt_vc',
      'id-card.mso_mdoc',
      'id-card.polis_qr',
      'id-card.sd_jwt_vc',
    ])

    const mdl = polis(instance, [
      'issue',
      '--citizen',
      citizen.id,
      '--type',
      'driver-licence',
      '--format',
      'mso_mdoc',
      '--holder-jwk',
      'holder-key.jwk',
    ])
    assert.equal(mdl.code, 0, mdl.stderr)
    const mdlVerified = polis(instance, ['verify'], mdl.stdout)
    assert.equal(mdlVerified.code, 0, mdlVerified.stdout)
    assert.equal(JSON.parse(mdlVerified.stdout).type, 'org.iso.18013.5.1.mDL')

    // A lost licence: every copy of it the citizen holds is revoked by citizen and type.
    const lost = polis(instance, ['revoke', '--citizen', citizen.id, '--type', 'driver-licence'])
    assert.equal(lost.code, 0, lost.stderr)
    assert.match(lost.stdout, /driver-licence of citizen .+: 1 credential\(s\) → revoked/)
    assert.equal(JSON.parse(polis(instance, ['verify'], mdl.stdout).stdout).error.code, 'ERR_REVOKED')
    const unknownType = polis(instance, ['revoke', '--citizen', citizen.id, '--type', 'spaceship-licence'])
    assert.equal(JSON.parse(unknownType.stderr).error.code, 'ERR_UNKNOWN_DOCUMENT_TYPE')
  })

  it('trusts another instance’s documents only when given its anchor', async () => {
    const home = await newCliInstance()
    const abroad = await newCliInstance()
    abroad.env.POLIS_COUNTRY_NAME = 'Republic of Abroad'
    abroad.env.POLIS_COUNTRY_CODE = 'EE'
    assert.equal(polis(abroad, ['seed', '--citizens', '20']).code, 0)
    assert.equal(polis(home, ['seed', '--citizens', '5']).code, 0)
    const citizenId = (JSON.parse(polis(abroad, ['citizens', '--json']).stdout) as Array<{ id: string }>)[0]?.id
    assert.ok(citizenId)
    const issued = polis(abroad, ['issue', '--citizen', citizenId, '--type', 'id-card'])
    assert.equal(issued.code, 0, issued.stderr)
    const credential = issued.stdout
    const untrusted = polis(home, ['verify'], credential)
    assert.equal(untrusted.code, 1)
    assert.equal(JSON.parse(untrusted.stdout).error.code, 'ERR_UNTRUSTED_ISSUER')
    const exported = polis(abroad, ['trust', 'export'])
    assert.equal(exported.code, 0, exported.stderr)
    assert.match(exported.stdout, /^-----BEGIN CERTIFICATE-----/)
    writeFileSync(join(home.dir, 'abroad.pem'), exported.stdout)
    // The foreign status list is published by the other instance's server, which is not
    // running here: the verifier must say so rather than pass the document.
    const trusted = polis(home, ['verify', '--trust', 'abroad.pem'], credential)
    assert.equal(JSON.parse(trusted.stdout).error?.code, 'ERR_STATUS_UNAVAILABLE', trusted.stdout + trusted.stderr)
  })

  it('makes a citizen an official with an authenticator set-up, lists and disables them; rotates Polis ID’s key', async () => {
    const instance = await newCliInstance()
    assert.equal(polis(instance, ['seed', '--citizens', '5', '--seed', '3']).code, 0)
    const [citizen] = JSON.parse(polis(instance, ['citizens', '--json', '--limit', '1']).stdout) as Array<{
      id: string
    }>
    const id = (citizen as { id: string }).id
    const added = polis(
      instance,
      ['officials', 'add', '--citizen', id, '--agency', 'migration-service'].concat([
        '--role',
        'clerk',
        '--role',
        'decider',
        '--json',
      ]),
    )
    assert.equal(added.code, 0, added.stderr)
    const official = JSON.parse(added.stdout)
    assert.deepEqual(official.roles, ['clerk', 'decider'])
    assert.match(official.totpUri, /^otpauth:\/\/totp\/.*secret=[A-Z2-7]+/)
    assert.equal(JSON.parse(polis(instance, ['officials', 'list', '--json']).stdout)[0].citizenId, id)
    const badRole = polis(instance, ['officials', 'add', '--citizen', id, '--agency', 'x-y', '--role', 'emperor'])
    assert.equal(badRole.code, 1)
    assert.equal(JSON.parse(badRole.stderr).error.code, 'ERR_BAD_REQUEST')
    const unknown = polis(instance, ['officials', 'add', '--citizen', 'nobody', '--agency', 'x-y', '--role', 'clerk'])
    assert.equal(JSON.parse(unknown.stderr).error.code, 'ERR_UNKNOWN_CITIZEN')
    assert.equal(polis(instance, ['officials', 'disable', '--citizen', id]).code, 0)
    const rotated = polis(instance, ['id', 'rotate-key', '--json'])
    assert.equal(rotated.code, 0, rotated.stderr)
    assert.match(JSON.parse(rotated.stdout).kid, /^[0-9a-f-]{36}$/)
    assert.ok(JSON.parse(polis(instance, ['officials', 'list', '--json']).stdout)[0].disabledAt)
  })

  it('lists the e-services and walks each one end to end in a demo country of its own', async () => {
    const instance = await newCliInstance()
    const services = JSON.parse(polis(instance, ['services', '--json']).stdout) as Array<{ code: string }>
    assert.ok(services.some((s) => s.code === 'residence-registration'))
    const check = polis(instance, ['services', 'check', '--json'])
    assert.equal(check.code, 0, check.stdout + check.stderr)
    const report = JSON.parse(check.stdout)
    assert.equal(report.failed, 0)
    assert.equal(report.passed, services.length)
    const unknown = polis(instance, ['services', 'check', 'no-such-service'])
    assert.equal(JSON.parse(unknown.stderr).error.code, 'ERR_UNKNOWN_SERVICE')
  })

  it('exports a service’s definition and imports a file as a draft, refusing a bad one at its exact path', async () => {
    const instance = await newCliInstance()
    const exported = polis(instance, ['services', 'export', 'appeal'])
    assert.equal(exported.code, 0, exported.stderr)
    const definition = JSON.parse(exported.stdout)
    assert.equal(definition.code, 'appeal')
    delete definition.summary.et
    definition.pages[0].condition = { var: 'answers.nowhere' }
    writeFileSync(join(instance.dir, 'bad.json'), JSON.stringify(definition))
    const refused = polis(instance, ['services', 'import', 'bad.json'])
    assert.equal(refused.code, 1)
    assert.match(refused.stderr, /^summary\.et: the et translation is missing$/m)
    assert.equal(
      JSON.parse(refused.stderr.trim().split('\n').at(-1) ?? '').error.code,
      'ERR_SERVICE_DEFINITION_INVALID',
    )
    definition.summary.et = 'Pöördumine'
    writeFileSync(join(instance.dir, 'bad.json'), JSON.stringify(definition))
    const unasked = polis(instance, ['services', 'import', 'bad.json'])
    assert.match(unasked.stderr, /^pages\[0\]\.condition: reads answers\.nowhere, which no page asks for$/m)
    delete definition.pages[0].condition
    writeFileSync(join(instance.dir, 'good.json'), JSON.stringify({ ...definition, version: 1 }))
    const imported = polis(instance, ['services', 'import', 'good.json', '--json'])
    assert.equal(imported.code, 0, imported.stderr)
    const draft = JSON.parse(imported.stdout)
    assert.deepEqual(draft, { code: 'appeal', version: definition.version + 1, state: 'draft' })
    const again = JSON.parse(
      polis(instance, ['services', 'export', 'appeal', '--version', String(draft.version)]).stdout,
    )
    assert.equal(again.version, draft.version)
    assert.equal(again.summary.et, 'Pöördumine')
    // Still a draft: the live catalogue is unchanged until a second official publishes it.
    const live = JSON.parse(polis(instance, ['services', '--json']).stdout) as Array<{ code: string; version: number }>
    assert.equal(live.find((s) => s.code === 'appeal')?.version, definition.version)
    const unknown = polis(instance, ['services', 'export', 'appeal', '--version', '99'])
    assert.equal(JSON.parse(unknown.stderr).error.code, 'ERR_UNKNOWN_SERVICE')
  })

  it('answers usage mistakes and bad files with exit codes and stable error codes', async () => {
    const instance = await newCliInstance()
    assert.equal(polis(instance, ['frobnicate']).code, 2)
    assert.equal(polis(instance, ['issue', '--citizen']).code, 2)
    const missing = polis(instance, ['issue', '--type', 'id-card'])
    assert.equal(missing.code, 1)
    assert.equal(JSON.parse(missing.stderr).error.code, 'ERR_BAD_REQUEST')
    const garbage = polis(instance, ['verify'], 'eyJhbGciOiJub25lIn0.e30.~')
    assert.equal(garbage.code, 1)
    assert.equal(JSON.parse(garbage.stdout).error.code, 'ERR_UNSUPPORTED_ALGORITHM', garbage.stdout + garbage.stderr)
    const badSeed = polis(instance, ['seed', '--citizens', 'lots'])
    assert.equal(JSON.parse(badSeed.stderr).error.code, 'ERR_BAD_REQUEST')
  })

  it('refuses a wrong key-encryption key and, on SQLite, a damaged database file', async () => {
    const instance = await newCliInstance()
    assert.equal(polis(instance, ['trust', 'export']).code, 0)
    const wrongKey = polis({ ...instance, env: { ...instance.env, POLIS_KEY_ENCRYPTION_KEY: 'f'.repeat(64) } }, [
      'trust',
      'export',
    ])
    assert.equal(wrongKey.code, 1)
    assert.equal(JSON.parse(wrongKey.stderr).error.code, 'ERR_KEY_DECRYPTION')
    if (testEngine === 'sqlite') {
      writeFileSync(join(instance.env.POLIS_DATA_DIR as string, 'polis.sqlite'), 'garbage'.repeat(1000))
      const damaged = polis(instance, ['citizens'])
      assert.equal(JSON.parse(damaged.stderr).error.code, 'ERR_DATABASE_CORRUPT')
    }
  })
})
