import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { frozenClock, loadConfig } from '@polis/kernel'
import { listCitizens, seedRegistries } from '@polis/registries'
import { openTestStore } from '@polis/store'
import { createApp } from '../http/create-app.ts'
import { createIssuer } from '../issuance/create-issuer.ts'
import { createPlatform } from '../platform/create-platform.ts'
import { createVerifier } from '../verification/create-verifier.ts'

/** An instance on a fresh test store with a small seeded country, a frozen clock and its HTTP app. */
export async function createTestPlatform(options: { citizens?: number } = {}) {
  const now = frozenClock('2026-06-01T10:00:00Z')
  const store = await openTestStore()
  const config = loadConfig({
    POLIS_DATA_DIR: mkdtempSync(join(tmpdir(), 'polis-')),
    POLIS_KEY_ENCRYPTION_KEY: 'c'.repeat(64),
    POLIS_PUBLIC_URL: 'https://polis.test',
  })
  const platform = await createPlatform({ config, store, now })
  await seedRegistries({ store, citizens: options.citizens ?? 60, seed: 'test', replace: false })
  const issuer = createIssuer(platform)
  const verifier = createVerifier(platform)
  const app = createApp({ platform, issuer, verifier, adminToken: 'operator-token-for-tests' })
  const citizens = await listCitizens({ store, limit: 1000, offset: 0 })
  const holding = (code: string) => {
    const citizen = citizens.find((c) => c.documents.includes(code))
    if (!citizen) throw new Error(`no seeded citizen holds ${code}`)
    return citizen.id
  }
  return { platform, issuer, verifier, app, now, citizens, holding, close: () => store.close() }
}
