import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import { verifyGlobalConfiguration } from '@polis/exchange'
import { PolisError } from '@polis/kernel'
import {
  addExchangeFederation,
  anchorFingerprint,
  ExchangeAnchor,
  federatedRights,
  grantFederatedRight,
  listExchangeFederations,
  revokeFederatedRight,
} from '../exchange/exchange-federations.ts'
import { centralKeyId, latestConfiguration } from '../exchange/exchange-material.ts'
import { membersOf, rightsFor, serverPlans } from '../exchange/exchange-members.ts'
import { createPlatform } from '../platform/create-platform.ts'
import type { Command } from './command.ts'

/**
 * The exchange as its operator audits it, from the database alone (no server is started):
 * its members and their security servers, the access rights each register's keeper grants
 * (worked out from the live services, as the keepers do), and the central registry's
 * latest publication, checked against its key.
 */
export const exchangeCommand: Command = {
  summary:
    'Audit the data exchange: its members and servers, who may read which register, the configuration; federate with another instance',
  usage:
    'polis exchange members [--json]\n' +
    'polis exchange rights [--registry R] [--client INSTANCE/CLASS/MEMBER/SUBSYSTEM] [--json]\n' +
    'polis exchange configuration [--json]   (the latest publication, checked against the central registry’s key)\n' +
    'polis exchange anchor                   (this instance’s anchor, JSON, and its fingerprint on stderr)\n' +
    'polis exchange federate INSTANCE --url URL (--anchor FILE | --anchor-sha256 FINGERPRINT)\n' +
    'polis exchange federations [--json]     (the instances federated with, and their configurations held)\n' +
    'polis exchange grant CLIENT SERVICE [--method M] [--path TEMPLATE]   (a right for another instance’s client)\n' +
    'polis exchange revoke CLIENT SERVICE    (what was granted to that client on that service, withdrawn)',
  async run({ args, config }) {
    const [verb, ...rest] = args
    const { values } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        registry: { type: 'string' },
        client: { type: 'string' },
        json: { type: 'boolean' },
        url: { type: 'string' },
        anchor: { type: 'string' },
        'anchor-sha256': { type: 'string' },
        method: { type: 'string' },
        path: { type: 'string' },
      },
    })
    const verbs = ['members', 'rights', 'configuration', 'anchor', 'federate', 'federations', 'grant', 'revoke']
    if (!verbs.includes(verb ?? '')) {
      throw new PolisError('ERR_BAD_REQUEST', { detail: `polis exchange ${verbs.join('|')}` })
    }
    const positionals = parseArgs({ args: rest, allowPositionals: true, strict: false }).positionals
    const platform = await createPlatform({ config, exchange: 'off' })
    const instance = config.POLIS_COUNTRY_CODE
    const print = (value: unknown, lines: () => string[]) => {
      if (values.json) console.log(JSON.stringify(value, null, 2))
      else for (const line of lines()) console.log(line)
    }
    try {
      const definitions = platform.services.definitions
      if (verb === 'members') {
        const members = membersOf(instance, definitions).map(({ code, name, subsystems }) => ({
          code,
          name,
          subsystems,
        }))
        const servers = serverPlans()
        print({ members, servers }, () => [
          ...members.map((m) => `${instance}/GOV/${m.code}  ${m.name}: ${m.subsystems.join(', ')}`),
          '',
          ...servers.map(
            (s) =>
              `${s.code}  ${instance}/GOV/${s.owner}${s.registries.length > 0 ? `  registers: ${s.registries.join(', ')}` : '  the reading systems of every agency'}`,
          ),
        ])
        return 0
      }
      if (verb === 'rights') {
        // The rights worked out from the live services, and those granted to federated instances' clients.
        const foreign = await federatedRights(platform.store, instance)
        const rights = [
          ...serverPlans().flatMap((plan) => rightsFor(instance, plan.registries, definitions)),
          ...foreign,
        ]
          .filter((r) => !values.registry || r.service.subsystemCode === values.registry)
          .filter((r) => !values.client || ('client' in r.to && r.to.client === values.client))
          .map((r) => ({
            service: `${r.service.instance}/${r.service.memberClass}/${r.service.memberCode}/${r.service.subsystemCode}/${r.service.serviceCode}`,
            endpoint: `${r.endpoint.method} ${r.endpoint.path}`,
            to: 'client' in r.to ? r.to.client : `group ${r.to.group}`,
          }))
        print(rights, () => rights.map((r) => `${r.to}  ${r.endpoint}  ${r.service}`))
        return 0
      }
      if (verb === 'anchor') {
        const key = await platform.keys.findPublicKey(centralKeyId)
        if (!key) throw new PolisError('ERR_NOT_FOUND', { detail: 'no central registry key: start the server once' })
        const anchor = ExchangeAnchor.parse({ instance, publicKey: { kty: key.kty, crv: key.crv, x: key.x, y: key.y } })
        console.log(JSON.stringify(anchor, null, 2))
        console.error(`fingerprint (--anchor-sha256): ${await anchorFingerprint(anchor)}`)
        return 0
      }
      if (verb === 'federate') {
        const [other] = positionals
        if (!other || !values.url || (!values.anchor && !values['anchor-sha256'])) {
          throw new PolisError('ERR_BAD_REQUEST', {
            detail: 'polis exchange federate INSTANCE --url URL (--anchor FILE | --anchor-sha256 FINGERPRINT)',
          })
        }
        const added = await addExchangeFederation(platform.store, {
          instance: other,
          url: values.url,
          ...(values.anchor ? { anchor: JSON.parse(await readFile(values.anchor, 'utf8')) as unknown } : {}),
          ...(values['anchor-sha256'] ? { anchorSha256: values['anchor-sha256'] } : {}),
          fetchText: (url) => fetch(url),
          now: platform.now(),
        })
        console.log(
          `${added.instance}: configuration serial ${added.serial} checked against its anchor, good until ${added.expiresAt}; ${added.members} members. Grant its clients rights with polis exchange grant.`,
        )
        return 0
      }
      if (verb === 'federations') {
        const held = await listExchangeFederations(platform.store)
        print(held, () =>
          held.map(
            (f) =>
              `${f.instance}  ${f.url}  serial ${f.serial ?? '-'}, good until ${f.expiresAt ?? '-'}${f.lastError ? `; last refresh refused: ${f.lastError}` : ''}`,
          ),
        )
        return 0
      }
      if (verb === 'revoke') {
        const [client, service] = positionals
        if (!client || !service)
          throw new PolisError('ERR_BAD_REQUEST', { detail: 'polis exchange revoke CLIENT SERVICE' })
        const revoked = await revokeFederatedRight(platform.store, { client, service })
        console.log(`${revoked} right${revoked === 1 ? '' : 's'} of ${client} on ${service} withdrawn.`)
        return revoked > 0 ? 0 : 1
      }
      if (verb === 'grant') {
        const [client, service] = positionals
        if (!client || !service) {
          throw new PolisError('ERR_BAD_REQUEST', {
            detail: 'polis exchange grant CLIENT SERVICE [--method M] [--path P]',
          })
        }
        await grantFederatedRight(platform.store, {
          client,
          service,
          method: values.method ?? '*',
          path: values.path ?? '**',
          now: platform.now(),
        })
        console.log(`${client} may call ${service} (${values.method ?? '*'} ${values.path ?? '**'}).`)
        return 0
      }
      const signed = await latestConfiguration(platform.store).catch(() => {
        throw new PolisError('ERR_NOT_FOUND', { detail: 'no configuration published yet: start the server once' })
      })
      const key = await platform.keys.findPublicKey(centralKeyId)
      if (!key) throw new PolisError('ERR_NOT_FOUND', { detail: 'no central registry key' })
      // Checked as a security server checks it; an expired one is said, not hidden.
      const configuration = await verifyGlobalConfiguration(signed, { instance, publicKey: key }, platform.now())
      print(configuration, () => [
        `serial ${configuration.serial}, issued ${configuration.issuedAt}, good until ${configuration.expiresAt}`,
        `${configuration.members.length} members, ${configuration.exchangeCas.length} exchange CA`,
        ...configuration.securityServers.map(
          (s) => `${s.serverCode}  ${s.address}  certificate ${s.tlsCertificateSha256}  ${s.clients.length} clients`,
        ),
      ])
      return 0
    } finally {
      await platform.close()
    }
  },
}
