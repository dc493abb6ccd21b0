#!/usr/bin/env bash
# Security scan of a running ServiceReview (issue #12, item 14; docs/security.md, "Scan").
#
# Starts the app (Release build) on loopback with its own temporary SQLite database, demo data and HOME, signs in with
# the demo accounts, then:
#   (a) uploads: posts every hostile file to every upload endpoint, recording the app's peak memory (VmHWM) before and
#       after; a 5xx answer, a dropped connection, a dead app or a peak that grew by more than 256 MiB is a finding;
#   (b) sqlmap (Debian package) on the query parameters of the list pages, with the session cookie, in batch mode; an
#       injection point or a 5xx answer to a probe is a finding.
# Prints a summary table; exits 0 when nothing was found, 1 on a finding, 2 when the scan itself could not run.
#
#   scripts/security-scan.sh                      both parts (sqlmap level 3, risk 2, ≤ 60 s a page: under 15 min on 2 cores)
#   scripts/security-scan.sh --uploads-only       part (a) only (what CI runs)
#   scripts/security-scan.sh --sqlmap-only        part (b) only
# Options: --files DIR (hostile files to use; default: generated), --no-build, --sqlmap-level N (3), --sqlmap-risk N (2),
#          --sqlmap-technique BEUST, --sqlmap-seconds N (60, per page), --max-growth-mib N (256),
#          --heap-limit-mib N (2048), --keep (keep the temporary folder and the app's log).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
uploads_only=false
sqlmap_only=false
files_dir=""
build=true
sqlmap_level=3
sqlmap_risk=2
sqlmap_technique=BEUST
sqlmap_seconds=60
max_growth_mib=256
heap_limit_mib=2048
keep=false
while [[ $# -gt 0 ]]; do
    case $1 in
        --uploads-only) uploads_only=true ;;
        --sqlmap-only) sqlmap_only=true ;;
        --files) files_dir=$2; shift ;;
        --no-build) build=false ;;
        --sqlmap-level) sqlmap_level=$2; shift ;;
        --sqlmap-risk) sqlmap_risk=$2; shift ;;
        --sqlmap-technique) sqlmap_technique=$2; shift ;;
        --sqlmap-seconds) sqlmap_seconds=$2; shift ;;
        --max-growth-mib) max_growth_mib=$2; shift ;;
        --heap-limit-mib) heap_limit_mib=$2; shift ;;
        --keep) keep=true ;;
        -h|--help) sed -n '2,19p' "${BASH_SOURCE[0]}"; exit 0 ;;
        *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done

for tool in curl python3; do
    command -v "$tool" >/dev/null || { echo "scan: $tool is needed" >&2; exit 2; }
done
if ! $uploads_only && ! command -v sqlmap >/dev/null; then
    echo "scan: sqlmap is not installed: apt-get install sqlmap (or run with --uploads-only)" >&2
    exit 2
fi

