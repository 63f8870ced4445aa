import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { sql } from 'kysely'
import { servedInstance } from '../test/served-instance.ts'

// The embedded database on a small volume of its own that the test fills: a tmpfs, which only root may mount.
const mountable = process.getuid?.() === 0
let volume: string
let served: Awaited<ReturnType<typeof servedInstance>> | undefined
before(() => {
  if (!mountable) return
  volume = mkdtempSync(join(tmpdir(), 'polis-full-'))
  execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=48m', 'tmpfs', volume])
})
after(async () => {
  await served?.close()
  if (mountable) {
    execFileSync('umount', [volume])
    rmSync(volume, { recursive: true, force: true })
  }
})

describe('a data disk that fills up (SQLite on a 48 MB volume)', () => {
  it('refuses writes with ERR_STORE_FULL, corrupts nothing, and writes again once there is room', {
    skip: mountable ? false : 'mounting a tmpfs needs root',
    timeout: 300_000,
  }, async () => {
    // The embedded database, whose file is in the data directory, on either engine's run.
    served = await servedInstance({ prefix: 'full', citizens: 20, dataDir: join(volume, 'data'), embedded: true })
    await served.start()
    const [phone] = await served.enrolPhones(1)
    assert.ok(phone)
    assert.equal((await served.registerAddress(phone, `full-${randomUUID()}`, '1')).status, 201)

    // Everything the volume has left, taken by a file that is not the database's.
    const filler = join(volume, 'filler')
    const { bavail, bsize } = statfsSync(volume)
    writeFileSync(filler, Buffer.alloc(Number(bavail) * Number(bsize)))
    let refusal: Awaited<ReturnType<typeof served.registerAddress>> | undefined
    for (let house = 2; house < 40 && refusal?.status !== 507; house++) {
      refusal = await served.registerAddress(phone, `full-${randomUUID()}`, String(house))
    }
    assert.equal(refusal?.status, 507, JSON.stringify(refusal))
    assert.equal(refusal?.code, 'ERR_STORE_FULL')

    rmSync(filler)
    const after = await served.registerAddress(phone, `full-${randomUUID()}`, '100')
    assert.equal(after.status, 201)
    const db = (await served.store()).db
    const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)
    assert.deepEqual(
      check.rows.map((row) => row.integrity_check),
      ['ok'],
    )
    await served.stop()
  })
})
