#!/usr/bin/env bash
# Periodic PostgreSQL backups for the docker compose "backup" service.
#
# Every BACKUP_INTERVAL_SECONDS it writes a custom-format dump (pg_dump -Fc) of
# the database named by the standard libpq variables (PGHOST, PGUSER,
# PGPASSWORD, PGDATABASE) to BACKUP_DIR/assure-YYYYmmddTHHMMSSZ.dump, checks
# that pg_restore can read it, and then keeps only the newest BACKUP_KEEP
# dumps. A failed dump exits non-zero, so the container restarts and the
# failure shows in `docker compose ps` and the logs; older dumps are never
# pruned after a failure.
#
# Environment:
#   BACKUP_DIR               where dumps go (default /backups)
#   BACKUP_INTERVAL_SECONDS  seconds between dumps (default 86400)
#   BACKUP_KEEP              dumps to keep (default 14)
#   BACKUP_ONCE=1            one dump and prune, then exit (for tests and
#                            for `docker compose run --rm -e BACKUP_ONCE=1 backup`)
#
# Restore: pg_restore --clean --if-exists -d "$DATABASE_URL" assure-....dump
set -euo pipefail

BACKUP_DIR=${BACKUP_DIR:-/backups}
BACKUP_INTERVAL_SECONDS=${BACKUP_INTERVAL_SECONDS:-86400}
BACKUP_KEEP=${BACKUP_KEEP:-14}
BACKUP_ONCE=${BACKUP_ONCE:-0}

log() {
	printf '%s backup: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*"
}

fail() {
	printf '%s backup: ERROR: %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$*" >&2
	exit 1
}

require_positive_int() {
	case $2 in
	'' | *[!0-9]* | 0*) fail "$1 must be a positive whole number, not '$2'" ;;
	esac
}

# dump_once writes one dump through a .partial file, so a dump cut short by a
# crash or a full disk is never mistaken for a good one or counted by prune.
dump_once() {
	local stamp file tmp bytes
	stamp=$(date -u +%Y%m%dT%H%M%SZ)
	file="$BACKUP_DIR/assure-$stamp.dump"
	tmp="$file.partial"
	if ! pg_dump -Fc -f "$tmp"; then
		rm -f -- "$tmp"
		fail "pg_dump of database '${PGDATABASE:-?}' on '${PGHOST:-?}' failed; keeping existing dumps"
	fi
	if ! pg_restore --list "$tmp" >/dev/null; then
		rm -f -- "$tmp"
		fail "pg_restore cannot read the new dump; keeping existing dumps"
	fi
	mv -f -- "$tmp" "$file"
	bytes=$(wc -c <"$file" | tr -d ' ')
	log "wrote $file ($bytes bytes)"
}

# prune keeps the newest BACKUP_KEEP dumps. The UTC timestamp in the name is
# fixed-width, so sorting names sorts by age without trusting file mtimes.
prune() {
	local dumps=() name excess i
	while IFS= read -r name; do
		dumps+=("$name")
	done < <(cd "$BACKUP_DIR" && find . -maxdepth 1 -type f -name 'assure-*.dump' | sed 's|^\./||' | LC_ALL=C sort)
	excess=$((${#dumps[@]} - BACKUP_KEEP))
	for ((i = 0; i < excess; i++)); do
		rm -f -- "${BACKUP_DIR:?}/${dumps[i]}"
		log "deleted ${BACKUP_DIR}/${dumps[i]} (keeping the newest $BACKUP_KEEP)"
	done
}

main() {
	require_positive_int BACKUP_INTERVAL_SECONDS "$BACKUP_INTERVAL_SECONDS"
	require_positive_int BACKUP_KEEP "$BACKUP_KEEP"
	umask 077 # dumps hold personal data (names, e-mail addresses, reports)
	mkdir -p -- "$BACKUP_DIR" || fail "cannot create $BACKUP_DIR"
	[ -w "$BACKUP_DIR" ] || fail "$BACKUP_DIR is not writable"
	# Left behind if the container was stopped mid-dump.
	find "$BACKUP_DIR" -maxdepth 1 -type f -name 'assure-*.dump.partial' -delete

	# bash as PID 1 ignores SIGTERM unless trapped; sleeping in the background
	# and waiting lets `docker compose stop` end the loop at once.
	local sleeper=""
	trap 'log "stopping"; [ -z "$sleeper" ] || kill "$sleeper" 2>/dev/null; exit 0' TERM INT
	log "dumping every ${BACKUP_INTERVAL_SECONDS}s into $BACKUP_DIR, keeping $BACKUP_KEEP"
	while :; do
		dump_once
		prune
		if [ "$BACKUP_ONCE" = 1 ]; then
			return 0
		fi
		sleep "$BACKUP_INTERVAL_SECONDS" &
		sleeper=$!
		wait "$sleeper"
	done
}

main "$@"