work=$(mktemp -d /tmp/servicereview-scan.XXXXXX)
app_pid=""
cleanup() {
    if [[ -n $app_pid ]] && kill -0 "$app_pid" 2>/dev/null; then
        kill "$app_pid" 2>/dev/null || true
        wait "$app_pid" 2>/dev/null || true
    fi
    if $keep; then echo "scan: kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

findings=0
rows=()
row() { rows+=("$(printf '%-8s %-44s %-22s %s' "$1" "$2" "$3" "$4")"); }
finding() { findings=$((findings + 1)); }

# ---------------------------------------------------------------------------------------------------------- the app
web="$root/src/ServiceReview.Web"
if $build; then
    echo "scan: building (Release)"
    dotnet build "$web" -c Release -v q -nologo >"$work/build.log" 2>&1 || { tail -n 30 "$work/build.log" >&2; exit 2; }
fi
app="$web/bin/Release/net10.0/ServiceReview.Web"
[[ -x $app ]] || { echo "scan: $app is missing (build first, or drop --no-build)" >&2; exit 2; }

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
mkdir -p "$work/home"
echo "scan: starting the app on $base (database, HOME and logs in $work)"
(
    cd "$web"
    # Its own HOME: its own Data Protection keys. NuGet and the CLI keep the real ones.
    export NUGET_PACKAGES=${NUGET_PACKAGES:-$HOME/.nuget/packages} DOTNET_CLI_HOME=${DOTNET_CLI_HOME:-$HOME}
    export HOME="$work/home"
    export ASPNETCORE_ENVIRONMENT=Development
    export ConnectionStrings__ServiceReview="Data Source=$work/scan.db"
    # A cap on the managed heap, so that a failing guard shows as an error here instead of taking the machine's memory.
    DOTNET_GCHeapHardLimit=$(printf '0x%x' $((heap_limit_mib * 1024 * 1024)))
    export DOTNET_GCHeapHardLimit
    exec "$app" --urls "$base" --contentRoot "$web"
) >"$work/app.log" 2>&1 &
app_pid=$!

for _ in $(seq 1 240); do
    if curl -fs -o /dev/null "$base/healthz"; then break; fi
    kill -0 "$app_pid" 2>/dev/null || { tail -n 40 "$work/app.log" >&2; echo "scan: the app exited" >&2; exit 2; }
    sleep 1
done
curl -fs -o /dev/null "$base/healthz" || { tail -n 40 "$work/app.log" >&2; echo "scan: the app did not answer /healthz" >&2; exit 2; }

peak_kib() { awk '/^VmHWM:/ { print $2 }' "/proc/$app_pid/status" 2>/dev/null || echo 0; }
alive() { kill -0 "$app_pid" 2>/dev/null && curl -fs -o /dev/null --max-time 20 "$base/healthz"; }

# sign_in EMAIL: a cookie jar signed in with the demo password, and the page token in $work/EMAIL.token
sign_in() {
    local email=$1 jar="$work/$1.jar" form token status
    form=$(curl -s -c "$jar" -b "$jar" "$base/Identity/Account/Login")
    token=$(grep -oE '<input[^>]*name="__RequestVerificationToken"[^>]*>' <<<"$form" | grep -oE 'value="[^"]*"' | head -n 1 | cut -d'"' -f2)
    status=$(curl -s -o /dev/null -w '%{http_code}' -c "$jar" -b "$jar" "$base/Identity/Account/Login" \
        --data-urlencode "Input.Email=$email" --data-urlencode "Input.Password=Demo-Password-2026" \
        --data-urlencode "__RequestVerificationToken=$token")
    [[ $status == 302 ]] || { echo "scan: sign-in of $email answered $status" >&2; exit 2; }
    page_token "$email" /
}

# page_token EMAIL PATH: the antiforgery token of that page (the <meta> of every signed-in page, or the form's field)
page_token() {
    curl -s -b "$work/$1.jar" -c "$work/$1.jar" "$base$2" | python3 -c '
import html, re, sys
page = sys.stdin.read()
m = (re.search(r"<meta name=\"request-verification-token\" content=\"([^\"]*)\"", page)
     or re.search(r"<input[^>]*name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]*)\"", page))
print(html.unescape(m.group(1)) if m else "")' >"$work/$1.token"
}

for account in manager@demo.local lead1@demo.local admin@demo.local inspector1@demo.local; do
    sign_in "$account"
done
team_id=$(curl -s -b "$work/manager@demo.local.jar" "$base/api/teams" |
    python3 -c 'import json, sys; print(next(t["id"] for t in json.load(sys.stdin) if t["lead"] == "lead1@demo.local"))')
echo "scan: signed in (manager, lead1, admin, inspector1); lead1's team is $team_id"

# ------------------------------------------------------------------------------------------------- (a) the uploads
if ! $sqlmap_only; then
if [[ -z $files_dir ]]; then
    files_dir="$work/files"
    generator="$root/scripts/make-upload-bombs.py"
    echo "scan: writing the hostile files with ${generator#"$root"/}"
    python3 "$generator" "$files_dir" >/dev/null
fi
mapfile -t files < <(find "$files_dir" -maxdepth 1 -type f \( -name '*.xlsx' -o -name '*.csv' \) | sort)
[[ ${#files[@]} -gt 0 ]] || { echo "scan: no .xlsx or .csv files in $files_dir" >&2; exit 2; }

# upload ACCOUNT URL TOKEN_PAGE API|FORM FILE: posts the file as field "file"; prints "status location curl-exit-code"
upload() {
    local account=$1 url=$2 token_page=$3 kind=$4 file=$5 token
    page_token "$account" "$token_page"
    token=$(cat "$work/$account.token")
    local args=(-s -o "$work/answer" -w '%{http_code} %{redirect_url}' --max-time 300 -b "$work/$account.jar" -c "$work/$account.jar"
        -F "file=@$file;type=application/octet-stream")
    if [[ $kind == API ]]; then
        args+=(-H "RequestVerificationToken: $token")
    else
        args+=(-F "__RequestVerificationToken=$token")
    fi
    local answer rc=0
    answer=$(curl "${args[@]}" "$base$url") || rc=$?
    echo "$answer $rc"
}

# wait_for_import JOB: polls the background import's status until it is done (or 300 s pass); prints its outcome
wait_for_import() {
    local status
    for _ in $(seq 1 300); do
        status=$(curl -s --max-time 20 -b "$work/lead1@demo.local.jar" "$base/api/service-records/imports/$1" || true)
        if python3 -c 'import json, sys; sys.exit(0 if json.loads(sys.argv[1]).get("done") else 1)' "$status" 2>/dev/null; then
            python3 -c 'import json, sys; s = json.loads(sys.argv[1]); print(s.get("status") or ("failed" if s.get("failed") else "done"))' "$status"
            return
        fi
        alive || { echo "app died"; return; }
        sleep 1
    done
    echo "still running after 300 s"
}

endpoints=(
    "lead1@demo.local|/api/teams/$team_id/service-records/import|/|API|records API"
    "lead1@demo.local|/ServiceRecords/Import?teamId=$team_id|/ServiceRecords/Import?teamId=$team_id|FORM|records import page"
    "manager@demo.local|/api/plans/import|/plans/import|API|plan import API"
    "manager@demo.local|/plans/import|/plans/import|FORM|plan import page"
    "admin@demo.local|/People/Import|/People/Import|FORM|people import"
)

baseline=$(peak_kib)
echo "scan: uploads: ${#files[@]} files x ${#endpoints[@]} endpoints; peak memory before: $((baseline / 1024)) MiB"
for file in "${files[@]}"; do
    for endpoint in "${endpoints[@]}"; do
        IFS='|' read -r account url token_page kind label <<<"$endpoint"
        before=$(peak_kib)
        read -r status location rc < <(upload "$account" "$url" "$token_page" "$kind" "$file")
        if [[ -z $rc ]]; then rc=$location; location=""; fi
        note=""
        if [[ $location == *"/ServiceRecords/ImportProgress/"* ]]; then
            note="background: $(wait_for_import "${location##*/}")"
        fi
        after=$(peak_kib)
        result="$status"
        if [[ $status == 000 && ( $rc == 1 || $rc == 8 ) ]]; then
            result="FAIL status 0"   # curl: "Unsupported response code in HTTP response" (the app answered "HTTP/1.1 0")
            finding
        elif [[ -z $status || $status == 000 ]]; then
            result="FAIL no answer (curl $rc)"
            finding
        elif [[ $status == 5* ]] || ! alive; then
            result="FAIL $status"
            finding
        fi
        if [[ $note == *"app died"* ]]; then result="FAIL (app died)"; finding; fi
        row upload "$label $(basename "$file")" "$result" "peak $((before / 1024))→$((after / 1024)) MiB $note"
        if ! kill -0 "$app_pid" 2>/dev/null; then
            echo "scan: the app died on $(basename "$file") → $label" >&2
            break 2
        fi
    done
done
final=$(peak_kib)
growth_mib=$(((final - baseline) / 1024))
if [[ $final -eq 0 ]]; then
    row upload "peak memory" "FAIL" "the app is gone"
    finding
elif [[ $growth_mib -gt $max_growth_mib ]]; then
    row upload "peak memory" "FAIL" "grew by $growth_mib MiB (limit $max_growth_mib): $((baseline / 1024))→$((final / 1024)) MiB"
    finding
else
    row upload "peak memory" "ok" "grew by $growth_mib MiB (limit $max_growth_mib): $((baseline / 1024))→$((final / 1024)) MiB"
fi
fi

# ---------------------------------------------------------------------------------------------------- (b) sqlmap
if ! $uploads_only && kill -0 "$app_pid" 2>/dev/null; then
    cookie() { # the jar's cookies as one header value (curl marks HttpOnly ones with a #HttpOnly_ prefix)
        sed -e 's/^#HttpOnly_//' "$work/$1.jar" | awk -F'\t' 'NF == 7 && $1 !~ /^#/ { printf "%s%s=%s", sep, $6, $7; sep = "; " }'
    }
    # The list pages and their query parameters (grep "Index(" in src/ServiceReview.Web/Controllers).
    targets=(
        "manager@demo.local|/Rounds?q=a&status=Open&page=1&size=20"
        "manager@demo.local|/Results?q=a&status=Closed&page=1&size=20"
        "manager@demo.local|/Disputes?q=a&page=1&size=20"
        "manager@demo.local|/Actions?status=Open&overdue=false&q=a&page=1&size=20"
        "manager@demo.local|/Calibration?q=a&page=1&size=20"
        "manager@demo.local|/plans?q=a&page=1&size=20"
        "manager@demo.local|/Analytics?from=2026-01-01&to=2026-12-31&page=1&size=20"
        "manager@demo.local|/Statistics?From=2026-01-01&To=2026-12-31&ProjectId=1&TeamId=1&Bucket=Week"
        "manager@demo.local|/Dashboards?roundId=1&projectId=1"
        "manager@demo.local|/Notifications?page=1"
        "lead1@demo.local|/Reviews?q=a&status=Submitted&page=1&size=20"
        "inspector1@demo.local|/Inspections?q=a&status=Submitted&page=1&size=20"
        "admin@demo.local|/People?q=a&page=1"
        "admin@demo.local|/Projects?q=a&page=1"
        "admin@demo.local|/Teams?q=a&projectId=1&page=1"
        "admin@demo.local|/Audit?person=a&kind=SignedIn&from=2026-01-01&to=2026-12-31&page=1"
    )
    echo "scan: sqlmap on ${#targets[@]} list pages (level $sqlmap_level, risk $sqlmap_risk, technique $sqlmap_technique, ≤ $sqlmap_seconds s each)"
    for target in "${targets[@]}"; do
        IFS='|' read -r account path <<<"$target"
        signed_in=$(curl -s -o /dev/null -w '%{http_code}' -b "$work/$account.jar" "$base$path")
        if [[ $signed_in != 200 ]]; then
            row sqlmap "$path" "SKIPPED" "the page answered $signed_in to $account (not signed in?)"
            finding
            continue
        fi
        log="$work/sqlmap-$(tr -c 'A-Za-z0-9' '_' <<<"$path").log"
        set +e
        timeout --kill-after=10s "$sqlmap_seconds" sqlmap -u "$base$path" --cookie "$(cookie "$account")" --batch \
            --level "$sqlmap_level" --risk "$sqlmap_risk" --technique "$sqlmap_technique" --dbms SQLite --threads 2 \
            --timeout 30 --retries 1 --flush-session --disable-coloring --output-dir "$work/sqlmap" >"$log" 2>&1
        rc=$?
        set -e
        if grep -qiE 'identified the following injection point|is vulnerable|sqlmap resumed the following injection point' "$log"; then
            row sqlmap "$path" "FAIL injectable" "$(grep -m1 -iE 'Parameter:' "$log" | tr -s ' ')"
            finding
        elif grep -qE '5[0-9]{2} \([A-Za-z ]+\) - [0-9]+ times' "$log"; then
            row sqlmap "$path" "FAIL 5xx" "$(grep -m1 -oE '5[0-9]{2} \([A-Za-z ]+\) - [0-9]+ times' "$log")"
            finding
        elif [[ $rc -eq 124 || $rc -eq 137 ]]; then
            row sqlmap "$path" "incomplete" "stopped after $sqlmap_seconds s; nothing found until then"
        elif [[ $rc -ne 0 ]]; then
            row sqlmap "$path" "ERROR rc=$rc" "$(tail -n 1 "$log")"
            finding
        else
            tested=$(grep -ciE "testing '" "$log" || true)
            row sqlmap "$path" "ok" "$tested payload families, none injectable"
        fi
        after=$(curl -s -o /dev/null -w '%{http_code}' -b "$work/$account.jar" "$base$path")
        [[ $after == 200 ]] || { row sqlmap "$path" "FAIL" "session lost afterwards ($after)"; finding; }
    done
fi

# ---------------------------------------------------------------------------------------------------- summary
echo
printf '%-8s %-44s %-22s %s\n' part target result detail
printf '%s\n' "${rows[@]}"
echo
if ! kill -0 "$app_pid" 2>/dev/null; then
    echo "scan: the app is not running any more (log: $work/app.log)"
    findings=$((findings + 1))
    keep=true
fi
if grep -qE 'OutOfMemoryException|Unhandled exception' "$work/app.log"; then
    echo "scan: the app's log shows: $(grep -m1 -oE '[A-Za-z.]*(OutOfMemoryException|Unhandled exception)[^\r]*' "$work/app.log" | cut -c1-160)"
fi
if [[ $findings -gt 0 ]]; then
    echo "scan: $findings finding(s)"
    exit 1
fi
echo "scan: no findings"
