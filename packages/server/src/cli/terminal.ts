import pc from 'picocolors'

/** Whether output goes to a person (colour, tables) or a script (plain, JSON). */
export const isTerminal = Boolean(process.stdout.isTTY)

/** A plain text table with aligned columns; bold header on a terminal. */
export function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd()
  const head = line(headers)
  return [isTerminal ? pc.bold(head) : head, ...rows.map(line)].join('\n')
}

/** A progress line that rewrites itself on a terminal and prints every tenth elsewhere. */
export function progressBar(label: string) {
  const started = performance.now()
  let lastDecile = -1
  return (done: number, total: number) => {
    const seconds = (performance.now() - started) / 1000
    const rate = seconds > 0 ? Math.round(done / seconds) : 0
    const fraction = total > 0 ? done / total : 1
    const text = `${label} ${done.toLocaleString('en')}/${total.toLocaleString('en')} · ${rate.toLocaleString('en')}/s`
    if (process.stderr.isTTY) {
      const width = 30
      const filled = Math.round(fraction * width)
      process.stderr.write(`\r${pc.green('█'.repeat(filled))}${pc.dim('░'.repeat(width - filled))} ${text}`)
      if (done >= total) process.stderr.write('\n')
    } else {
      const decile = Math.floor(fraction * 10)
      if (decile !== lastDecile) {
        lastDecile = decile
        process.stderr.write(`${text}\n`)
      }
    }
  }
}

export const colour = pc
