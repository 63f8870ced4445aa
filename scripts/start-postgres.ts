import { execFileSync, spawnSync } from 'node:child_process'
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** A throwaway PostgreSQL cluster for tests: its URL and how to stop it. */
export interface ThrowawayPostgres {
  url: string
  /** The same server through its Unix socket, as a database on the same machine is reached. */
  socketUrl: string
  /** The cluster's data directory (its `postmaster.pid` names the server process). */
  dataDir: string
  /** Stops the server but keeps its data, as an outage would (`pg_ctl stop -m fast`). */
  pause(): void
  /** Starts it again on the same data and port after `pause`. */
  resume(): void
  stop(): void
}

function findBinaries(): string {
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : []
  for (const version of versions) {
    const bin = join(root, version, 'bin')
    if (existsSync(join(bin, 'initdb'))) return bin
  }
  throw new Error(
    'PostgreSQL server binaries not found under /usr/lib/postgresql; install them with `apt-get install postgresql`',
  )
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

/**
 * Starts a PostgreSQL cluster in a temporary directory on a free loopback port.
 * PostgreSQL refuses to run as root, so as root it runs as the `postgres` user.
 */
export async function startPostgres(): Promise<ThrowawayPostgres> {
  const bin = findBinaries()
  const dir = mkdtempSync(join(tmpdir(), 'polis-pg-'))
  const data = join(dir, 'data')
  const port = await freePort()
  const asRoot = process.getuid?.() === 0
  const run = (command: string, args: string[]) => {
    const full = join(bin, command)
    const [file, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', full, ...args]] : [full, args]
    const result = spawnSync(file as string, argv as string[], { encoding: 'utf8' })
    if (result.status !== 0) {
      throw new Error(`${command} failed (${result.status}): ${result.stderr || result.stdout}`)
    }
  }
  if (asRoot) {
    chmodSync(dir, 0o777)
    execFileSync('chown', ['postgres', dir])
  }
  run('initdb', ['-D', data, '-U', 'polis', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C'])
  const settings = `-c listen_addresses=127.0.0.1 -c port=${port} -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`
  const start = () => run('pg_ctl', ['-D', data, '-o', settings, '-l', join(dir, 'log'), '-w', '-t', '60', 'start'])
  start()
  const stop = () => {
    spawnSync(asRoot ? 'runuser' : join(bin, 'pg_ctl'), [
      ...(asRoot ? ['-u', 'postgres', '--', join(bin, 'pg_ctl')] : []),
      '-D',
      data,
      '-m',
      'immediate',
      'stop',
    ])
    rmSync(dir, { recursive: true, force: true })
  }
  return {
    url: `postgres://polis@127.0.0.1:${port}/postgres`,
    socketUrl: `postgres://polis@/postgres?host=${encodeURIComponent(dir)}&port=${port}`,
    dataDir: data,
    pause: () => run('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']),
    resume: start,
    stop,
  }
}
