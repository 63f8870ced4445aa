import { readdirSync, readFileSync } from 'node:fs'
import { PolisError } from '@polis/kernel'
import { z } from 'zod'
import { bundlePartProblems } from './bundles.ts'
import { parseDefinition, ServiceDefinition } from './definition.ts'

const catalogueDirectory = new URL('../catalogue/', import.meta.url)

/**
 * The services the platform ships, one JSON file each in `packages/services/catalogue`,
 * checked when loaded: a file that does not validate stops the start with the path of
 * its problem, and a file must be named by its service's code.
 */
export function loadCatalogue(): ServiceDefinition[] {
  const files = readdirSync(catalogueDirectory)
    .filter((name) => name.endsWith('.json'))
    .sort()
  const definitions = files.map((file) => {
    let json: unknown
    try {
      json = JSON.parse(readFileSync(new URL(file, catalogueDirectory), 'utf8'))
    } catch (cause) {
      throw new PolisError('ERR_SERVICE_DEFINITION_INVALID', { detail: `${file} is not JSON`, cause })
    }
    let definition: ServiceDefinition
    try {
      definition = parseDefinition(json)
    } catch (error) {
      if (error instanceof PolisError) {
        throw new PolisError('ERR_SERVICE_DEFINITION_INVALID', { detail: `${file}: ${error.detail}` })
      }
      throw error
    }
    if (`${definition.code}.json` !== file) {
      throw new PolisError('ERR_SERVICE_DEFINITION_INVALID', { detail: `${file} defines ${definition.code}` })
    }
    return definition
  })
  // A bundle's parts are services of the same catalogue.
  const byCode = new Map(definitions.map((d) => [d.code, d]))
  for (const definition of definitions) {
    const [problem] = bundlePartProblems(definition, (code) => byCode.get(code))
    if (problem) {
      const detail = `${definition.code}.json: ${problem.path}: ${problem.message}`
      throw new PolisError('ERR_SERVICE_DEFINITION_INVALID', { detail })
    }
  }
  return definitions
}

/** The published JSON Schema of a service definition (`packages/services/service-definition.schema.json`). */
export function definitionJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(ServiceDefinition, { io: 'input', unrepresentable: 'any' }),
    $id: 'https://polis.dev/schemas/service-definition.json',
    title: 'Polis service definition',
  }
}
