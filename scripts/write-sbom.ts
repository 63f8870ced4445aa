/**
 * `npm run sbom`: the software bill of materials, as npm itself writes it from the lock
 * file (`npm sbom --sbom-format cyclonedx`), to dist/polis.cdx.json (git-ignored) or the
 * path given as the first argument. It fails when npm's answer is not a CycloneDX document
 * or leaves out a direct dependency of the root or of a workspace, so a changed npm
 * cannot quietly write an empty bill.
 */
import { execFileSync } from 'node:child_process'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { z } from 'zod'

const root = resolve(import.meta.dirname, '..')

const CycloneDxComponent = z.object({ name: z.string(), version: z.string(), purl: z.string() })
const CycloneDxDocument = z.object({
  bomFormat: z.literal('CycloneDX'),
  specVersion: z.string().regex(/^1\.\d+$/),
  serialNumber: z.string().regex(/^urn:uuid:[0-9a-f-]{36}$/),
  metadata: z.object({ component: z.object({ name: z.string() }) }),
  components: z.array(CycloneDxComponent),
})
type CycloneDxDocument = z.infer<typeof CycloneDxDocument>

const Manifest = z.object({
  name: z.string(),
  dependencies: z.record(z.string(), z.string()).optional(),
  devDependencies: z.record(z.string(), z.string()).optional(),
})

/** The names the root and every workspace depend on directly, workspaces themselves left out. */
export function directDependencies(directory: string = root): string[] {
  const rootManifest = Manifest.parse(JSON.parse(readFileSync(join(directory, 'package.json'), 'utf8')))
  const listed = execFileSync('npm', ['query', '.workspace'], { cwd: directory, encoding: 'utf8' })
  const workspaces = z.array(Manifest).parse(JSON.parse(listed))
  const own = new Set(workspaces.map((workspace) => workspace.name))
  const names = new Set<string>()
  for (const manifest of [rootManifest, ...workspaces]) {
    for (const name of Object.keys({ ...manifest.dependencies, ...manifest.devDependencies })) {
      if (!own.has(name)) names.add(name)
    }
  }
  return [...names].sort()
}

/** Parses npm's SBOM and checks it names every direct dependency; throws with what is missing. */
export function checkSbom(text: string, dependencies: string[]): CycloneDxDocument {
  const document = CycloneDxDocument.parse(JSON.parse(text))
  const named = new Set(document.components.map((component) => component.name))
  const missing = dependencies.filter((name) => !named.has(name))
  if (missing.length > 0) throw new Error(`the SBOM leaves out direct dependencies: ${missing.join(', ')}`)
  return document
}

if (import.meta.main) {
  const out = resolve(process.argv[2] ?? join(root, 'dist', 'polis.cdx.json'))
  const text = execFileSync('npm', ['sbom', '--sbom-format', 'cyclonedx'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  })
  const dependencies = directDependencies()
  const document = checkSbom(text, dependencies)
  mkdirSync(dirname(out), { recursive: true })
  writeFileSync(out, text)
  console.log(
    `CycloneDX ${document.specVersion} SBOM of ${document.components.length} components ` +
      `(${dependencies.length} direct dependencies) written to ${out}`,
  )
}
