import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

export default defineConfig({
  plugins: [react()],
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    // Real WebRTC, processes and Redis on a shared machine: one retry keeps a timing flake from
    // failing CI; the retried reporter still names every test that needed it.
    retry: 1,
    reporters: ['default', './test/support/retriedReporter.ts'],
  },
})
