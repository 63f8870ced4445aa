import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'

// The wallet side runs in the PWA: nothing it loads may need Node. Type-only imports vanish.
const allowed = new Set(['jose', 'zod', '@peculiar/x509', 'reflect-metadata', '@polis/kernel/errors'])

function importsOf(file: URL): { specifier: string; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8')
  return [...text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'"]*?\s+from\s+)?'([^']+)'/gm)].map((m) => ({
    specifier: m[2] as string,
    typeOnly: m[1] !== undefined,
  }))
}

describe('the wallet side is isomorphic', () => {
  it('loads only WebCrypto-based libraries, never node: modules or Node-only Polis packages', () => {
    const seen = new Set<string>()
    const outside = new Set<string>()
    const visit = (file: URL) => {
      if (seen.has(file.href)) return
      seen.add(file.href)
      for (const { specifier, typeOnly } of importsOf(file)) {
        if (specifier.startsWith('./')) visit(new URL(specifier, file))
        else if (!typeOnly) outside.add(specifier)
      }
    }
    visit(new URL('./wallet.ts', import.meta.url))
    assert.ok(seen.size > 8, 'the walk found the wallet files')
    assert.deepEqual(
      [...outside].filter((specifier) => !allowed.has(specifier)),
      [],
    )
  })
})
