#!/usr/bin/env bash
# Finds or starts a PostgreSQL for local development and prints its URL.
#
#   scripts/dev-postgres.sh        print a DATABASE_URL on stdout (one line)
#   scripts/dev-postgres.sh stop   stop the private cluster, if it runs
#
# `make run` uses the URL from, in order:
#   1. $DATABASE_URL, if set;
#   2. a server on 127.0.0.1:5432 that lets "postgres" in without a password
#      (skipped when ASSURE_FORCE_PRIVATE_PG=1);
#   3. a private cluster in .data/postgres, created once with trust
#      authentication, listening only on 127.0.0.1 (no Unix socket) on a free
#      port kept in .data/postgres.port, logging to .data/postgres.log. It
#      keeps running after `make run` ends; stop it with `stop`.
# Otherwise it says what to install and exits 1. Progress goes to stderr, so
# DATABASE_URL="$(scripts/dev-postgres.sh)" captures only the URL.
#
# Trust authentication means anyone who can open a TCP connection on this
# machine's loopback can use the private cluster: it is for development data
# only. Written for bash 3.2 too (macOS).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
data_root="$repo/.data"
pgdata="$data_root/postgres"
port_file="$data_root/postgres.port"
log_file="$data_root/postgres.log"
lock_file="$data_root/postgres.lock"

say() { printf 'dev-postgres: %s\n' "$*" >&2; }
die() {
	say "$*"
	exit 1
}

usage() {
	sed -n '2,5s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"
}

url_for() { printf 'postgres://postgres@127.0.0.1:%s/%s?sslmode=disable\n' "$1" "${2:-assure}"; }

is_root() { [ "$(id -u)" = 0 ]; }

# as_owner runs a server program as the cluster's owner: postgres refuses to
# run as root, so under root that is the "postgres" OS user.
as_owner() {
	if ! is_root; then
		"$@"
	elif command -v runuser >/dev/null 2>&1; then
		runuser -u postgres -- "$@"
	else
		# shellcheck disable=SC2016 # expanded by the postgres user's shell
		su -s /bin/sh postgres -c 'exec "$0" "$@"' "$@"
	fi
}

# tool NAME prints the path of a client program, preferring the server's own.
tool() {
	if [ -n "${bindir:-}" ] && [ -x "$bindir/$1" ]; then
		printf '%s\n' "$bindir/$1"
	else
		command -v "$1" 2>/dev/null
	fi
}

# port_in_use PORT: something accepts TCP connections on 127.0.0.1:PORT.
port_in_use() {
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# usable_5432: a server answers on 127.0.0.1:5432 and, when psql is here to
# ask, lets "postgres" in without a password (a fresh distribution install
# does not, and the URL printed would fail later with a less helpful error).
usable_5432() {
	local isready psql
	if isready=$(tool pg_isready); then
		"$isready" -q -h 127.0.0.1 -p 5432 || return 1
	else
		port_in_use 5432 || return 1
	fi
	psql=$(tool psql) || return 0
	if ! PGCONNECT_TIMEOUT=5 "$psql" -X -q -w -d "$(url_for 5432 postgres)" -c 'SELECT 1' >/dev/null 2>&1; then
		say "127.0.0.1:5432 answers but does not let user postgres in without a password;"
		say "using a private cluster instead (set DATABASE_URL to use that server)"
		return 1
	fi
}

major_of() { "$1/pg_ctl" --version | awk '{print $3}' | sed 's/[^0-9].*//'; }

# find_bindir prints the directory holding initdb and pg_ctl, of the existing
# cluster's major version if there is one.
find_bindir() {
	local want="" dir candidates=()
	if [ -s "$pgdata/PG_VERSION" ]; then
		want=$(cat "$pgdata/PG_VERSION")
	fi
	# Debian and Ubuntu: /usr/lib/postgresql/<major>/bin, newest first.
	while IFS= read -r dir; do
		candidates+=("$dir")
	done < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k4,4nr)
	if dir=$(command -v pg_ctl 2>/dev/null); then
		candidates+=("$(dirname "$dir")")
	fi
	# Homebrew's postgresql@N is keg-only: not on PATH unless linked.
	for dir in /opt/homebrew/opt/postgresql@*/bin /usr/local/opt/postgresql@*/bin \
		/Applications/Postgres.app/Contents/Versions/latest/bin; do
		candidates+=("$dir")
	done
	for dir in ${candidates[@]+"${candidates[@]}"}; do
		if [ ! -x "$dir/initdb" ] || [ ! -x "$dir/pg_ctl" ]; then
			continue
		fi
		if [ -z "$want" ] || [ "$(major_of "$dir")" = "$want" ]; then
			printf '%s\n' "$dir"
			return 0
		fi
	done
	if [ -n "$want" ]; then
		say "$pgdata was made by PostgreSQL $want, whose server programs are not installed;"
		say "install them, or remove $data_root to start afresh"
	fi
	return 1
}

install_help() {
	cat >&2 <<'EOF'
dev-postgres: no PostgreSQL found: nothing usable answers on 127.0.0.1:5432
and the server programs (initdb, pg_ctl) are not installed. Either
  - install PostgreSQL, and `make run` starts a private server in .data/postgres:
        Debian/Ubuntu:  sudo apt-get install postgresql
        macOS:          brew install postgresql@16
  - or point Assure at a database you already have:
        export DATABASE_URL='postgres://USER:PASSWORD@HOST:5432/assure?sslmode=disable'
EOF
	exit 1
}

