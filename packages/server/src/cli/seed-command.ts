import { parseArgs } from 'node:util'
import { PolisError } from '@polis/kernel'
import { seedRegistries } from '@polis/registries'
import { createPlatform } from '../platform/create-platform.ts'
import type { Command } from './command.ts'
import { progressBar } from './terminal.ts'

function positiveInteger(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback
  const number = Number(value.replace(/_/g, ''))
  if (!Number.isSafeInteger(number) || number < 1) {
    throw new PolisError('ERR_BAD_REQUEST', { detail: `--${name} must be a positive whole number` })
  }
  return number
}

export const seedCommand: Command = {
  summary: 'Fill the base registries with a deterministic synthetic population',
  usage: 'polis seed --citizens N [--seed S] [--replace]',
  async run({ args, config }) {
    const { values } = parseArgs({
      args,
      options: { citizens: { type: 'string' }, seed: { type: 'string' }, replace: { type: 'boolean' } },
    })
    const citizens = positiveInteger(values.citizens, 'citizens', 1000)
    const seed = values.seed ?? 'polis'
    const platform = await createPlatform({ config })
    try {
      const started = performance.now()
      await seedRegistries({
        store: platform.store,
        citizens,
        seed,
        replace: values.replace ?? false,
        country: config.POLIS_COUNTRY,
        onProgress: progressBar('citizens'),
      })
      const seconds = (performance.now() - started) / 1000
      console.log(
        `Seeded ${citizens.toLocaleString('en')} citizens (seed "${seed}") in ${seconds.toFixed(1)} s on ${platform.store.engine}.`,
      )
      return 0
    } finally {
      await platform.close()
    }
  },
}
