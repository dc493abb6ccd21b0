#!/usr/bin/env python3
"""Peak memory of the app while it refuses (or takes) each hostile upload (issue #12).

Usage:
    dotnet publish src/ServiceReview.Web -c Release -o /tmp/sr-pub
    python3 scripts/measure-upload-memory.py /tmp/sr-pub [BOMBDIR]

Starts the published app on 127.0.0.1 (Development environment, so an empty SQLite database gets the demo data; its
own HOME, so it shares no Data Protection keys), signs in as lead1, manager and admin, and posts every file that
scripts/make-upload-bombs.py writes (it is run when BOMBDIR is missing) to every upload: the synchronous service-record
API, the import page (a background job; the job is waited for), the plan import API and page, and the people import.
("closed" = refused with 413 before the body was read, the connection closed while the client still sent it.)
Before each upload the kernel's peak-RSS mark is reset (`echo 5 > /proc/PID/clear_refs`); after it VmHWM is read.
Prints one line per upload: status, peak RSS, and peak minus the RSS before the upload. Exits 1 if any upload gets a
500 or raises the peak more than 256 MiB over the RSS before it.
"""
import http.cookiejar
import json
import os
import re
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import uuid

BUDGET_MIB = 256
PASSWORD = "Demo-Password-2026"


def kib(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise KeyError(field)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    def __init__(self, base):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())

    def request(self, method, path, body=None, headers=None):
        req = urllib.request.Request(self.base + path, data=body, method=method, headers=headers or {})
        try:
            with self.opener.open(req, timeout=600) as r:
                return r.status, r.read().decode("utf-8", "replace"), dict(r.headers)
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace"), dict(e.headers)

    def token(self, path):
        _, html, _ = self.request("GET", path)
        m = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', html) or \
            re.search(r'<meta name="request-verification-token" content="([^"]+)"', html)
        return m.group(1)

    def sign_in(self, email):
        token = self.token("/Identity/Account/Login")
        form = urllib.parse.urlencode({"Input.Email": email, "Input.Password": PASSWORD, "__RequestVerificationToken": token}).encode()
        status, _, _ = self.request("POST", "/Identity/Account/Login", form, {"Content-Type": "application/x-www-form-urlencoded"})
        assert status == 302, f"sign-in of {email} answered {status}"

    def upload(self, path, token_page, name, content, api):
        token = self.token(token_page)
        boundary = uuid.uuid4().hex
        body = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"__RequestVerificationToken\"\r\n\r\n{token}\r\n"
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
                f"Content-Type: application/octet-stream\r\n\r\n").encode() + content + f"\r\n--{boundary}--\r\n".encode()
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        if api:
            headers["RequestVerificationToken"] = token
        return self.request("POST", path, body, headers)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

    def http_error_302(self, req, fp, code, msg, headers):
        return fp

    http_error_303 = http_error_307 = http_error_302


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    publish = os.path.abspath(argv[1])
    bombs = argv[2] if len(argv) > 2 else tempfile.mkdtemp(prefix="bombs-")
    if not os.path.exists(os.path.join(bombs, "bomb.xlsx")):
        subprocess.run([sys.executable, os.path.join(os.path.dirname(__file__), "make-upload-bombs.py"), bombs], check=True)

    work = tempfile.mkdtemp(prefix="upload-memory-")
    database = os.path.join(work, "app.db")
    port = free_port()
    env = dict(os.environ, ASPNETCORE_ENVIRONMENT="Development", HOME=work,
               ConnectionStrings__ServiceReview=f"Data Source={database}", Logging__LogLevel__Default="Warning",
               DOTNET_CLI_HOME=os.environ.get("DOTNET_CLI_HOME", os.environ.get("HOME", work)))
    app = subprocess.Popen(["dotnet", "ServiceReview.Web.dll", "--urls", f"http://127.0.0.1:{port}"], cwd=publish, env=env,
                           stdout=open(os.path.join(work, "app.log"), "w"), stderr=subprocess.STDOUT)
    failures = 0
    try:
        base = f"http://127.0.0.1:{port}"
        for _ in range(240):
            try:
                if urllib.request.urlopen(base + "/healthz", timeout=2).status == 200:
                    break
            except Exception:
                time.sleep(0.5)
        with sqlite3.connect(database) as db:
            team = db.execute("SELECT t.Id FROM Teams t JOIN People p ON p.Id = t.LeadId WHERE p.Email = 'lead1@demo.local'").fetchone()[0]
        lead, manager, admin = Client(base), Client(base), Client(base)
        lead.sign_in("lead1@demo.local")
        manager.sign_in("manager@demo.local")
        admin.sign_in("admin@demo.local")

        records_page = f"/ServiceRecords/Import?teamId={team}"
        uploads = [
            ("records API", lead, f"/api/teams/{team}/service-records/import", "/", True),
            ("records page + job", lead, records_page, records_page, False),
            ("plan API", manager, "/api/plans/import", "/plans/import", True),
            ("plan page", manager, "/plans/import", "/plans/import", False),
            ("people page", admin, "/People/Import", "/People/Import", False),
        ]
        files = sorted(os.listdir(bombs))
        # Warm up every endpoint once (JIT, first queries) with the small clean CSV, so that the peaks are the files'.
        for _, client, path, page, api in uploads:
            client.upload(path, page, "warm.csv", open(os.path.join(bombs, "gb18030.csv"), "rb").read(), api)
        time.sleep(3)
        idle = kib(app.pid, "VmRSS")
        print(f"idle RSS after warm-up: {idle / 1024:.0f} MiB (pid {app.pid})")
        print(f"{'upload':<20} {'file':<22} {'status':>10} {'peak MiB':>9} {'+MiB':>6} {'s':>6}")
        for label, client, path, page, api in uploads:
            for name in files:
                content = open(os.path.join(bombs, name), "rb").read()
                before = kib(app.pid, "VmRSS")
                with open(f"/proc/{app.pid}/clear_refs", "w") as f:
                    f.write("5")
                started = time.monotonic()
                try:
                    status, body, headers = client.upload(path, page, name, content, api)
                except (urllib.error.URLError, ConnectionError):
                    # A body declared over the action's limit is answered 413 before it is read; the server then closes
                    # the connection while urllib is still sending the rest.
                    status, body, headers = "closed", "", {}
                if status == 302 and "ImportProgress" in headers.get("Location", ""):
                    job = headers["Location"].rsplit("/", 1)[1]
                    for _ in range(600):
                        _, state, _ = client.request("GET", f"/api/service-records/imports/{job}")
                        state = json.loads(state)
                        if state["done"]:
                            break
                        time.sleep(0.2)
                    status = f"job:{state['state']}"
                seconds = time.monotonic() - started
                peak = kib(app.pid, "VmHWM")
                over = (peak - before) / 1024
                bad = str(status) == "500" or over > BUDGET_MIB
                failures += bad
                print(f"{label:<20} {name:<22} {status!s:>10} {peak / 1024:>9.0f} {over:>+6.0f} {seconds:>6.1f}{'  <-- FAIL' if bad else ''}")
    finally:
        app.terminate()
        app.wait(timeout=30)
    print("FAILED" if failures else f"OK: every upload stayed under +{BUDGET_MIB} MiB and none answered 500")
    return 1 if failures else 0


if __name__ == "__main__":
    import urllib.parse
    sys.exit(main(sys.argv))
