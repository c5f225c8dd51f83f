#!/usr/bin/env bash
# `npm test`: services (scripts/services.sh, not the apps), build (the e2e tier spawns the built
# apps from dist/), then every jest tier: unit, integration, e2e under runc (`e2e`) and the sandbox
# suites again under gVisor (`e2e-runsc`, see jest.config.js). Extra arguments go to jest:
#   npm test -- --selectProjects unit
#   npm test -- test/pipeline.e2e-spec.ts --selectProjects e2e-runsc   (a path before --selectProjects)
# The integration and e2e tiers use the bastion_test database and Redis DB 1 (test/setup/test-env.ts).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
mkdir -p .run

# gVisor is registered too: the sandbox integration tests run under both runc and runsc.
BASTION_SANDBOX_RUNTIME=runsc BASTION_WITH_BROWSER=1 bash "$ROOT/scripts/services.sh"

if ! npm run build </dev/null >.run/build.log 2>&1; then
  echo "✗ npm run build failed" >&2
  echo "--- last 40 lines of .run/build.log" >&2
  tail -n 40 .run/build.log >&2
  exit 1
fi
echo "✓ built dist/"

# Style is part of the suite: types, lint and formatting must be clean.
if ! { npx --no-install tsc -p tsconfig.json --noEmit && npm run -s lint && npm run -s format:check; } </dev/null >.run/lint.log 2>&1; then
  echo "✗ typecheck, lint or formatting failed" >&2
  grep -v 'Unknown user config' .run/lint.log | tail -n 40 >&2
  exit 1
fi
echo "✓ typecheck, lint and formatting clean"

# CI (set by CI systems) is passed through to jest as is
exec npx --no-install jest --runInBand "$@"
