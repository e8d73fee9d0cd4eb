// Setup file of vitest.react18.config.ts: fails every test file at once if the aliases did not
// take and the React-facing tests would silently run under the repo's React 19.
import { version } from 'react'
import { version as domVersion } from 'react-dom'

if (!version.startsWith('18.') || !domVersion.startsWith('18.')) {
  throw new Error(`vitest.react18.config.ts: expected React 18, got react ${version} / react-dom ${domVersion}`)
}