is_running() {
	[ -s "$pgdata/PG_VERSION" ] && as_owner "$bindir/pg_ctl" -D "$pgdata" status >/dev/null 2>&1
}

# take_lock serialises two runs (say `make run` in two terminals) so they do
# not both initdb. The descriptor is closed for pg_ctl, or the server would
# inherit it and hold the lock for ever.
take_lock() {
	command -v flock >/dev/null 2>&1 || return 0
	exec 9>"$lock_file"
	flock -w 120 9 || die "another scripts/dev-postgres.sh holds $lock_file"
}

free_port() {
	local p
	if command -v python3 >/dev/null 2>&1; then
		python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
		return
	fi
	for ((p = 54320; p < 54420; p++)); do
		if command -v ss >/dev/null 2>&1; then
			[ -z "$(ss -Htln "sport = :$p")" ] || continue
		fi
		port_in_use "$p" || {
			echo "$p"
			return
		}
	done
	die "no free port in 54320-54419"
}

init_cluster() {
	if [ -d "$pgdata" ] && [ -n "$(ls -A "$pgdata")" ]; then
		die "$pgdata exists but holds no cluster (no PG_VERSION); remove it and run again"
	fi
	say "creating a private PostgreSQL cluster in $pgdata (log: $log_file)"
	mkdir -p "$pgdata"
	chmod 700 "$pgdata"
	if is_root; then
		chown postgres: "$pgdata"
	fi
	as_owner "$bindir/initdb" -D "$pgdata" -U postgres --auth=trust --encoding=UTF8 --locale=C \
		>>"$log_file" 2>&1 9>&- || die "initdb failed; see $log_file"
	cat >>"$pgdata/postgresql.conf" <<'EOF'

# Added by scripts/dev-postgres.sh: a private development server reachable
# only over TCP on the loopback address; the port is given when it starts.
listen_addresses = '127.0.0.1'
unix_socket_directories = ''
EOF
}

start_private() {
	local port=""
	mkdir -p "$data_root"
	take_lock
	touch "$log_file"
	if is_root; then
		id postgres >/dev/null 2>&1 ||
			die "running as root needs a 'postgres' OS user to own the cluster (postgres will not run as root)"
		chmod o+x "$data_root"
		chown postgres: "$log_file"
		[ ! -d "$pgdata" ] || chown -R postgres: "$pgdata"
		as_owner test -x "$data_root" ||
			die "OS user postgres cannot reach $data_root; make its parent directories searchable (o+x) or run as a normal user"
	fi
	[ -s "$pgdata/PG_VERSION" ] || init_cluster

	if is_running; then
		port=$(sed -n 4p "$pgdata/postmaster.pid")
		echo "$port" >"$port_file"
		say "private PostgreSQL already running on 127.0.0.1:$port"
	else
		if [ -s "$port_file" ]; then
			port=$(cat "$port_file")
			case $port in '' | *[!0-9]*) port="" ;; esac
		fi
		if [ -n "$port" ] && port_in_use "$port"; then
			say "port $port is taken by something else; choosing another"
			port=""
		fi
		[ -n "$port" ] || port=$(free_port)
		echo "$port" >"$port_file"
		say "starting private PostgreSQL on 127.0.0.1:$port (log: $log_file)"
		as_owner "$bindir/pg_ctl" -D "$pgdata" -l "$log_file" -w -t 60 -o "-p $port" start >&2 9>&- ||
			die "PostgreSQL did not start; see $log_file"
	fi

	# Assure's dev mode would create the database too; doing it here makes the
	# printed URL work for psql and for tests straight away.
	local psql exists
	if psql=$(tool psql); then
		exists=$("$psql" -X -q -t -A -w -d "$(url_for "$port" postgres)" \
			-c "SELECT 1 FROM pg_database WHERE datname = 'assure'") ||
			die "cannot connect to the private cluster on port $port; see $log_file"
		if [ "$exists" != 1 ]; then
			"$psql" -X -q -w -d "$(url_for "$port" postgres)" -c 'CREATE DATABASE assure' >&2 ||
				die "cannot create database assure on port $port"
		fi
	fi
	url_for "$port"
}

stop_private() {
	if [ ! -s "$pgdata/PG_VERSION" ]; then
		say "no private cluster in $pgdata"
		return 0
	fi
	bindir=$(find_bindir) || exit 1
	if is_running; then
		as_owner "$bindir/pg_ctl" -D "$pgdata" -m fast -w stop >&2
		say "stopped the private cluster in $pgdata"
	else
		say "the private cluster in $pgdata is not running"
	fi
}

bindir=""
case "${1:-url}" in
url) ;;
stop)
	stop_private
	exit 0
	;;
-h | --help | help)
	usage
	exit 0
	;;
*)
	usage >&2
	exit 2
	;;
esac

if [ -n "${DATABASE_URL:-}" ]; then
	printf '%s\n' "$DATABASE_URL"
	exit 0
fi
if [ "${ASSURE_FORCE_PRIVATE_PG:-}" != 1 ] && usable_5432; then
	url_for 5432
	exit 0
fi
bindir=$(find_bindir) || install_help
start_private
