import assert from 'node:assert/strict'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { test } from 'node:test'
import { checkSbom } from './write-sbom.ts'

const root = resolve(import.meta.dirname, '..')

function dependencyNames(manifestPath: string): string[] {
  const manifest = JSON.parse(readFileSync(join(root, manifestPath), 'utf8')) as Record<string, unknown>
  return ['dependencies', 'devDependencies'].flatMap((field) =>
    Object.keys((manifest[field] ?? {}) as Record<string, string>).filter((name) => !name.startsWith('@polis')),
  )
}

test('npm run sbom writes a CycloneDX document naming the direct dependencies of the root and the workspaces', () => {
  const directory = mkdtempSync(join(tmpdir(), 'polis-sbom-'))
  try {
    const out = join(directory, 'polis.cdx.json')
    execFileSync('npm', ['run', '--silent', 'sbom', '--', out], { cwd: root, stdio: 'pipe' })
    const document = JSON.parse(readFileSync(out, 'utf8'))
    assert.equal(document.bomFormat, 'CycloneDX')
    assert.match(document.specVersion, /^1\.\d+$/)
    assert.match(document.serialNumber, /^urn:uuid:/)
    const components = new Map<string, { version: string; purl: string }>(
      document.components.map((component: { name: string; version: string; purl: string }) => [
        component.name,
        component,
      ]),
    )
    const direct = [
      ...dependencyNames('package.json'),
      ...dependencyNames('packages/server/package.json'),
      ...dependencyNames('packages/kernel/package.json'),
      ...dependencyNames('apps/wallet/package.json'),
    ]
    assert.ok(direct.includes('fast-check') && direct.includes('hono') && direct.includes('zod'))
    for (const name of direct) {
      const component = components.get(name)
      assert.ok(component, `${name} is in the SBOM`)
      assert.match(component.purl, /^pkg:npm\//)
      assert.match(component.version, /^\d+\.\d+\.\d+/)
    }
  } finally {
    rmSync(directory, { recursive: true, force: true })
  }
})

test('refuses what is not CycloneDX, and a bill that leaves out a direct dependency', () => {
  const bill = {
    bomFormat: 'CycloneDX',
    specVersion: '1.5',
    serialNumber: 'urn:uuid:d40478c4-f664-435d-a84c-985905d85e9c',
    metadata: { component: { name: 'polis' } },
    components: [{ name: 'zod', version: '4.3.6', purl: 'pkg:npm/zod@4.3.6' }],
  }
  assert.equal(checkSbom(JSON.stringify(bill), ['zod']).components.length, 1)
  assert.throws(() => checkSbom(JSON.stringify(bill), ['zod', 'hono']), /leaves out direct dependencies: hono/)
  assert.throws(() => checkSbom(JSON.stringify({ ...bill, bomFormat: 'SPDX' }), []))
  assert.throws(() => checkSbom('not json', []))
})
