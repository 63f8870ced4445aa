import { parseArgs } from 'node:util'
import { verifyGlobalConfiguration } from '@polis/exchange'
import { PolisError } from '@polis/kernel'
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
  summary: 'Audit the data exchange: its members and servers, who may read which register, the configuration',
  usage:
    'polis exchange members [--json]\n' +
    'polis exchange rights [--registry R] [--client INSTANCE/CLASS/MEMBER/SUBSYSTEM] [--json]\n' +
    'polis exchange configuration [--json]   (the latest publication, checked against the central registry’s key)',
  async run({ args, config }) {
    const [verb, ...rest] = args
    const { values } = parseArgs({
      args: rest,
      options: { registry: { type: 'string' }, client: { type: 'string' }, json: { type: 'boolean' } },
    })
    if (verb !== 'members' && verb !== 'rights' && verb !== 'configuration') {
      throw new PolisError('ERR_BAD_REQUEST', { detail: 'polis exchange members|rights|configuration' })
    }
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
        const rights = serverPlans()
          .flatMap((plan) => rightsFor(instance, plan.registries, definitions))
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
