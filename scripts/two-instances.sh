#!/usr/bin/env bash
# Two ServiceReview instances on one PostgreSQL, to try by hand what docs/operations.md ("Several instances") describes
# and what the test Two_app_processes_on_one_PostgreSQL checks (ADR 0028):
#   - a throwaway PostgreSQL cluster (initdb/pg_ctl) listening only on a Unix socket in the work folder;
#   - `migrate` and `seed-demo` run once, then two instances with Database:MigrateOnStartup=false on loopback;
#   - if nginx is installed, nginx round-robin in front (no sticky sessions).
# Everything stops, and the work folder is deleted, on Ctrl-C (KEEP=1 keeps the folder and its logs).
#
# Usage: scripts/two-instances.sh
# Settings (environment): PORT_A (5001), PORT_B (5002), PROXY_LISTEN (127.0.0.1:8080; nginx's `listen`, so
#   unix:/path/proxy.sock works too), ENVIRONMENT (Development), CONFIGURATION (Release), WORK (a new folder under
#   /tmp), KEEP (0).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
PORT_A=${PORT_A:-5001}
PORT_B=${PORT_B:-5002}
PROXY_LISTEN=${PROXY_LISTEN:-127.0.0.1:8080}
ENVIRONMENT=${ENVIRONMENT:-Development}
CONFIGURATION=${CONFIGURATION:-Release}
KEEP=${KEEP:-0}
WORK=${WORK:-$(mktemp -d /tmp/servicereview-two.XXXXXX)}
mkdir -p "$WORK"
chmod 755 "$WORK"
DLL=$ROOT/src/ServiceReview.Web/bin/$CONFIGURATION/net10.0/ServiceReview.Web.dll
PIDS=()
NGINX=""

say() { printf '==> %s\n' "$*"; }

# PostgreSQL's programs: on PATH, else the newest /usr/lib/postgresql/N/bin (Debian's layout).
PGBIN=""
if command -v initdb >/dev/null && command -v pg_ctl >/dev/null; then
    PGBIN=$(dirname "$(command -v initdb)")
else
    for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        if [[ -x $candidate/initdb && -x $candidate/pg_ctl ]]; then PGBIN=$candidate; break; fi
    done
fi
if [[ -z $PGBIN ]]; then
    echo "PostgreSQL is not installed: apt-get install postgresql (no service needs to run)" >&2
    exit 1
fi

# PostgreSQL refuses to run as root: then its folder belongs to the postgres user and its programs run as that user.
as_pg() {
    if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

PGDIR=$WORK/pg
cleanup() {
    set +e
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null; done
    for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null; done
    if [[ -n $NGINX ]]; then "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -s quit 2>/dev/null; fi
    if [[ -f $PGDIR/data/postmaster.pid ]]; then as_pg "$PGBIN/pg_ctl" stop -D "$PGDIR/data" -m fast -w >/dev/null; fi
    if [[ $KEEP == 1 ]]; then echo "kept $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [[ ! -f $DLL ]]; then
    say "building ($CONFIGURATION)"
    dotnet build src/ServiceReview.Web -c "$CONFIGURATION" -v q -nologo
fi

say "PostgreSQL ($PGBIN) on a Unix socket in $PGDIR"
mkdir -p "$PGDIR"
if [[ $(id -u) -eq 0 ]]; then chown postgres: "$PGDIR"; fi
as_pg "$PGBIN/initdb" -D "$PGDIR/data" -U postgres -A trust -E UTF8 --no-locale --no-sync >/dev/null
cat >>"$PGDIR/data/postgresql.conf" <<EOF
listen_addresses = ''
unix_socket_directories = '$PGDIR'
fsync = off
max_connections = 100
EOF
as_pg "$PGBIN/pg_ctl" start -D "$PGDIR/data" -l "$PGDIR/server.log" -w >/dev/null
CREATEDB=$(dirname "$(readlink -f "$PGBIN/initdb")")/createdb
if [[ -x $CREATEDB ]]; then as_pg "$CREATEDB" -h "$PGDIR" -U postgres servicereview; fi # else `migrate` creates it

export Database__Provider=PostgreSql
export ConnectionStrings__ServiceReview="Host=$PGDIR;Username=postgres;Database=servicereview"
export ASPNETCORE_ENVIRONMENT=$ENVIRONMENT
export Logging__LogLevel__Default=Warning

app() { (cd "$ROOT/src/ServiceReview.Web" && exec dotnet "$DLL" "$@"); }

say "migrate (once per release), then the demo data"
app migrate
app seed-demo

start_instance() {
    local name=$1 port=$2
    # Each instance has a home folder of its own, as on its own machine: only the database is shared.
    mkdir -p "$WORK/home-$name"
    HOME=$WORK/home-$name Database__MigrateOnStartup=false \
        app --urls "http://127.0.0.1:$port" >"$WORK/$name.log" 2>&1 &
    PIDS+=($!)
}

start_instance a "$PORT_A"
start_instance b "$PORT_B"
for port in "$PORT_A" "$PORT_B"; do
    for _ in $(seq 1 120); do
        if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
        sleep 0.5
    done
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || { echo "instance on $port did not start: see $WORK/*.log" >&2; KEEP=1; exit 1; }
done
say "instance a: http://127.0.0.1:$PORT_A   instance b: http://127.0.0.1:$PORT_B   (logs in $WORK)"

if command -v nginx >/dev/null; then
    NGINX=$(command -v nginx)
    mkdir -p "$WORK/nginx/logs" "$WORK/nginx/client_body" "$WORK/nginx/proxy"
    # As root, nginx's workers run as an unprivileged user: they must be able to write their temp folders.
    if [[ $(id -u) -eq 0 ]]; then chmod 1777 "$WORK/nginx/client_body" "$WORK/nginx/proxy"; fi
    cat >"$WORK/nginx/nginx.conf" <<EOF
daemon on;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 256; }
http {
    access_log $WORK/nginx/logs/access.log;
    client_body_temp_path $WORK/nginx/client_body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    client_max_body_size 210m;
    # Round robin, no affinity: consecutive requests of one browser go to different instances.
    upstream servicereview {
        server 127.0.0.1:$PORT_A;
        server 127.0.0.1:$PORT_B;
    }
    server {
        listen $PROXY_LISTEN;
        location / {
            proxy_pass http://servicereview;
            proxy_http_version 1.1;
            proxy_set_header Host \$http_host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            add_header X-Upstream \$upstream_addr always;
        }
    }
}
EOF
    "$NGINX" -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf"
    say "nginx round-robin on $PROXY_LISTEN   (each response names its instance in X-Upstream)"
else
    NGINX=""
    say "nginx is not installed: use the two instances directly (apt-get install nginx for the round-robin proxy)"
fi

say "sign in as manager@demo.local / inspector1@demo.local ... with Demo-Password-2026; Ctrl-C stops everything"
wait
