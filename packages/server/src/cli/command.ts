import type { Config } from '@polis/kernel'

/** What every command gets: its arguments after the command name, and the validated configuration. */
export interface CommandContext {
  args: string[]
  config: Config
}

/** A CLI command: a one-line summary for help, its usage, and what it does. Returns the exit code. */
export interface Command {
  summary: string
  usage: string
  run(context: CommandContext): Promise<number>
}
