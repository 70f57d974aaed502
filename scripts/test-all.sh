#!/usr/bin/env bash
# The one command that sets up and runs every test: `npm run test:all` (README).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-test-env.sh
npm run typecheck
report=$(mktemp -t vitest-report-XXXXXX.json)
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" || status=$?
# A closing line CI can read: "Tests: N passed, N failed, N skipped".
node -e '
  const r = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  console.log(`Tests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
  if (r.numTotalTests === 0) process.exit(1);
' "$report" || status=1
rm -f "$report"
exit $status
