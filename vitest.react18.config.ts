// The React-facing tests (test/react, test/ui, test/devtools) under React 18 instead of the repo's React 19:
// `node scripts/test-react18.js` installs react@18 / react-dom@18 into a folder of their own
// (REACT18_DIR; npm cannot hold both majors in one tree) and runs vitest with this config,
// which points every `react` / `react-dom` import at that copy, including those inside
// @testing-library/react (inlined so the aliases reach it).
import { defineConfig, mergeConfig } from 'vitest/config'
import { fileURLToPath } from 'node:url'
import base from './vitest.config.ts'

const dir = process.env.REACT18_DIR
if (!dir) throw new Error('REACT18_DIR is not set: run node scripts/test-react18.js')
const modules = `${dir}/node_modules`

const config = mergeConfig(
  base,
  defineConfig({
    resolve: {
      alias: [
        // Its ESM build, so its own react / react-dom imports go through the aliases below.
        { find: /^@testing-library\/react$/, replacement: fileURLToPath(new URL('./node_modules/@testing-library/react/dist/@testing-library/react.esm.js', import.meta.url)) },
        { find: /^react$/, replacement: `${modules}/react/index.js` },
        { find: /^react\/(.*)$/, replacement: `${modules}/react/$1` },
        { find: /^react-dom$/, replacement: `${modules}/react-dom/index.js` },
        { find: /^react-dom\/(.*)$/, replacement: `${modules}/react-dom/$1` },
      ],
    },
    test: {
      setupFiles: ['test/support/assertReact18.ts'],
      // Packages that import react themselves go through vite too, or they would load React 19.
      server: { deps: { inline: [/@testing-library\/react/, /qrcode\.react/] } },
    },
  }),
)
// mergeConfig concatenates arrays; the React 18 run takes only the React-facing tests.
config.test!.include = ['test/react/**/*.test.{ts,tsx}', 'test/ui/**/*.test.{ts,tsx}', 'test/devtools/**/*.test.{ts,tsx}']
export default config
