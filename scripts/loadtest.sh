#!/usr/bin/env bash
# Load test of the pages of issue #15 (docs/benchmarks.md, "Load test (issue #15)").
#
# Seeds the demo data at scale 10 (or --scale N) into a temporary SQLite database (or copies --db PATH there: the given
# file is never written), starts the Release build on loopback, signs in the demo roles (manager, inspector1, lead1),
# and runs each page with wrk beside the static file (the static file first, then the page, same connections and
# duration), then the 50-users-with-think-time runs, then 50 inspectors autosaving every 5 s for 60 s
# (scripts/loadtest-autosave.py; their accounts are made in the copy with SQL). A first, short start with EF's command
# log counts the SQL commands of one request of each page. Prints one table: page, req/s, p50, p95, p99, ratio to
# static, SQL commands per request; then the think-time and the autosave tables.
#
#   scripts/loadtest.sh                        scale 10, 8 connections, 8 s a run (about 8 minutes on 2 cores)
#   scripts/loadtest.sh --scale 100            scale 100 (seeding takes a few minutes; or give --db)
#   scripts/loadtest.sh --db /path/scale100.db reuse a seeded database (copied first)
# Options: --connections N (8), --duration S (8), --think-users N (50), --think-ms MS (1000), --port P (5390),
#          --only REGEX (pages whose name matches), --no-think, --no-sql, --no-autosave, --autosave-users N (50),
#          --autosave-seconds S (60), --no-build, --bin DIR (the app's build output; default
#          src/ServiceReview.Web/bin/Release/net10.0), --keep (keep the temporary folder and the logs).
# Needs: dotnet (SDK 10), wrk, curl, sqlite3, python3 (Debian: apt-get install wrk curl sqlite3 python3).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
scale=10
db=""
connections=8
duration=8
think_users=50
think_ms=1000
port=5390
only=""
think=true
sql=true
autosave=true
autosave_users=50
autosave_seconds=60
build=true
bin="$root/src/ServiceReview.Web/bin/Release/net10.0"
keep=false
while [[ $# -gt 0 ]]; do
    case $1 in
        --scale) scale=$2; shift ;;
        --db) db=$2; shift ;;
        --connections) connections=$2; shift ;;
        --duration) duration=$2; shift ;;
        --think-users) think_users=$2; shift ;;
        --think-ms) think_ms=$2; shift ;;
        --port) port=$2; shift ;;
        --only) only=$2; shift ;;
        --no-think) think=false ;;
        --no-autosave) autosave=false ;;
        --autosave-users) autosave_users=$2; shift ;;
        --autosave-seconds) autosave_seconds=$2; shift ;;
        --no-sql) sql=false ;;
        --no-build) build=false ;;
        --bin) bin=$2; build=false; shift ;;
        --keep) keep=true ;;
        -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
    shift
done

for tool in dotnet wrk curl sqlite3 python3; do
    command -v "$tool" >/dev/null || { echo "loadtest: $tool is missing (apt-get install wrk curl sqlite3 python3)" >&2; exit 2; }
done

work=$(mktemp -d /tmp/loadtest.XXXXXX)
app_pid=""
stop_app() {
    if [[ -n $app_pid ]] && kill -0 "$app_pid" 2>/dev/null; then
        kill "$app_pid" 2>/dev/null || true
        wait "$app_pid" 2>/dev/null || true
    fi
    app_pid=""
}
cleanup() {
    stop_app
    if $keep; then echo "kept: $work" >&2; else rm -rf "$work"; fi
}
trap cleanup EXIT

base="http://127.0.0.1:$port"
export ASPNETCORE_ENVIRONMENT=Development
export HOME="$work/home"
mkdir -p "$HOME"
export ConnectionStrings__ServiceReview="Data Source=$work/sr.db"
export DOTNET_CLI_TELEMETRY_OPTOUT=1

if $build; then
    echo "building (Release)…" >&2
    dotnet build "$root/src/ServiceReview.Web" -c Release -v q -nologo >&2
