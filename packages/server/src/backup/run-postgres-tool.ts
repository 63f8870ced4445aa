import { spawn } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
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
 * Runs pg_dump or psql on the database at `databaseUrl`, streaming `input` to it and its
 * standard output to `output`. The password goes to the tool as PGPASSWORD, never on its
 * command line, and the URL is never in an error. The tool's own complaints go to this
 * process's standard error; a tool that fails is ERR_BACKUP_TOOL_FAILED whatever the streams say.
 */
export async function runPostgresTool(
  name: 'pg_dump' | 'psql',
  options: { databaseUrl: string; args: string[]; input?: Readable; output?: (stdout: Readable) => Promise<void> },
): Promise<void> {
  const path = findTool(name)
  const { url, password } = splitPassword(options.databaseUrl)
  const env = password === undefined ? process.env : { ...process.env, PGPASSWORD: password }
  const child = spawn(path, [...options.args, '--dbname', url], { stdio: ['pipe', 'pipe', 'inherit'], env })
  const exited = new Promise<number | null>((resolve, reject) => {
    child.on('error', (cause) =>
      reject(new PolisError('ERR_BACKUP_TOOL_FAILED', { detail: `${name} did not start`, cause })),
    )
    child.on('close', resolve)
  })
  const feeding = options.input ? pipeline(options.input, child.stdin) : Promise.resolve(child.stdin.end())
  const reading = options.output ? options.output(child.stdout) : Promise.resolve(child.stdout.resume())
  const [code, fed, read] = await Promise.allSettled([exited, feeding, reading])
  if (code.status === 'rejected') throw code.reason
  if (code.value !== 0) throw new PolisError('ERR_BACKUP_TOOL_FAILED', { detail: `${name} exited with ${code.value}` })
  if (fed.status === 'rejected') throw fed.reason
  if (read.status === 'rejected') throw read.reason
}
