#!/usr/bin/env bash
# First run: builds the riskstreams binary into ./bin (showing each project as it builds; the first build restores
# packages and takes a few minutes), then runs `riskstreams dev` with your arguments, e.g. ./dev.sh --events 20000.
set -euo pipefail
cd "$(dirname "$0")"
echo "dev.sh: building src/RiskStreams.Service into ./bin ..." >&2
dotnet publish src/RiskStreams.Service -c Release -o ./bin -v minimal -clp:NoSummary >&2
exec ./bin/riskstreams dev "$@"
