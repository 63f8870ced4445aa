import { errorBody, isPolisError, loadConfig, messageOf } from '@polis/kernel'
import { backupCommand, restoreCommand } from './backup-command.ts'
import { businessesCommand } from './businesses-command.ts'
import { citizensCommand } from './citizens-command.ts'
import { clientsCommand } from './clients-command.ts'
import type { Command } from './command.ts'
import { exchangeCommand } from './exchange-command.ts'
import { idCommand } from './id-command.ts'
import { issueCommand } from './issue-command.ts'
import { keysCommand } from './keys-command.ts'
import { logCommand } from './log-command.ts'
import { offerCommand } from './offer-command.ts'
import { officialsCommand } from './officials-command.ts'
import { presentCommand } from './present-command.ts'
import { seedCommand } from './seed-command.ts'
import { serveCommand } from './serve-command.ts'
import { servicesCommand } from './services-command.ts'
import { reinstateCommand, revokeCommand, suspendCommand } from './status-command.ts'
import { colour } from './terminal.ts'
import { trustCommand } from './trust-command.ts'
import { verifyCommand } from './verify-command.ts'

const commands: Record<string, Command> = {
  serve: serveCommand,
  seed: seedCommand,
  citizens: citizensCommand,
  issue: issueCommand,
  offer: offerCommand,
  present: presentCommand,
  verify: verifyCommand,
  trust: trustCommand,
  revoke: revokeCommand,
  suspend: suspendCommand,
  reinstate: reinstateCommand,
  clients: clientsCommand,
  businesses: businessesCommand,
  officials: officialsCommand,
  id: idCommand,
  services: servicesCommand,
  log: logCommand,
  exchange: exchangeCommand,
  backup: backupCommand,
  restore: restoreCommand,
  keys: keysCommand,
}

function help(): string {
  const rows = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(10)} ${c.summary}`)
  return `Polis — an open platform for running a digital state\n\nUsage: polis <command> [options]\n\n${rows.join('\n')}\n\nRun \`polis <command> --help\` for a command's options.`
}

/**
 * `--country EE` (or `--country=EE`) on any command picks the instance it works on, as
 * POLIS_COUNTRY does; it is taken out of the command's own arguments.
 */
function takeCountry(args: string[]): { country: string | undefined; rest: string[] } {
  const rest: string[] = []
  let country: string | undefined
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string
    if (arg === '--country') {
      country = args[i + 1] ?? ''
      i++
    } else if (arg.startsWith('--country=')) {
      country = arg.slice('--country='.length)
    } else {
      rest.push(arg)
    }
  }
  return { country: country?.toUpperCase(), rest }
}

/** Runs one CLI invocation; returns the exit code (0 success, 1 failure, 2 usage). */
export async function runCli(argv: string[]): Promise<number> {
  const [name, ...args] = argv
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help())
    return name ? 0 : 2
  }
  const command = commands[name]
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${help()}`)
    return 2
  }
  if (args.includes('--help') || args.includes('-h')) {
    console.log(`${command.summary}\n\nUsage: ${command.usage}`)
    return 0
  }
  try {
    const { country, rest } = takeCountry(args)
    return await command.run({
      args: rest,
      config: loadConfig(country ? { ...process.env, POLIS_COUNTRY: country } : process.env),
    })
  } catch (error) {
    if (isPolisError(error)) {
      if (!process.stderr.isTTY) {
        console.error(JSON.stringify({ error: { ...errorBody(error).error, detail: error.detail } }))
      } else {
        console.error(
          `${colour.red(error.code)} ${messageOf(error.code)}${error.detail ? colour.dim(` (${error.detail})`) : ''}`,
        )
      }
      return 1
    }
    if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) {
      console.error(`${error.message}\n\nUsage: ${command.usage}`)
      return 2
    }
    console.error(`ERR_INTERNAL ${messageOf('ERR_INTERNAL')}`)
    console.error(error)
    return 1
  }
}
