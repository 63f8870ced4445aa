import { spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { PolisError } from '@polis/kernel'

/**
 * Where PostgreSQL's client tool is: the newest version under /usr/lib/postgresql first
 * (pg_dump must be at least as new as the server, and Debian's /usr/bin wrapper picks by
 * cluster, which a remote database has none of), then PATH.
 */
function findTool(name: 'pg_dump' | 'psql'): string {
  const root = '/usr/lib/postgresql'
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : []
  for (const version of versions) {
    const path = join(root, version, 'bin', name)
    if (existsSync(path)) return path
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && existsSync(join(dir, name))) return join(dir, name)
  }
  throw new PolisError('ERR_BACKUP_TOOL_FAILED', {
    detail: `${name} not found under /usr/lib/postgresql or on PATH (apt-get install postgresql-client)`,
  })
}

/**
 * The URL without its password, and the password apart: a command line is readable by every
 * user of the machine (`ps`), the environment of a process only by its owner.
 */
function splitPassword(databaseUrl: string): { url: string; password: string | undefined } {
  const url = new URL(databaseUrl)
  const password = url.password ? decodeURIComponent(url.password) : undefined
  url.password = ''
  return { url: url.href, password }
}

/**
 * Runs pg_dump or psql on the database at `databaseUrl`, feeding `input` and collecting
 * standard output. The password goes to the tool as PGPASSWORD, never on its command line,
 * and the URL is never in an error. The tool's own complaints go to this process's standard error.
 */
export function runPostgresTool(
  name: 'pg_dump' | 'psql',
  options: { databaseUrl: string; args: string[]; input?: Uint8Array },
): Promise<Buffer> {
  const path = findTool(name)
  const { url, password } = splitPassword(options.databaseUrl)
  const env = password === undefined ? process.env : { ...process.env, PGPASSWORD: password }
  return new Promise((resolve, reject) => {
    const child = spawn(path, [...options.args, '--dbname', url], { stdio: ['pipe', 'pipe', 'inherit'], env })
    const chunks: Buffer[] = []
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk))
    child.on('error', (cause) =>
      reject(new PolisError('ERR_BACKUP_TOOL_FAILED', { detail: `${name} did not start`, cause })),
    )
    child.on('close', (code) => {
      if (code === 0) resolve(Buffer.concat(chunks))
      else reject(new PolisError('ERR_BACKUP_TOOL_FAILED', { detail: `${name} exited with ${code}` }))
    })
    child.stdin.on('error', () => {})
    child.stdin.end(options.input ?? Buffer.alloc(0))
  })
}
