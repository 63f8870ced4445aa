/**
 * `npm run schemas`: writes the published JSON Schema of service definitions
 * (packages/services/service-definition.schema.json) from its zod source; a test fails
 * while the two differ.
 */
import { execFileSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { definitionJsonSchema } from '@polis/services'

const file = new URL('../packages/services/service-definition.schema.json', import.meta.url)
writeFileSync(file, `${JSON.stringify(definitionJsonSchema(), null, 2)}\n`)
// In the repository's own format, so that `biome check` passes on what was written.
execFileSync('npx', ['biome', 'format', '--write', fileURLToPath(file)], { stdio: 'ignore' })
console.log(`wrote ${file.pathname}`)
