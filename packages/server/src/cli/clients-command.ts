import { readFileSync } from 'node:fs'
import { parseArgs } from 'node:util'
import { PolisError } from '@polis/kernel'
import { listClients, type PolisScope, registerClient, revokeClient } from '@polis/polis-id'
import { createPlatform } from '../platform/create-platform.ts'
import type { Command } from './command.ts'

export const clientsCommand: Command = {
  summary: 'Register and list the relying parties of Polis ID ("Sign in with Polis")',
  usage:
    'polis clients add --name N --redirect-uri U [--redirect-uri U2] [--scopes openid,profile] [--purpose TEXT] [--jwks FILE] [--json]\n' +
    'polis clients list [--json]\n' +
    'polis clients revoke --client ID --reason TEXT\n' +
    '  Without --jwks the client authenticates with a secret (client_secret_basic), printed once.',
  async run({ args, config }) {
    const [verb, ...rest] = args
    const { values } = parseArgs({
      args: rest,
      options: {
        name: { type: 'string' },
        'redirect-uri': { type: 'string', multiple: true },
        'post-logout-redirect-uri': { type: 'string', multiple: true },
        scopes: { type: 'string' },
        purpose: { type: 'string' },
        jwks: { type: 'string' },
        client: { type: 'string' },
        reason: { type: 'string' },
        json: { type: 'boolean' },
      },
    })
    if (verb !== 'add' && verb !== 'list' && verb !== 'revoke') {
      throw new PolisError('ERR_BAD_REQUEST', { detail: 'polis clients add|list|revoke' })
    }
    const platform = await createPlatform({ config })
    try {
      if (verb === 'list') {
        const clients = await listClients(platform.store)
        if (values.json) console.log(JSON.stringify(clients, null, 2))
        else
          for (const c of clients) {
            console.log(`${c.clientId}  ${c.name}  ${c.redirectUris.join(' ')}${c.revokedAt ? '  (revoked)' : ''}`)
          }
        return 0
      }
      if (verb === 'revoke') {
        if (!values.client || !values.reason) {
          throw new PolisError('ERR_BAD_REQUEST', { detail: '--client and --reason are required' })
        }
        const outcome = await revokeClient(platform.store, {
          clientId: values.client,
          by: 'operator',
          reason: values.reason,
          now: platform.now(),
        })
        if (outcome === 'unknown') throw new PolisError('ERR_NOT_FOUND', { detail: 'no client with this id' })
        if (outcome === 'platform-own') {
          throw new PolisError('ERR_FORBIDDEN', { detail: 'the platform’s own clients are not revoked' })
        }
        if (outcome === 'already-revoked') {
          console.log(`Client ${values.client} was revoked already`)
          return 0
        }
        console.log(`Client ${values.client} revoked`)
        return 0
      }
      if (!values.name || !values['redirect-uri']) {
        throw new PolisError('ERR_BAD_REQUEST', { detail: '--name and --redirect-uri are required' })
      }
      let jwks: unknown
      if (values.jwks) {
        try {
          jwks = JSON.parse(readFileSync(values.jwks, 'utf8'))
        } catch (cause) {
          throw new PolisError('ERR_BAD_REQUEST', { detail: '--jwks is not a readable JSON file', cause })
        }
      }
      const purpose = values.purpose
      const client = await registerClient({
        store: platform.store,
        sealer: platform.keys,
        now: platform.now(),
        registeredBy: 'operator',
        registration: {
          name: values.name,
          redirectUris: values['redirect-uri'],
          postLogoutRedirectUris: values['post-logout-redirect-uri'] ?? [],
          scopes: (values.scopes ?? 'openid,profile').split(',').map((s) => s.trim()) as PolisScope[],
          ...(purpose ? { purpose: { uk: purpose, en: purpose, et: purpose } } : {}),
          ...(jwks ? { jwks: jwks as { keys: Array<Record<string, unknown>> } } : {}),
        },
      })
      const issuer = `${platform.publicUrl}/id`
      if (values.json) {
        console.log(JSON.stringify({ ...client, issuer }, null, 2))
      } else {
        console.log(`Client ${client.clientId} (${client.tokenEndpointAuthMethod}) at issuer ${issuer}`)
        if (client.clientSecret) console.log(`Secret (shown once): ${client.clientSecret}`)
      }
      return 0
    } finally {
      await platform.close()
    }
  },
}
