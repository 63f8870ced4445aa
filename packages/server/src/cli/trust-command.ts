import { parseArgs } from 'node:util'
import { PolisError } from '@polis/kernel'
import {
  addFederatedCountry,
  listFederatedCountries,
  refreshFederatedCountries,
  setIssuerWithdrawn,
} from '../federation/federated-countries.ts'
import { anchorPem } from '../platform/build-trust-list.ts'
import { createPlatform, type Platform } from '../platform/create-platform.ts'
import type { Command } from './command.ts'

const usage = `polis trust export
  polis trust add-country CODE --url URL --anchor-sha256 HEX   rely on another country's trust list
  polis trust countries [--json]                               the countries relied on, and their lists' state
  polis trust refresh                                          fetch their lists now (the server does every 10 minutes)
  polis trust withdraw AGENCY | reinstate AGENCY               take one of this country's issuers off its list, or back`

async function withPlatform(
  config: Parameters<Command['run']>[0]['config'],
  run: (platform: Platform) => Promise<number>,
) {
  const platform = await createPlatform({ config })
  try {
    return await run(platform)
  } finally {
    await platform.close()
  }
}

export const trustCommand: Command = {
  summary: 'The national trust anchor, and trust federation with other countries',
  usage,
  async run({ args, config }) {
    const [action, ...rest] = args
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { url: { type: 'string' }, 'anchor-sha256': { type: 'string' }, json: { type: 'boolean' } },
    })
    switch (action) {
      case 'export':
        return withPlatform(config, async (platform) => {
          process.stdout.write(anchorPem(platform))
          return 0
        })
      case 'add-country': {
        const [code] = positionals
        const url = values.url
        const anchor = values['anchor-sha256']
        if (!code || !url || !anchor) throw new PolisError('ERR_BAD_REQUEST', { detail: `usage: ${usage}` })
        return withPlatform(config, async (platform) => {
          const outcome = await addFederatedCountry(platform, { code, url, anchorSha256: anchor })
          if (outcome.ok) {
            console.log(
              `${outcome.code}: trust list checked; ${outcome.issuers} issuers, ${outcome.statusLists} status lists.`,
            )
          }
          return 0
        })
      }
      case 'countries':
        return withPlatform(config, async (platform) => {
          const countries = (await listFederatedCountries(platform)).map((held) => ({
            code: held.code,
            name: held.checked?.trust.country.name,
            url: held.listUrl,
            anchorSha256: held.anchorSha256,
            fetchedAt: held.fetchedAt,
            validUntil: held.checked?.trust.expiresAt.toISOString(),
            issuers: held.checked?.trust.issuers.map((issuer) => issuer.id),
            withdrawn: [...new Set([...(held.checked?.trust.withdrawn.values() ?? [])].map((c) => c.issuer.id))],
            lastError: held.lastError,
          }))
          if (values.json) {
            console.log(JSON.stringify(countries, null, 2))
          } else {
            for (const country of countries) {
              console.log(
                `${country.code}  ${country.name ?? '?'}  fetched ${country.fetchedAt ?? 'never'}, valid until ${country.validUntil ?? '-'}; ${country.issuers?.length ?? 0} issuers, withdrawn: ${country.withdrawn.join(', ') || 'none'}${country.lastError ? `; last refresh refused: ${country.lastError}` : ''}`,
              )
            }
          }
          return 0
        })
      case 'refresh':
        return withPlatform(config, async (platform) => {
          const outcomes = await refreshFederatedCountries(platform)
          for (const outcome of outcomes) {
            console.log(
              outcome.ok
                ? `${outcome.code}: refreshed; ${outcome.issuers} issuers, ${outcome.statusLists} status lists.`
                : `${outcome.code}: refused ${outcome.error}${outcome.detail ? ` (${outcome.detail})` : ''}; the list held stays until it expires.`,
            )
          }
          return outcomes.every((outcome) => outcome.ok) ? 0 : 1
        })
      case 'withdraw':
      case 'reinstate': {
        const [agency] = positionals
        if (!agency) throw new PolisError('ERR_BAD_REQUEST', { detail: `usage: ${usage}` })
        return withPlatform(config, async (platform) => {
          await setIssuerWithdrawn(platform, { agency, withdrawn: action === 'withdraw' })
          console.log(`${agency} ${action === 'withdraw' ? 'withdrawn from' : 'reinstated on'} the trust list.`)
          return 0
        })
      }
      default:
        throw new PolisError('ERR_BAD_REQUEST', { detail: `usage: ${usage}` })
    }
  },
}
