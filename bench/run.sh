#!/usr/bin/env bash
# Runs the admin read benchmark on this machine: MariaDB and Redis are installed and started as for the tests,
# the service is built in Release and run as its own process. Arguments go to the benchmark, e.g.
#   ./bench/run.sh --conversations 100000 --messages 10
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/services.sh

export CHATCLEAN_TEST_MYSQL="Server=127.0.0.1;Port=$MYSQL_PORT;User ID=$TEST_USER;Password=$TEST_PASSWORD"
export CHATCLEAN_TEST_REDIS="127.0.0.1:$REDIS_PORT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

dotnet build src/WebApi -c Release -nologo -v quiet -clp:ErrorsOnly
dotnet build bench/ChatClean.Bench -c Release -nologo -v quiet -clp:ErrorsOnly
exec dotnet bench/ChatClean.Bench/bin/Release/net10.0/ChatClean.Bench.dll "$@"
