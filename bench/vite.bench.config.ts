// Vite config for the Chromium bench: the demo's config plus Yjs and y-webrtc pre-bundled at
// start (so the first import of bench/browserPage.ts does not trigger a re-optimise reload)
// and this repository allowed, so pages can import bench/browserPage.ts through /@fs/.
import { mergeConfig } from 'vite'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import base from '../vite.config.ts'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')

export default mergeConfig(base, {
  optimizeDeps: { include: ['yjs', 'y-webrtc'] },
  server: { fs: { allow: [root] } },
})
