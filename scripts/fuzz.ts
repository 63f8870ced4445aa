/**
 * `npm run fuzz`: the dedicated run of the property-based tests (fast-check) over the
 * parsers and endpoint inputs. It runs every test file that uses fast-check with
 * POLIS_FUZZ_SCALE (default 10) multiplying each property's cases, counts the cases run
 * (scripts/count-fuzz-cases.ts), prints the total per file and in all with the time taken,
 * and fails when a test fails or, at the default scale, fewer than 100,000 cases ran.
 * Usage: npm run fuzz [-- file.test.ts ...]   (POLIS_FUZZ_SCALE=5 npm run fuzz for a shorter run)
 */
import { spawnSync } from 'node:child_process'
import { globSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative, resolve } from 'node:path'
import { z } from 'zod'

const root = resolve(import.meta.dirname, '..')
const minimumCases = 100_000
const defaultScale = '10'

function fuzzFiles(): string[] {
  const tests = globSync(['packages/*/src/**/*.test.ts', 'apps/*/src/**/*.test.ts'], { cwd: root })
  return tests.filter((file) => /from 'fast-check'/.test(readFileSync(join(root, file), 'utf8'))).sort()
}

const Count = z.object({ file: z.string(), properties: z.number(), cases: z.number() })

const given = process.argv.slice(2)
const files = given.length > 0 ? given : fuzzFiles()
const scale = process.env.POLIS_FUZZ_SCALE || defaultScale
const directory = mkdtempSync(join(tmpdir(), 'polis-fuzz-'))
const countFile = join(directory, 'counts.jsonl')
const started = performance.now()
console.log(`fuzzing ${files.length} test files, each property's cases times ${scale}\n`)
const result = spawnSync(
  process.execPath,
  ['--import', join(root, 'scripts/count-fuzz-cases.ts'), '--test', '--test-concurrency=2', ...files],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TZ: 'UTC', POLIS_FUZZ_SCALE: scale, POLIS_FUZZ_COUNT_FILE: countFile },
  },
)
const seconds = (performance.now() - started) / 1000
let counts: z.infer<typeof Count>[] = []
try {
  counts = readFileSync(countFile, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => Count.parse(JSON.parse(line)))
} catch {
  // No file: no property ran, which the total below reports as zero.
}
rmSync(directory, { recursive: true, force: true })

console.log('\ncases   properties  file')
for (const count of counts.sort((a, b) => b.cases - a.cases)) {
  console.log(
    `${String(count.cases).padStart(7)} ${String(count.properties).padStart(6)}      ${relative(root, count.file)}`,
  )
}
const total = counts.reduce((sum, count) => sum + count.cases, 0)
const properties = counts.reduce((sum, count) => sum + count.properties, 0)
console.log(
  `\n${total.toLocaleString('en')} cases of ${properties} properties in ${seconds.toFixed(0)} s (scale ${scale})`,
)
const failed = result.status !== 0
const tooFew = !process.env.POLIS_FUZZ_SCALE && given.length === 0 && total < minimumCases
if (tooFew) console.error(`fewer than ${minimumCases.toLocaleString('en')} cases ran`)
process.exit(failed || tooFew ? 1 : 0)
