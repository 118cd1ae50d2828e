#!/usr/bin/env bash
# Runs every test of ChatClean against real MariaDB and Redis.
#
# Installs MariaDB and Redis with apt-get when they are missing, starts them on 127.0.0.1 when they are not
# running (idempotent: a second run reuses them), creates the test user and database, builds the solution,
# runs each test project, and ends with one line: "N passed, N failed, N skipped". Exits non-zero on any failure.
set -euo pipefail
cd "$(dirname "$0")/.."

MYSQL_PORT=3306
REDIS_PORT=6379
TEST_USER=chatclean_test
TEST_PASSWORD=chatclean_test

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
log() { printf '[test.sh] %s\n' "$*" >&2; }

install_missing() {
  local packages=()
  command -v mariadbd-safe >/dev/null 2>&1 || packages+=(mariadb-server)
  command -v redis-server >/dev/null 2>&1 || packages+=(redis-server)
  if [ ${#packages[@]} -gt 0 ]; then
    log "installing ${packages[*]}"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "${packages[@]}" >/dev/null
  fi
}

mariadb_root() { as_root mariadb --protocol=socket -uroot "$@"; }

start_mariadb() {
  if ! as_root mysqladmin --protocol=socket -uroot ping >/dev/null 2>&1; then
    log "starting MariaDB on 127.0.0.1:$MYSQL_PORT"
    as_root install -d -o mysql -g mysql /run/mysqld /var/log/mysql
    # mariadbd-safe hands the caller's TMPDIR to InnoDB; a root-only one stops it from starting.
    as_root env TMPDIR=/tmp mariadbd-safe --user=mysql --bind-address=127.0.0.1 --port=$MYSQL_PORT \
      --log-error=/var/log/mysql/error.log --tmpdir=/tmp >/dev/null 2>&1 &
    for _ in $(seq 1 150); do
      as_root mysqladmin --protocol=socket -uroot ping >/dev/null 2>&1 && break
      sleep 0.2
    done
  fi
  if ! as_root mysqladmin --protocol=socket -uroot ping >/dev/null 2>&1; then
    log "MariaDB did not start; its log says:"; as_root tail -n 30 /var/log/mysql/error.log >&2 || true
    exit 1
  fi
  # One test user for TCP; MariaDB resolves 127.0.0.1 to localhost, so both hosts get it.
  mariadb_root <<SQL
CREATE USER IF NOT EXISTS '$TEST_USER'@'localhost' IDENTIFIED BY '$TEST_PASSWORD';
CREATE USER IF NOT EXISTS '$TEST_USER'@'127.0.0.1' IDENTIFIED BY '$TEST_PASSWORD';
GRANT ALL PRIVILEGES ON \`chatclean\\_test%\`.* TO '$TEST_USER'@'localhost';
GRANT ALL PRIVILEGES ON \`chatclean\\_test%\`.* TO '$TEST_USER'@'127.0.0.1';
CREATE DATABASE IF NOT EXISTS chatclean_test CHARACTER SET utf8mb4;
FLUSH PRIVILEGES;
SQL
  # Databases left behind by an interrupted earlier run.
  for db in $(mariadb_root -N -e "SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE 'chatclean\\_test\\_%'"); do
    mariadb_root -e "DROP DATABASE \`$db\`"
  done
}

start_redis() {
  if [ "$(redis-cli -h 127.0.0.1 -p $REDIS_PORT ping 2>/dev/null || true)" != "PONG" ]; then
    log "starting Redis on 127.0.0.1:$REDIS_PORT"
    as_root install -d -o redis -g redis /run/redis /var/log/redis /var/lib/redis
    as_root redis-server /etc/redis/redis.conf --bind 127.0.0.1 --port $REDIS_PORT --daemonize yes --supervised no >/dev/null
    for _ in $(seq 1 100); do
      [ "$(redis-cli -h 127.0.0.1 -p $REDIS_PORT ping 2>/dev/null || true)" = "PONG" ] && break
      sleep 0.1
    done
  fi
  # A second redis-server exits 0 even when it could not bind: only PONG proves it runs.
  if [ "$(redis-cli -h 127.0.0.1 -p $REDIS_PORT ping 2>/dev/null || true)" != "PONG" ]; then
    log "Redis did not start"; exit 1
  fi
}

install_missing
start_mariadb
start_redis

export CHATCLEAN_TEST_MYSQL="Server=127.0.0.1;Port=$MYSQL_PORT;User ID=$TEST_USER;Password=$TEST_PASSWORD"
export CHATCLEAN_TEST_REDIS="127.0.0.1:$REDIS_PORT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log "building"
dotnet build ChatClean.sln -c Release -nologo -v quiet -clp:ErrorsOnly

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
    [ -f "$results/$name.trx" ] || { log "$name produced no results: counted as a failure"; crashed=$((crashed + 1)); }
  fi
done

counter() { grep -o "$1=\"[0-9]*\"" "$2" | head -n 1 | grep -o '[0-9]*'; }
passed=0; failed=$crashed; total=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  t=$(counter total "$trx"); p=$(counter passed "$trx")
  f=$(( $(counter failed "$trx") + $(counter error "$trx") + $(counter timeout "$trx") + $(counter aborted "$trx") ))
  total=$((total + t)); passed=$((passed + p)); failed=$((failed + f))
done
skipped=$((total - passed - (failed - crashed)))
[ "$failed" -gt 0 ] && status=1
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