fi
dll="$bin/ServiceReview.Web.dll"
[[ -f $dll ]] || { echo "loadtest: $dll not found (build first or give --bin)" >&2; exit 2; }

if [[ -n $db ]]; then
    # A consistent copy even if the file is in WAL mode or in use.
    sqlite3 "$db" ".backup '$work/sr.db'"
    dotnet "$dll" migrate >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log" >&2; exit 2; }
else
    echo "seeding scale $scale…" >&2
    dotnet "$dll" seed-demo --scale "$scale" >"$work/seed.log" 2>&1 || { cat "$work/seed.log" >&2; exit 2; }
fi

# start_app LOGFILE [extra environment assignments…]
start_app() {
    local log=$1; shift
    env Logging__LogLevel__Default=Warning "$@" dotnet "$dll" --urls "$base" --contentRoot "$root/src/ServiceReview.Web" >"$log" 2>&1 &
    app_pid=$!
    for _ in $(seq 1 120); do
        if curl -fs -o /dev/null "$base/healthz"; then return 0; fi
        kill -0 "$app_pid" 2>/dev/null || { cat "$log" >&2; echo "loadtest: the app did not start" >&2; exit 2; }
        sleep 0.5
    done
    echo "loadtest: the app did not answer /healthz in 60 s" >&2; exit 2
}

