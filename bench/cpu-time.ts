/**
 * CPU time spent by this process and by a PostgreSQL cluster's processes, from Linux's
 * /proc: what a benchmark's operations cost the machine, whichever process spent it.
 */
import { readdirSync, readFileSync } from 'node:fs'

/** Clock ticks per second of /proc's times (USER_HZ, 100 on Linux). */
const ticksPerSecond = 100

/** Milliseconds of CPU used so far by the postmaster in `dataDir` and its children (the backends). */
export function postgresCpuMilliseconds(dataDir: string): number {
  const postmaster = Number(readFileSync(`${dataDir}/postmaster.pid`, 'utf8').split('\n')[0])
  let ticks = 0
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let stat: string
    try {
      stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    } catch {
      continue // gone meanwhile
    }
    // Fields after the command name: state, ppid, …; utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    if (Number(pid) !== postmaster && Number(fields[1]) !== postmaster) continue
    ticks += Number(fields[11]) + Number(fields[12])
  }
  return (ticks * 1000) / ticksPerSecond
}

/** Milliseconds of CPU used so far by this process, every thread of it. */
export function processCpuMilliseconds(): number {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}
