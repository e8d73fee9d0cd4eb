#!/usr/bin/env bash
# The whole test suite: typecheck, layer lint, unit/integration tests (vitest), then the
# browser tests (Playwright in Debian's Chromium), then the package as apps get it: build, pack,
# publint, attw, size budget, and the consumer apps that install the tarball. Prepares what the
# tests need.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -d node_modules ] || npm ci
node scripts/ensure-chromium.js
node scripts/ensure-redis.js
npx tsc --noEmit -p tsconfig.json
node scripts/lint-layers.js
npx vitest run
if [ -f playwright.config.ts ]; then
  node scripts/run-playwright.js
fi
node scripts/test-react18.js
node scripts/check-package.js
node scripts/test-consumers.js
