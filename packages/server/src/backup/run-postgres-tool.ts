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
 * Runs pg_dump or psql against a database URL, feeding `input` and collecting standard
 * output. The URL goes on the command line as the tool takes it and is never in an error:
 * it may hold a password. The tool's own complaints go to this process's standard error.
 */
export function runPostgresTool(
  name: 'pg_dump' | 'psql',
  options: { args: string[]; input?: Uint8Array },
): Promise<Buffer> {
  const path = findTool(name)
  return new Promise((resolve, reject) => {
    const child = spawn(path, options.args, { stdio: ['pipe', 'pipe', 'inherit'] })
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
