import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'

/**
 * Writes the list of every built file into the service worker, so that it stores all of
 * them at install: the QR reader's chunk and its WebAssembly are loaded lazily, and an
 * inspector must be able to scan offline without having scanned online first. A new build
 * changes the list, hence the worker's bytes, so browsers install the new version.
 */
const placeholder = /(["'`])__POLIS_PRECACHE__\1/

function precacheList(): Plugin {
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

// Served by the Polis server under /verify/; the service worker is built as its own entry.
export default defineConfig({
  base: '/verify/',
  plugins: [react(), precacheList()],
  build: {
    target: 'es2022',
    sourcemap: false,
    rollupOptions: {
      input: { main: 'index.html', sw: 'src/service-worker.ts' },
      output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js') },
    },
  },
  server: {
    proxy: { '/api': 'http://localhost:8080', '/trust': 'http://localhost:8080', '/status': 'http://localhost:8080' },
  },
})
