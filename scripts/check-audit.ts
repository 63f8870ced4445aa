/**
 * `npm run audit`: npm's audit of the lock file against the registry's advisories, failing
 * on any high or critical one (docs/security.md, supply chain). Where the advisory service
 * cannot be reached (an offline build, a mirror that serves packages only) it says so and
 * passes, unless POLIS_AUDIT_REQUIRED=1, as CI with the registry in reach sets.
 */
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { z } from 'zod'

const Severities = z.object({ high: z.number(), critical: z.number() })
const AuditReport = z.union([
  z.object({
    metadata: z.object({ vulnerabilities: Severities.and(z.record(z.string(), z.number())) }),
    vulnerabilities: z.record(z.string(), z.object({ severity: z.string(), via: z.array(z.unknown()) })),
  }),
  z.object({ message: z.string(), statusCode: z.number().optional() }),
  z.object({ error: z.object({ code: z.string().nullish(), summary: z.string() }) }),
])

const result = spawnSync('npm', ['audit', '--json'], { cwd: resolve(import.meta.dirname, '..'), encoding: 'utf8' })
const report = AuditReport.parse(JSON.parse(result.stdout || '{}'))
if (!('metadata' in report)) {
  const why = 'message' in report ? report.message : report.error.summary || report.error.code
  console.warn(`npm audit could not reach the registry's advisory service: ${why}`)
  process.exit(process.env.POLIS_AUDIT_REQUIRED === '1' ? 1 : 0)
}
const counts = report.metadata.vulnerabilities
console.log(
  `npm audit: ${Object.entries(counts)
    .filter(([name]) => name !== 'total')
    .map(([name, count]) => `${count} ${name}`)
    .join(', ')}`,
)
for (const [name, finding] of Object.entries(report.vulnerabilities)) {
  if (finding.severity === 'high' || finding.severity === 'critical') console.error(`${finding.severity}: ${name}`)
}
process.exit(counts.high + counts.critical > 0 ? 1 : 0)
