/**
 * `npm run bench [name...]`: runs the benchmarks (all, or those whose name starts with
 * one given), prints a table and writes bench/results.json and bench/results.md.
 * Each figure stands beside baselines measured in the same process and run.
 */
import { writeFileSync } from 'node:fs'
import { availableParallelism } from 'node:os'
import { benchmarks as exchange } from './exchange.bench.ts'
import { benchmarks as id } from './id.bench.ts'
import type { Benchmark, BenchResult } from './measure.ts'
import { benchmarks as oid4vci } from './oid4vci.bench.ts'
import { benchmarks as oid4vp } from './oid4vp.bench.ts'
import { benchmarks as qr } from './qr.bench.ts'
import { benchmarks as sdJwtVc } from './sd-jwt-vc.bench.ts'
import { benchmarks as services } from './services.bench.ts'
import { benchmarks as transparencyLog } from './transparency-log.bench.ts'

const all: Benchmark[] = [...sdJwtVc, ...oid4vci, ...oid4vp, ...qr, ...id, ...services, ...transparencyLog, ...exchange]
const wanted = process.argv.slice(2)
const selected = wanted.length === 0 ? all : all.filter((b) => wanted.some((w) => b.name.startsWith(w)))
if (selected.length === 0) {
  console.error(`No benchmark matches ${wanted.join(', ')}. Known: ${all.map((b) => b.name).join(', ')}`)
  process.exit(2)
}

const results: BenchResult[] = []
for (const benchmark of selected) {
  process.stderr.write(`running ${benchmark.name}…\n`)
  results.push(await benchmark.run())
}

const format = (n: number) => Math.round(n).toLocaleString('en')
const rows = results.map((r) => {
  const baselines = Object.entries(r.baselines)
    .map(([name, value]) => `${name} ${format(value)} (×${(r.value / value).toFixed(2)})`)
    .join('; ')
  return `| ${r.name} | ${format(r.value)} ${r.unit} | ${baselines}${r.notes ? `; ${r.notes}` : ''} |`
})
const table = [
  `Node ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} cores, ${new Date().toISOString()}`,
  '',
  '| benchmark | value | baselines in the same run (value ÷ baseline) |',
  '| --- | --- | --- |',
  ...rows,
].join('\n')
const directory = new URL('./', import.meta.url)
writeFileSync(new URL('results.json', directory), `${JSON.stringify(results, null, 2)}\n`)
writeFileSync(new URL('results.md', directory), `${table}\n`)
console.log(table)