# sign_in EMAIL → sets cookie_<name> (the Cookie header) and token_<name> (the antiforgery request token)
sign_in() {
    local email=$1 name jar page token cookie
    name=${email%%@*}
    jar="$work/$name.jar"
    rm -f "$jar"
    page=$(curl -s -c "$jar" -b "$jar" "$base/Identity/Account/Login")
    token=$(grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//; s/"$//')
    [[ -n $token ]] || token=$(grep -o '__RequestVerificationToken[^>]*value="[^"]*"' <<<"$page" | head -1 | sed 's/.*value="//; s/"$//')
    curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=Demo-Password-2026" \
        --data-urlencode "__RequestVerificationToken=$token" "$base/Identity/Account/Login"
    cookie=$(awk -F'\t' '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s=%s; ", $6, $7 }' "$jar" | sed 's/; $//')
    grep -q 'Identity.Application' <<<"$cookie" || { echo "loadtest: could not sign in $email" >&2; exit 2; }
    page=$(curl -s -b "$jar" -c "$jar" "$base/")
    token=$(grep -o '<meta name="request-verification-token" content="[^"]*"' <<<"$page" | head -1 | sed 's/.*content="//; s/"$//')
    printf -v "cookie_$name" '%s' "$cookie"
    printf -v "token_$name" '%s' "$token"
}

sign_in_all() {
    sign_in manager@demo.local
    sign_in inspector1@demo.local
    sign_in lead1@demo.local
}

# A browser takes the cookie that Identity re-issues after its once-a-minute security-stamp check; wrk and curl with a
# fixed Cookie header do not, and would pay that check (several reads and a new cookie) on every request after the
# first minute. So the cookies are refreshed before each run: one request through the jar, then the header rebuilt.
refresh_cookies() {
    local name jar c
    for name in manager inspector1 lead1; do
        jar="$work/$name.jar"
        [[ -f $jar ]] || continue
        curl -s -o /dev/null -b "$jar" -c "$jar" "$base/"
        c=$(awk -F'\t' '!/^#/ || /^#HttpOnly_/ { if (NF >= 7) printf "%s=%s; ", $6, $7 }' "$jar" | sed 's/; $//')
        printf -v "cookie_$name" '%s' "$c"
    done
}

q() { sqlite3 -batch -noheader "$work/sr.db" "$1"; }

# The records and rounds the pages show, chosen in the database (the demo data's names are stable).
user_person() { q "SELECT p.Id FROM People p JOIN AspNetUsers u ON u.Id = p.UserId WHERE u.Email = '$1';"; }
inspector1=$(user_person inspector1@demo.local)
lead1=$(user_person lead1@demo.local)
open_round=$(q "SELECT Id FROM Rounds WHERE Status = 'Open' ORDER BY Id DESC LIMIT 1;")
closed_round=$(q "SELECT Id FROM Rounds WHERE Status = 'Closed' ORDER BY PeriodStart DESC, Id DESC LIMIT 1;")
plan=$(q "SELECT PlanVersionId FROM Rounds WHERE Id = $open_round;")
form_id=$(q "SELECT Id FROM Inspections WHERE InspectorId = $inspector1 AND RoundId = $open_round AND Status IN ('Assigned', 'InProgress') ORDER BY Id LIMIT 1;")
lead_team=$(q "SELECT Id FROM Teams WHERE LeadId = $lead1 ORDER BY Id LIMIT 1;")
review_id=$(q "SELECT Id FROM Inspections WHERE TeamId = $lead_team AND Status IN ('Submitted', 'Disputed', 'Confirmed') ORDER BY RoundId DESC, Id LIMIT 1;")
for v in inspector1 lead1 open_round closed_round plan form_id lead_team review_id; do
    [[ -n ${!v} ]] || { echo "loadtest: no $v in the database" >&2; exit 2; }
done
printf '{"items": {"1.1": {"value": 96.0}, "1.2": {"count": 2}, "1.3": {"pass": true}, "2.3": {"level": "良好"}}}' >"$work/score.json"

# name|role|method|path (role: manager, inspector1, lead1, or - for none)
pages=(
    "form (inspector)|inspector1|GET|/Inspections/Fill/$form_id"
    "review (lead)|lead1|GET|/Reviews/Review/$review_id"
    "home (manager)|manager|GET|/"
    "home (inspector)|inspector1|GET|/"
    "home (lead)|lead1|GET|/"
    "live score API|inspector1|POST|/api/plans/$plan/score"
    "round results|manager|GET|/Results/Round/$closed_round"
    "team page|manager|GET|/Results/Team/$closed_round/$lead_team"
    "dashboards|manager|GET|/Dashboards"
    "bias (/Analytics)|manager|GET|/Analytics"
    "round analytics|manager|GET|/Analytics/Round/$closed_round"
    "open round details|manager|GET|/Rounds/Details/$open_round"
    "list /Rounds|manager|GET|/Rounds"
    "list /Actions|manager|GET|/Actions"
    "list /Inspections|inspector1|GET|/Inspections"
    "list /Reviews|lead1|GET|/Reviews"
    "round export|manager|GET|/rounds/$closed_round/export"
)
static_path=/lib/bootstrap/dist/css/bootstrap.min.css

selected() { [[ -z $only ]] || [[ $1 =~ $only ]]; }

# run_wrk ROLE METHOD PATH CONNECTIONS SECONDS [THINK_MS] → the "LT …" line
run_wrk() {
    local role=$1 method=$2 path=$3 conns=$4 secs=$5 thinkms=${6:-0} cookie="" token="" body="" c t
    if [[ $role != - ]]; then
        c="cookie_$role"; t="token_$role"
        cookie=${!c}; token=${!t}
    fi
    [[ $method == POST ]] && body="$work/score.json"
    LT_METHOD=$method LT_BODY=$body LT_COOKIE=$cookie LT_TOKEN=$token LT_THINK_MS=$thinkms \
        timeout $((secs + 30)) wrk -t"$(( conns < 2 ? conns : 2 ))" -c"$conns" -d"${secs}s" --timeout 10s -s "$root/scripts/loadtest.lua" "$base$path" \
        | grep '^LT ' || echo "LT requests=0 rps=0 p50=0 p95=0 p99=0 non2xx=0 errors=-1"
}
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<"$2"; }

