/**
 * `npm run schemas`: writes the published JSON Schema of service definitions
 * (packages/services/service-definition.schema.json) from its zod source; a test fails
 * while the two differ.
 */
import { writeFileSync } from 'node:fs'
import { definitionJsonSchema } from '@polis/services'

const file = new URL('../packages/services/service-definition.schema.json', import.meta.url)
writeFileSync(file, `${JSON.stringify(definitionJsonSchema(), null, 2)}\n`)
console.log(`wrote ${file.pathname}`)
