#!/usr/bin/env node
// The `polis` command. Polis runs on Node.js 24 (TypeScript without a build step); the
// project pins it as the `node` package, so this launcher works whatever `node` the
// shell finds first: on Node 24 or newer it runs the CLI in-process, otherwise it
// hands over to the pinned binary.
import { spawnSync } from 'node:child_process'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'

const entry = fileURLToPath(new URL('../src/main.ts', import.meta.url))
const major = Number(process.versions.node.split('.')[0])

if (major >= 24) {
  await import(entry)
} else {
  let pinned
  try {
    pinned = createRequire(import.meta.url).resolve('node/bin/node')
  } catch {
    console.error('polis needs Node.js 24: run `npm install` in the Polis directory first.')
    process.exit(1)
  }
  const result = spawnSync(pinned, [entry, ...process.argv.slice(2)], { stdio: 'inherit' })
  process.exit(result.status ?? 1)
}
