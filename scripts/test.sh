#!/usr/bin/env bash
# Runs every test of ChatClean against real MariaDB and Redis.
#
# Installs MariaDB and Redis with apt-get when they are missing, starts them on 127.0.0.1 when they are not
# running (idempotent: a second run reuses them), creates the test user and database, builds the solution,
# runs each test project, and ends with one line: "N passed, N failed, N skipped". Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

# shellcheck source=scripts/services.sh
source scripts/services.sh

export CHATCLEAN_TEST_MYSQL="Server=127.0.0.1;Port=$MYSQL_PORT;User ID=$TEST_USER;Password=$TEST_PASSWORD"
export CHATCLEAN_TEST_REDIS="127.0.0.1:$REDIS_PORT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

# The web console builds with Node.js (npm ci from web/package-lock.json) and its browser tests drive Debian's
# Chromium (browsers cannot be downloaded here); a CJK font lets the Chinese screens render in the screenshots.
console_packages=()
command -v node >/dev/null 2>&1 || console_packages+=(nodejs npm)
command -v chromium >/dev/null 2>&1 || console_packages+=(chromium)
dpkg -s fonts-wqy-microhei >/dev/null 2>&1 || console_packages+=(fonts-wqy-microhei)
if [ ${#console_packages[@]} -gt 0 ]; then
  log "installing ${console_packages[*]}"
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${console_packages[@]}" >/dev/null
fi

# promtool (from Debian's prometheus package) checks and unit-tests deploy/prometheus (tests/Operations.Tests). The
# package's own service cannot start here (no init system), which is harmless: only the promtool binary is needed.
if ! command -v promtool >/dev/null 2>&1; then
  log "installing prometheus (for promtool)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null || true
  command -v promtool >/dev/null 2>&1 || { log "promtool is missing even after installing prometheus"; exit 1; }
fi

log "building"
dotnet build ChatClean.sln -c Release -nologo -v quiet -clp:ErrorsOnly

counter() { grep -o "$1=\"[0-9]*\"" "$2" | head -n 1 | grep -o '[0-9]*'; }
failures() { echo $(( $(counter failed "$1") + $(counter error "$1") + $(counter timeout "$1") + $(counter aborted "$1") )); }

results=$(mktemp -d)
status=0
crashed=0
for project in tests/*/*.csproj; do
  name=$(basename "$project" .csproj)
  grep -q '<IsTestProject>true</IsTestProject>' "$project" || continue
  log "running $name"
  if ! dotnet test "$project" -c Release --no-build -nologo -v quiet \
      --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=minimal" --results-directory "$results"; then
    status=1
    if [ ! -f "$results/$name.trx" ]; then
      log "$name produced no results: counted as a failure"; crashed=$((crashed + 1))
    elif [ "$(failures "$results/$name.trx")" -eq 0 ]; then
      # A fixture's clean-up or the test host failed after every test passed: the summary line must say so too.
      log "$name failed outside its tests (fixture clean-up or test host): counted as a failure"; crashed=$((crashed + 1))
    fi
  fi
done

passed=0; failed=$crashed; total=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  t=$(counter total "$trx"); p=$(counter passed "$trx")
  f=$(failures "$trx")
  total=$((total + t)); passed=$((passed + p)); failed=$((failed + f))
done
skipped=$((total - passed - (failed - crashed)))
[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
