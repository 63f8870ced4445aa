import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { frozenClock, loadConfig, PolisError } from '@polis/kernel'
import { defaultAsOf, listCitizens, seedRegistries } from '@polis/registries'
import { loadCatalogue, type ServiceDefinition, type WalkResult, walkService } from '@polis/services'
import { openStore } from '@polis/store'
import { createPlatform } from '../platform/create-platform.ts'
import { createServiceEngine } from '../services/create-service-engine.ts'
import type { Command } from './command.ts'
import { colour } from './terminal.ts'

const decidedBy = { rules: 'auto', official: 'official', payment: 'pay' } as const

export const servicesCommand: Command = {
  summary: 'List the e-service catalogue, or walk every service end to end (check)',
  usage:
    'polis services [--json]\n' +
    'polis services check [CODE...] [--json]\n' +
    '  check seeds a demo country in memory as of its day (this instance is not touched), submits each\n' +
    '  service’s example answers as a citizen who may apply, and checks the status and\n' +
    '  outputs it reaches. Exits 1 when any service fails.',
  async run({ args }) {
    const { values, positionals } = parseArgs({ args, options: { json: { type: 'boolean' } }, allowPositionals: true })
    const [verb, ...codes] = positionals
    const catalogue = loadCatalogue()
    if (verb === undefined) {
      if (values.json) {
        console.log(
          JSON.stringify(
            catalogue.map((d) => ({
              code: d.code,
              version: d.version,
              name: d.name,
              agency: d.agency,
              decidedBy: decidedBy[d.decision.by],
            })),
            null,
            2,
          ),
        )
      } else {
        for (const d of catalogue)
          console.log(`${d.code.padEnd(32)} v${d.version}  ${decidedBy[d.decision.by].padEnd(8)} ${d.name.en}`)
      }
      return 0
    }
    if (verb !== 'check') throw new PolisError('ERR_BAD_REQUEST', { detail: 'polis services [check [CODE...]]' })
    const unknown = codes.filter((code) => !catalogue.some((d) => d.code === code))
    if (unknown.length > 0) throw new PolisError('ERR_UNKNOWN_SERVICE', { detail: unknown.join(', ') })
    const store = await openStore({ dataDir: ':memory:' })
    // The demo country as it stands on the day it is generated for: the walk does not age with the calendar.
    const platform = await createPlatform({
      now: frozenClock(`${defaultAsOf}T10:00:00Z`),
      config: loadConfig({
        POLIS_DATA_DIR: mkdtempSync(join(tmpdir(), 'polis-check-')),
        POLIS_KEY_ENCRYPTION_KEY: 'c'.repeat(64),
      }),
      store,
      warn: () => {},
    })
    try {
      await seedRegistries({ store, citizens: 200, seed: 'polis-demo', replace: false })
      const citizens = (await listCitizens({ store, limit: 200, offset: 0 })).map((c) => c.id)
      const engine = createServiceEngine(platform)
      const results: WalkResult[] = []
      // Services that write the registries walk last, so that one's writes (a new displaced
      // person) do not change whom the services that only read them walk with.
      const writes = (d: ServiceDefinition) => d.outputs.some((o) => o.type === 'registry-update')
      const walked = catalogue
        .filter((d) => codes.length === 0 || codes.includes(d.code))
        .sort((a, b) => Number(writes(a)) - Number(writes(b)))
      for (const definition of walked) {
        const result = await walkService(engine.ports, definition, citizens)
        results.push(result)
        if (!values.json) {
          const mark = result.ok ? colour.green('✔') : colour.red('✖')
          console.log(
            `${mark} ${definition.code.padEnd(32)} ${result.status ?? '-'}${result.problem ? `  ${result.problem}` : ''}`,
          )
        }
      }
      const failed = results.filter((r) => !r.ok).length
      if (values.json) console.log(JSON.stringify({ results, passed: results.length - failed, failed }, null, 2))
      else console.log(`\n${results.length - failed} of ${results.length} services passed`)
      return failed === 0 ? 0 : 1
    } finally {
      await platform.close()
    }
  },
}
