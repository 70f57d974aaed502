#!/usr/bin/env bash
# The one command that sets up and runs every test: `npm run test:all` (README).
# Every project once on SQLite, then the integration project again on PostgreSQL with two
# server instances per tenant (STOCKROOM_TEST_BACKEND=postgres, issue 13).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-test-env.sh
npm run typecheck
report=$(mktemp -t vitest-report-XXXXXX.json)
pg_report=$(mktemp -t vitest-report-pg-XXXXXX.json)
status=0
npx vitest run --reporter=default --reporter=json --outputFile.json="$report" || status=$?
STOCKROOM_TEST_BACKEND=postgres npx vitest run --project integration --reporter=default --reporter=json --outputFile.json="$pg_report" || status=$?
# A closing line CI can read: "Tests: N passed, N failed, N skipped".
node -e '
  const reports = process.argv.slice(1).map((f) => JSON.parse(require("fs").readFileSync(f, "utf8")));
  const sum = (k) => reports.reduce((n, r) => n + r[k], 0);
  console.log(`Tests: ${sum("numPassedTests")} passed, ${sum("numFailedTests")} failed, ${sum("numPendingTests") + sum("numTodoTests")} skipped`);
  if (reports.some((r) => r.numTotalTests === 0)) process.exit(1);
' "$report" "$pg_report" || status=1
rm -f "$report" "$pg_report"
exit $status
