import { precacheList } from '@polis/ui/precache-plugin'
import react from '@vitejs/plugin-react'
import { defineConfig } from 'vite'

// Served by the Polis server under /wallet/; the service worker is built as its own entry.
export default defineConfig({
  base: '/wallet/',
  plugins: [react(), precacheList()],
  build: {
    target: 'es2022',
    sourcemap: false,
    rollupOptions: {
      input: { main: 'index.html', sw: 'src/service-worker.ts' },
      output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js') },
    },
  },
  server: { proxy: { '/api': 'http://localhost:8080', '/oid4vci': 'http://localhost:8080' } },
})
