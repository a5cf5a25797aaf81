#!/usr/bin/env bash
# `npm test`: every test. Unit tests (vitest, including the WebGPU kernels under Node's Dawn), then
# browser tests (Playwright in Debian's chromium with WebGPU on).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
npx tsc --noEmit -p tsconfig.json
npx vitest run
npx playwright test
