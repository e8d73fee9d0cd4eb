import { defineConfig } from 'vite'
import react from '@vitejs/plugin-react'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))

// The demo app (`npm start`) is served from demo/. Automerge's wasm glue must not be
// pre-bundled, or the dev server loads a second copy of it and init throws.
export default defineConfig({
  root: 'demo',
  plugins: [react()],
  optimizeDeps: { exclude: ['@automerge/automerge'] },
  server: {
    host: '127.0.0.1',
    port: 5173,
    // The demo talks to the signaling server through the dev server, so one origin serves both.
    proxy: {
      '^/signal(\\?|$)': { target: `ws://127.0.0.1:${process.env.ECHO_SIGNAL_PORT ?? 4100}`, ws: true },
    },
  },
  build: {
    outDir: '../dist/demo',
    emptyOutDir: true,
    target: 'es2022',
    rolldownOptions: { input: { main: resolve(here, 'demo/index.html'), e2e: resolve(here, 'demo/e2e.html') } },
  },
})
