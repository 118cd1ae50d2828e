#!/usr/bin/env bash
# Installs MariaDB and Redis with apt-get when they are missing, starts them on 127.0.0.1 when they are not running
# (idempotent: a second run reuses them) and creates the test user `chatclean_test`, which may create and drop
# databases named chatclean_test%. Sourced by scripts/test.sh and bench/run.sh; can also be run on its own.
set -euo pipefail

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
  # One test user for TCP; MariaDB resolves 127.0.0.1 to localhost, so both hosts get it. The tests run many service
  # hosts at once (each with its pool and the event store's writer) beside the benchmark's 64-connection baselines:
  # the default 151 connections is too few for them. PROCESS lets a test see which transactions wait for a lock.
  mariadb_root <<SQL
SET GLOBAL max_connections = 1000;
CREATE USER IF NOT EXISTS '$TEST_USER'@'localhost' IDENTIFIED BY '$TEST_PASSWORD';
CREATE USER IF NOT EXISTS '$TEST_USER'@'127.0.0.1' IDENTIFIED BY '$TEST_PASSWORD';
GRANT ALL PRIVILEGES ON \`chatclean\\_test%\`.* TO '$TEST_USER'@'localhost';
GRANT ALL PRIVILEGES ON \`chatclean\\_test%\`.* TO '$TEST_USER'@'127.0.0.1';
GRANT PROCESS ON *.* TO '$TEST_USER'@'localhost';
GRANT PROCESS ON *.* TO '$TEST_USER'@'127.0.0.1';
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