# ---- 1. SQL commands per request (EF's command log, JSON, with the request scope) ----
declare -A sql_count
if $sql; then
    echo "counting SQL commands…" >&2
    start_app "$work/sql.log" Logging__LogLevel__Microsoft.EntityFrameworkCore.Database.Command=Information \
        Logging__Console__FormatterName=json Logging__Console__FormatterOptions__IncludeScopes=true
    sign_in_all
    counted=()
    for entry in "${pages[@]}"; do
        IFS='|' read -r name role method path <<<"$entry"
        selected "$name" || continue
        counted+=("$name")
        refresh_cookies
        c="cookie_$role"; t="token_$role"
        args=(-s -o /dev/null -H "Cookie: ${!c}")
        [[ $method == POST ]] && args+=(-X POST -H "RequestVerificationToken: ${!t}" -H "Content-Type: application/json" --data-binary "@$work/score.json")
        curl "${args[@]}" "$base$path"                        # warm-up (first-use work is not the page's cost)
        curl "${args[@]}" "$base$path"
    done
    sleep 1
    stop_app
    # Commands grouped by request (RequestId scope), in the order the requests came; each page's count is that of its
    # second (warm) request. Per page we sent five: three cookie refreshes ("/" for each role), the warm-up, the counted.
    mapfile -t per_request < <(python3 - "$work/sql.log" <<'PY'
import json, sys
requests = {}
for line in open(sys.argv[1], encoding="utf-8", errors="replace"):
    line = line.strip()
    if not line.startswith("{"):
        continue
    try:
        entry = json.loads(line)
    except ValueError:
        continue
    if entry.get("Category") != "Microsoft.EntityFrameworkCore.Database.Command" or entry.get("EventId") != 20101:
        continue
    scope = {}
    for s in entry.get("Scopes", []):
        if isinstance(s, dict):
            scope.update(s)
    if "RequestId" in scope:
        key = (scope.get("RequestPath", ""), scope["RequestId"])
        requests[key] = requests.get(key, 0) + 1
for (path, _), count in requests.items():
    print(f"{path}\t{count}")
PY
)
    n=${#per_request[@]}
    i=$((n - 5 * ${#counted[@]}))
    for name in "${counted[@]}"; do
        sql_count[$name]=${per_request[$((i + 4))]#*$'\t'}
        i=$((i + 5))
    done
fi

# ---- 2. Throughput and latency: each page beside the static file ----
results=()
start_app "$work/app.log"
sign_in_all
for entry in "${pages[@]}"; do
    IFS='|' read -r name role method path <<<"$entry"
    selected "$name" || continue
    refresh_cookies
    c="cookie_$role"; args=(-s -o /dev/null -H "Cookie: ${!c}")
    # A warm-up that is not measured.
    for _ in 1 2 3; do
        if [[ $method == POST ]]; then
            t="token_$role"
            curl "${args[@]}" -X POST -H "RequestVerificationToken: ${!t}" -H "Content-Type: application/json" --data-binary "@$work/score.json" "$base$path"
        else
            curl "${args[@]}" "$base$path"
        fi
    done
    # Then 2 s of the page and of the static file, not measured either: the code they run is compiled to its final tier
    # (.NET's tiered JIT recompiles a method after 30 calls, in the background), whatever page came before.
    run_wrk "$role" "$method" "$path" 1 2 >/dev/null
    run_wrk - GET "$static_path" 1 2 >/dev/null
    echo "· $name ($path)" >&2
    s=$(run_wrk - GET "$static_path" "$connections" "$duration")
    p=$(run_wrk "$role" "$method" "$path" "$connections" "$duration")
    results+=("$name|$path|$s|$p")
done

think_results=()
if $think; then
    for entry in "${pages[@]:0:3}"; do
        IFS='|' read -r name role method path <<<"$entry"
        selected "$name" || continue
        echo "· $think_users users, ${think_ms} ms think time: $name" >&2
        refresh_cookies
        p=$(run_wrk "$role" "$method" "$path" "$think_users" $((duration * 2)) "$think_ms")
        think_results+=("$name|$p")
    done
fi
# The app's memory after the page runs: resident now and at its peak (kB, from /proc).
rss=$(awk '/^VmRSS|^VmHWM/ { printf "%s %d MiB  ", $1, $2 / 1024 }' "/proc/$app_pid/status" 2>/dev/null || true)
autosave_line=""
if $autosave; then
    echo "· $autosave_users inspectors autosaving every 5 s for $autosave_seconds s" >&2
    autosave_line=$(timeout $((autosave_seconds + 300)) python3 "$root/scripts/loadtest-autosave.py" --base "$base" --db "$work/sr.db" \
        --users "$autosave_users" --interval 5 --duration "$autosave_seconds" | grep '^AUTOSAVE ' || true)
fi
stop_app
if [[ -n $autosave_line ]]; then
    verify=$(dotnet "$dll" verify-audit 2>&1 | tail -1) && audit_ok="intact" || audit_ok="BROKEN: $verify"
fi

# ---- 3. The table ----
sqlite_scale=$(q "SELECT COUNT(*) FROM Teams;")
echo
echo "Load test: $sqlite_scale teams, wrk -t$(( connections < 2 ? connections : 2 )) -c$connections -d${duration}s, each page right after the static file $static_path"
echo "(load average at the end: $(cut -d' ' -f1-3 /proc/loadavg); app memory after the page runs: ${rss:-unknown}; GC: ${DOTNET_gcServer:+DOTNET_gcServer=}${DOTNET_gcServer:-as built})"
echo
echo "| page | req/s | p50 ms | p95 ms | p99 ms | static req/s | ratio to static | SQL commands per request | non-2xx |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for r in "${results[@]}"; do
    IFS='|' read -r name path s p <<<"$r"
    srps=$(field rps "$s"); prps=$(field rps "$p")
    ratio=$(python3 -c "s=float('$srps'); p=float('$prps'); print(f'{p/s:.3f}' if s > 0 else '-')")
    sqlc=${sql_count[$name]:-}
    [[ -z $sqlc ]] && { $sql && sqlc=0 || sqlc="-"; }
    bad=$(( $(field non2xx "$p") + $(field errors "$p") ))
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$prps" "$(field p50 "$p")" "$(field p95 "$p")" "$(field p99 "$p")" \
        "$srps" "$ratio" "$sqlc" "$bad"
done
if [[ ${#think_results[@]} -gt 0 ]]; then
    echo
    echo "$think_users users, each waiting ${think_ms} ms (0.5–1.5×) between requests, $((duration * 2)) s:"
    echo
    echo "| page | req/s | p50 ms | p95 ms | p99 ms | non-2xx |"
    echo "|---|---:|---:|---:|---:|---:|"
    for r in "${think_results[@]}"; do
        IFS='|' read -r name p <<<"$r"
        printf '| %s | %s | %s | %s | %s | %s |\n' "$name" "$(field rps "$p")" "$(field p50 "$p")" "$(field p95 "$p")" "$(field p99 "$p")" \
            $(( $(field non2xx "$p") + $(field errors "$p") ))
    done
fi
if [[ -n $autosave_line ]]; then
    echo
    echo "Autosave: $autosave_users inspectors, each saving a draft every 5 s (POST /api/inspections/{id}/draft), $autosave_seconds s:"
    echo
    echo "| saves | p50 ms | p95 ms | p99 ms | max ms | errors | audit entries added | audit chain (verify-audit) |"
    echo "|---:|---:|---:|---:|---:|---:|---:|---|"
    printf '| %s | %s | %s | %s | %s | %s | %s | %s |\n' "$(field saves "$autosave_line")" "$(field p50 "$autosave_line")" \
        "$(field p95 "$autosave_line")" "$(field p99 "$autosave_line")" "$(field max "$autosave_line")" \
        "$(field errors "$autosave_line")" "$(field audit_entries "$autosave_line")" "$audit_ok"
fi
