#!/usr/bin/env bash
# The benchmark: ./bench/run.sh [scenario…] [--quick] [options]
#   scenarios: append, hot-stream, end-to-end, two-nodes, connections, scan, command-cost, admin-reads (all when none is
#   named; --quick runs the short ones)
# Installs and starts MariaDB and Redis as the tests do (scripts/services.sh), builds the service and the benchmark
# in Release, runs the scenarios (the service as its own process where a scenario needs it), prints every figure
# beside its same-run baseline and writes bench/results/<utc>.json. See bench/README.md and docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh

export CHATCLEAN_TEST_MYSQL="Server=127.0.0.1;Port=$MYSQL_PORT;User ID=$TEST_USER;Password=$TEST_PASSWORD"
export CHATCLEAN_TEST_REDIS="127.0.0.1:$REDIS_PORT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build src/WebApi -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build bench/ChatClean.Bench -c Release -nologo -v quiet -clp:ErrorsOnly
exec dotnet bench/ChatClean.Bench/bin/Release/net10.0/ChatClean.Bench.dll "$@"
