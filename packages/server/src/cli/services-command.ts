import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { type Config, frozenClock, loadConfig, PolisError } from '@polis/kernel'
import { defaultAsOf, listCitizens, seedRegistries } from '@polis/registries'
import {
  checkDefinition,
  createDraft,
  DefinitionRefused,
  findLiveVersion,
  getServiceVersion,
  loadCatalogue,
  type ServiceDefinition,
  type WalkResult,
  walkService,
} from '@polis/services'
import { openStore } from '@polis/store'
import { createPlatform } from '../platform/create-platform.ts'
import { createServiceEngine } from '../services/create-service-engine.ts'
import type { Command } from './command.ts'
import { readInputFile } from './read-input.ts'
import { colour } from './terminal.ts'

const decidedBy = { rules: 'auto', official: 'official', payment: 'pay', bundle: 'bundle' } as const

export const servicesCommand: Command = {
  summary: 'List the e-service catalogue, walk every service end to end (check), export or import a definition',
  usage:
    'polis services [--json]\n' +
    'polis services check [CODE...] [--json]\n' +
    'polis services export CODE [--version N]\n' +
    'polis services import FILE [--json]\n' +
    '  export prints a version’s definition as JSON (the live one unless --version). import\n' +
    '  checks a definition file (every problem printed with its path, exit 1) and makes it\n' +
    '  a draft of its service, to be sent for review and published by a second official.\n' +
    '  check seeds a demo country in memory as of its day (this instance is not touched), submits each\n' +
    '  service’s example answers as a citizen who may apply, and checks the status and\n' +
    '  outputs it reaches. Exits 1 when any service fails.',
  async run({ args, config }) {
    const { values, positionals } = parseArgs({
      args,
      options: { json: { type: 'boolean' }, version: { type: 'string' } },
      allowPositionals: true,
    })
    const [verb, ...codes] = positionals
    if (verb === 'export' || verb === 'import') {
      const [target] = codes
      if (!target || codes.length > 1) throw new PolisError('ERR_BAD_REQUEST', { detail: `polis services ${verb} …` })
      return verb === 'export'
        ? exportDefinition(config, target, values.version)
        : importDefinition(config, target, values.json === true)
    }
    if (verb === undefined) return listCatalogue(config, values.json === true)
    if (verb !== 'check') {
      throw new PolisError('ERR_BAD_REQUEST', {
        detail: 'polis services [check [CODE...] | export CODE | import FILE]',
      })
    }
    const catalogue = loadCatalogue()
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

/** Prints a version's definition (the live one by default), as the file `import` takes. */
async function exportDefinition(config: Config, code: string, version: string | undefined): Promise<number> {
  if (version !== undefined && !/^[1-9]\d{0,8}$/.test(version)) {
    throw new PolisError('ERR_BAD_REQUEST', { detail: '--version is a version number' })
  }
  const platform = await createPlatform({ config })
  try {
    const found = version
      ? await getServiceVersion(platform.store.db, { code, version: Number(version) })
      : await findLiveVersion(platform.store.db, code)
    if (!found) throw new PolisError('ERR_UNKNOWN_SERVICE', { detail: `${code} has no live version` })
    console.log(JSON.stringify(found.definition, null, 2))
    return 0
  } finally {
    await platform.close()
  }
}

/** Checks a definition file and makes it a draft of its service; every problem is printed with its path. */
async function importDefinition(config: Config, file: string, json: boolean): Promise<number> {
  let input: unknown
  try {
    input = JSON.parse(readInputFile(file))
  } catch (cause) {
    if (cause instanceof PolisError) throw cause
    throw new PolisError('ERR_SERVICE_DEFINITION_INVALID', { detail: `${file} is not JSON`, cause })
  }
  const checked = checkDefinition(input)
  if ('problems' in checked) {
    for (const problem of checked.problems) console.error(`${problem.path || '(root)'}: ${problem.message}`)
    throw new DefinitionRefused(checked.problems)
  }
  const platform = await createPlatform({ config })
  try {
    const draft = await createDraft(platform.store, {
      actor: 'operator',
      now: platform.now(),
      code: checked.definition.code,
      definition: checked.definition,
    })
    if (json) console.log(JSON.stringify({ code: draft.code, version: draft.version, state: draft.state }))
    else console.log(`Draft ${draft.code} v${draft.version} created: send it for review in the office.`)
    return 0
  } finally {
    await platform.close()
  }
}

/** The live services of this instance, as its database holds them. */
async function listCatalogue(config: Config, json: boolean): Promise<number> {
  const platform = await createPlatform({ config })
  try {
    const catalogue = platform.services.definitions
    if (json) {
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
  } finally {
    await platform.close()
  }
}
