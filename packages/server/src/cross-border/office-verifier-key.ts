import type { SigningKey } from '@polis/kernel'
import { issueAccessCertificate } from '@polis/oid4vp'
import { z } from 'zod'
import { loadAccessCa } from '../business/access-ca.ts'
import { countryProfile } from '../platform/country-profile.ts'
import type { Platform } from '../platform/create-platform.ts'
import { temporaryResidence } from './temporary-residence.ts'

const keyId = `agency-verifier:${temporaryResidence.agency}`
const metaKey = 'cross-border.access-certificate'

/** The agency's register code: Estonia's Police and Border Guard Board, Ukraine's State Migration Service. */
const registerNumbers = { EE: '70008747', UA: '37508470' } as const

const Stored = z.object({ certificate: z.string(), notAfter: z.string() })

/**
 * The deciding agency's request-signing key, with an access certificate from the platform's
 * access CA as a business's is: a wallet sees the agency's name where it sees a bank's.
 * Issued on first use, and again in the last 30 days of its year.
 */
export async function officeVerifierKey(platform: Platform): Promise<SigningKey> {
  const now = platform.now()
  const { db } = platform.store
  const row = await db.selectFrom('meta').select('value').where('key', '=', metaKey).executeTakeFirst()
  let stored = row ? Stored.parse(JSON.parse(row.value)) : undefined
  if (!stored || new Date(stored.notAfter).getTime() - now.getTime() < 30 * 86_400_000) {
    if (!(await platform.keys.findPublicKey(keyId))) await platform.keys.generate(keyId)
    const ca = await loadAccessCa(platform)
    const profile = countryProfile(platform.config)
    const agency = profile.agencies.find((a) => a.code === temporaryResidence.agency)
    const validityDays = 365
    const certificate = await issueAccessCertificate({
      publicKey: await platform.keys.publicCryptoKey(keyId),
      business: {
        legalName: agency?.name[profile.language] ?? temporaryResidence.agency,
        registerNumber: registerNumbers[profile.code],
        country: platform.config.POLIS_COUNTRY_CODE,
      },
      ca: { certificate: ca.certificate, privateKey: await platform.keys.privateCryptoKey(ca.keyId) },
      notBefore: now,
      validityDays,
    })
    stored = {
      certificate: Buffer.from(certificate).toString('base64'),
      notAfter: new Date(now.getTime() + validityDays * 86_400_000).toISOString(),
    }
    // Two processes may issue one each: either certificate is the agency's, the last written is used.
    const value = JSON.stringify(stored)
    await db
      .insertInto('meta')
      .values({ key: metaKey, value })
      .onConflict((c) => c.column('key').doUpdateSet({ value }))
      .execute()
  }
  return {
    id: keyId,
    alg: 'ES256',
    sign: await platform.keys.signer(keyId),
    chain: [new Uint8Array(Buffer.from(stored.certificate, 'base64'))],
  }
}
