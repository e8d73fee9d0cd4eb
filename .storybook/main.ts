import { fileURLToPath } from 'node:url'
import type { StorybookConfig } from '@storybook/react-vite'

// vite.config.ts serves the demo from `demo/`; stories and src live at the project root.
const projectRoot = fileURLToPath(new URL('..', import.meta.url))

const config: StorybookConfig = {
  stories: ['../stories/**/*.stories.tsx'],
  addons: [],
  framework: {
    name: '@storybook/react-vite',
    // Double-invoked effects in every story catch the bugs StrictMode apps would hit.
    options: { strictMode: true },
  },
  // TypeScript 7 is the native compiler with no JS API, which react-docgen-typescript needs.
  typescript: { reactDocgen: 'react-docgen' },
  core: { disableTelemetry: true },
  // Storybook already drops vite.config.ts's `build` (outDir ../dist/demo); it keeps the
  // plugins and optimizeDeps (Automerge's wasm fix). Root is pinned here in case a later
  // Storybook stops overriding it.
  async viteFinal(viteConfig) {
    // The preview runtime (storybook/test bundles expect + testing-library) is one ~1 MB chunk by design.
    // Dependencies the dev server would otherwise discover only on the first story that imports
    // them (then it re-optimizes and reloads the page mid-story). Automerge itself stays excluded.
    const include = [...(viteConfig.optimizeDeps?.include ?? []), '@automerge/automerge-repo/slim', '@automerge/automerge-repo-network-messagechannel', 'zod', 'valibot']
    return {
      ...viteConfig,
      root: projectRoot,
      optimizeDeps: { ...viteConfig.optimizeDeps, include },
      build: { ...viteConfig.build, chunkSizeWarningLimit: 1500 },
    }
  },
}

export default config
