import type { Plugin } from 'vite'

/**
 * Writes the list of every built file into the service worker, so that it stores all of
 * them at install: what an app loads lazily (the verifier's QR reader and its
 * WebAssembly) must be there offline without having been used online first. A new build
 * changes the list, hence the worker's bytes, so browsers install the new version.
 */
const placeholder = /(["'`])__POLIS_PRECACHE__\1/

export function precacheList(): Plugin {
  return {
    name: 'polis-precache-list',
    apply: 'build',
    generateBundle(_, bundle) {
      const files = Object.keys(bundle).filter((name) => name !== 'sw.js' && !name.endsWith('.html'))
      const list = JSON.stringify(['./', 'manifest.webmanifest', 'icon.svg', ...files.sort()])
      const worker = bundle['sw.js']
      if (worker?.type !== 'chunk' || !placeholder.test(worker.code)) {
        this.error('the service worker has no __POLIS_PRECACHE__ placeholder')
      }
      worker.code = worker.code.replace(placeholder, JSON.stringify(list))
    },
  }
}
