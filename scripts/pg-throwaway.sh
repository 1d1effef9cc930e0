#!/usr/bin/env bash
# A throwaway PostgreSQL server for trying `--sink`, the benchmark and the fault tests by hand:
# initdb in DIR, listening on 127.0.0.1:PORT only, password authentication for user dmtl.
#
#   scripts/pg-throwaway.sh start DIR [PORT]   prints the --sink URL; the password is in DIR/password
#   scripts/pg-throwaway.sh stop DIR           stops it (DIR stays; delete it yourself)
#
# initdb and pg_ctl refuse to run as root: as root they run as the postgres OS user, and DIR is
# made theirs. Server binaries: $PG_BIN, else the newest /usr/lib/postgresql/*/bin.
set -euo pipefail
cmd="${1:?usage: $0 start|stop DIR [PORT]}"
dir="${2:?usage: $0 start|stop DIR [PORT]}"
port="${3:-55432}"
bin="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)}"
[[ -x "$bin/initdb" ]] || { echo "$(basename "$0"): no PostgreSQL server binaries (install Debian's postgresql)" >&2; exit 2; }
as_pg() { if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "$cmd" in
  start)
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    if [[ ! -d "$dir/data" ]]; then
      head -c 18 /dev/urandom | base64 | tr -d '/+=' > "$dir/password"
      chmod 600 "$dir/password"
      [[ $(id -u) == 0 ]] && chown postgres "$dir" "$dir/password"
      as_pg "$bin/initdb" -D "$dir/data" -U dmtl -A scram-sha-256 --pwfile="$dir/password" -E UTF8 --locale=C --no-sync >/dev/null
    fi
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >/dev/null
    PGPASSWORD="$(cat "$dir/password")" "$bin/psql" -h 127.0.0.1 -p "$port" -U dmtl -d postgres -qtAc \
      "SELECT 1 FROM pg_database WHERE datname = 'dmtl'" | grep -q 1 \
      || PGPASSWORD="$(cat "$dir/password")" "$bin/createdb" -h 127.0.0.1 -p "$port" -U dmtl dmtl
    echo "jdbc:postgresql://127.0.0.1:$port/dmtl?user=dmtl   (password: --sink-password-file $dir/password)"
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  *) echo "usage: $0 start|stop DIR [PORT]" >&2; exit 2 ;;
esac
