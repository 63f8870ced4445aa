import { generateKeyPairSync, sign } from 'node:crypto'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { derSignatureToRaw, type PublicJwk } from '@polis/kernel'
import { openStore } from '@polis/store'
import {
  buildInclusionProof,
  createEcdsaNoteSigner,
  encodeLogEntry,
  hashChildren,
  hashContent,
  hashLeaf,
  type LogEntry,
  openTransparencyLog,
  parseLogEntry,
  tagSubject,
} from '@polis/transparency-log'
import { type Benchmark, compare } from './measure.ts'

const batch = 1000
const subjectKey = Buffer.alloc(32, 9)

/** A message between two security servers as both log it: parties, service, purpose, hashes. */
function message(i: number): LogEntry {
  return parseLogEntry({
    kind: 'exchange.request',
    at: new Date(Date.UTC(2026, 10, 27, 12, 0, 0, i % 1000)).toISOString(),
    actor: 'PL/GOV/address-service/portal',
    counterpart: 'PL/GOV/population/registry',
    service: 'person-residence',
    purpose: `application:${10_000 + (i % 977)}`,
    subject: tagSubject({ key: subjectKey, citizenId: `citizen-${i % 5000}` }),
    hashes: { request: hashContent(`request ${i}`), response: hashContent(`response ${i}`) },
  })
}

/** A log in an embedded database file, as `npm start` keeps it, with a P-256 checkpoint key. */
async function openBenchLog() {
  const dir = mkdtempSync(join(tmpdir(), 'polis-tlog-bench-'))
  const store = await openStore({ dataDir: dir })
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const { signer } = createEcdsaNoteSigner({
    name: 'polis.bench/log',
    publicJwk: publicKey.export({ format: 'jwk' }) as PublicJwk,
    sign: async (data) => derSignatureToRaw(sign('sha256', data, privateKey)),
  })
  const log = await openTransparencyLog({ store, origin: 'polis.bench/log', signer, now: () => new Date() })
  return {
    log,
    close: async () => {
      await store.close()
      rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** Entries a second of `run` over batches of `batch` entries for about `seconds`: by the clock, and by this process's CPU time. */
async function entriesPerSecond(run: (entries: LogEntry[]) => Promise<unknown> | unknown, seconds = 2) {
  const entries = Array.from({ length: batch }, (_, i) => message(i))
  await run(entries)
  let count = 0
  const started = performance.now()
  const cpu = process.cpuUsage()
  while (performance.now() - started < seconds * 1000) {
    await run(entries)
    count += entries.length
  }
  const used = process.cpuUsage(cpu)
  return {
    wall: Math.round((count / (performance.now() - started)) * 1000),
    cpu: Math.round(count / ((used.user + used.system) / 1e6)),
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number

/** The SHA-256 an append does for a batch, and nothing else: a leaf a entry and about one node (the raw bound). */
function hashOnly(entries: LogEntry[]): void {
  let carry: Uint8Array | undefined
  for (const entry of entries) {
    const leaf = hashLeaf(encodeLogEntry(entry))
    carry = carry ? hashChildren(carry, leaf) : leaf
  }
}

export const benchmarks: Benchmark[] = [
  {
    name: 'log.append',
    description:
      'Entries appended per second to the transparency log in an embedded SQLite file, in batches of 1,000 (one transaction a batch: entries, leaf and interior hashes, head), checkpoint every 1,000',
    async run() {
      const { log, close } = await openBenchLog()
      try {
        // Interleaved rounds, so that a busy moment of the machine hits both alike.
        const ours: Array<{ wall: number; cpu: number }> = []
        const bound: Array<{ wall: number; cpu: number }> = []
        for (let round = 0; round < 3; round++) {
          ours.push(await entriesPerSecond((entries) => log.append(entries)))
          bound.push(await entriesPerSecond(hashOnly))
        }
        return {
          name: 'log.append',
          value: median(ours.map((r) => r.wall)),
          unit: 'entries/s',
          baselines: { 'sha256.bound': median(bound.map((r) => r.wall)) },
          notes: `batches of ${batch}; ${median(ours.map((r) => r.cpu)).toLocaleString('en')} entries a CPU second (bound ${median(bound.map((r) => r.cpu)).toLocaleString('en')}); ${(await log.head()).size.toLocaleString('en')} entries at the end`,
        }
      } finally {
        await close()
      }
    },
  },
  {
    name: 'log.prove',
    description:
      'Inclusion proofs per second from a log of 100,000 entries in an embedded SQLite file (one indexed read of O(log n) stored subtrees a proof), beside the same proofs from a tree in memory and the SHA-256 of verifying one',
    async run() {
      const { log, close } = await openBenchLog()
      try {
        const size = 100_000
        for (let from = 0; from < size; from += 5000) {
          await log.append(Array.from({ length: 5000 }, (_, i) => message(from + i)))
        }
        // The same proofs from nodes in memory: what a proof costs without the database.
        const nodes = new Map<string, Uint8Array>()
        const lookup = (key: { level: number; index: number }) => {
          const name = `${key.level}/${key.index}`
          const hash = nodes.get(name) ?? hashLeaf(Buffer.from(name))
          nodes.set(name, hash)
          return hash
        }
        const index = (i: number) => (i * 7919) % size
        const leaf = hashLeaf(encodeLogEntry(message(0)))
        const rates = await compare(
          {
            'log.prove': (i) => log.proveInclusion({ index: index(i), size }),
            'in-memory tree': (i) => buildInclusionProof({ index: index(i), size, lookup }),
            // The SHA-256 of checking one proof: a path of 17 hashes in a tree of 100,000.
            'sha256.bound': () => {
              let hash = leaf
              for (let level = 0; level < 17; level++) hash = hashChildren(hash, leaf)
              return hash
            },
          },
          { seconds: 1, rounds: 3 },
        )
        const value = rates['log.prove'] as number
        const memory = rates['in-memory tree'] as number
        const verifyHashes = rates['sha256.bound'] as number
        return {
          name: 'log.prove',
          value,
          unit: 'proofs/s',
          baselines: { 'in-memory tree': memory, 'sha256.bound': verifyHashes },
          notes: `log of ${size.toLocaleString('en')} entries`,
        }
      } finally {
        await close()
      }
    },
  },
]
