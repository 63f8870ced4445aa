import { parseArgs } from 'node:util'
import { listCitizens } from '@polis/registries'
import { createPlatform } from '../platform/create-platform.ts'
import type { Command } from './command.ts'
import { table } from './terminal.ts'

export const citizensCommand: Command = {
  summary: 'List citizens of the population register and the documents they hold',
  usage: 'polis citizens [--limit N] [--offset N] [--json]',
  async run({ args, config }) {
    const { values } = parseArgs({
      args,
      options: { limit: { type: 'string' }, offset: { type: 'string' }, json: { type: 'boolean' } },
    })
    const limit = Math.min(Math.max(Number(values.limit ?? 20) || 20, 1), 10_000)
    const offset = Math.max(Number(values.offset ?? 0) || 0, 0)
    const platform = await createPlatform({ config })
    try {
      const citizens = await listCitizens({ store: platform.store, limit, offset, now: platform.now() })
      if (values.json) {
        console.log(JSON.stringify(citizens, null, 2))
      } else {
        console.log(
          table(
            ['ID', 'Name', 'Born', 'Documents'],
            citizens.map((c) => [c.id, c.name, c.birthDate, c.documents.join(', ')]),
          ),
        )
      }
      return 0
    } finally {
      await platform.close()
    }
  },
}
