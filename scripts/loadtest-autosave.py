#!/usr/bin/env python3
"""Autosave under load (issue #15, target 3), run by scripts/loadtest.sh or alone.

N inspectors (default 50), each on their own open inspection, save a draft every few seconds (default 5) through
POST /api/inspections/{id}/draft, the way the form's autosave does, for a while (default 60 s). Prints the latency
percentiles, the errors (any answer but 200, or a failed connection), and how many audit entries the run added.

The accounts are made in the given database copy with SQL (never point it at a database you care about): people of
the seed without an account get one (password Demo-Password-2026, copied from inspector1's hash) and an unstarted
inspection of the open round each. Standard library only.

    scripts/loadtest-autosave.py --base http://127.0.0.1:5390 --db /tmp/copy/sr.db [--users 50] [--interval 5] [--duration 60]
"""
import argparse
import http.cookiejar
import random
import re
import sqlite3
import statistics
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

PASSWORD = "Demo-Password-2026"


def prepare(db_path, users):
    """Gives `users` people an account and an unstarted inspection of the open round each; returns [(email, id)]."""
    con = sqlite3.connect(db_path, timeout=30)
    cur = con.cursor()
    open_round = cur.execute("SELECT Id FROM Rounds WHERE Status = 'Open' ORDER BY Id DESC LIMIT 1").fetchone()[0]
    template = cur.execute("SELECT Id, PasswordHash FROM AspNetUsers WHERE NormalizedEmail = 'INSPECTOR1@DEMO.LOCAL'").fetchone()
    roles = [r[0] for r in cur.execute("SELECT RoleId FROM AspNetUserRoles WHERE UserId = ?", (template[0],))]
    inspections = [r[0] for r in cur.execute(
        "SELECT Id FROM Inspections WHERE RoundId = ? AND Status = 'Assigned' ORDER BY Id", (open_round,))]
    people = [r[0] for r in cur.execute(
        "SELECT p.Id FROM People p WHERE p.UserId IS NULL AND p.IsActive = 1 AND NOT EXISTS "
        "(SELECT 1 FROM Inspections i WHERE i.InspectorId = p.Id AND i.RoundId = ?) ORDER BY p.Id", (open_round,))]
    if len(inspections) < users or len(people) < users:
        sys.exit(f"loadtest-autosave: only {len(inspections)} unstarted inspections and {len(people)} free people for {users} users")
    # Spread over the round's teams rather than the first ones.
    random.Random(15).shuffle(inspections)
    result = []
    for n in range(users):
        email = f"autosave{n + 1:03d}@demo.local"
        user_id = str(uuid.uuid4())
        person, inspection = people[n], inspections[n]
        cur.execute(
            "INSERT INTO AspNetUsers (Id, DisplayName, IsDisabled, UserName, NormalizedUserName, Email, NormalizedEmail, "
            "EmailConfirmed, PasswordHash, SecurityStamp, ConcurrencyStamp, PhoneNumberConfirmed, TwoFactorEnabled, "
            "LockoutEnabled, AccessFailedCount) VALUES (?, ?, 0, ?, ?, ?, ?, 1, ?, ?, ?, 0, 0, 1, 0)",
            (user_id, email, email, email.upper(), email, email.upper(), template[1], uuid.uuid4().hex.upper(), str(uuid.uuid4())))
        for role in roles:
            cur.execute("INSERT INTO AspNetUserRoles (UserId, RoleId) VALUES (?, ?)", (user_id, role))
        cur.execute("UPDATE People SET UserId = ?, Email = ? WHERE Id = ?", (user_id, email, person))
        cur.execute("UPDATE Inspections SET InspectorId = ? WHERE Id = ?", (person, inspection))
        result.append((email, inspection))
    con.commit()
    con.close()
    return result


def audit_count(db_path):
    con = sqlite3.connect(db_path, timeout=30)
    try:
        return con.execute("SELECT COUNT(*) FROM AuditLog").fetchone()[0]
    finally:
        con.close()


class Inspector:
    def __init__(self, base, email, inspection):
        self.base, self.email, self.inspection = base, email, inspection
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), NoRedirect())
        self.token = self.stamp = None
        self.codes = []

    def get(self, path):
        with self.opener.open(self.base + path, timeout=30) as r:
            return r.read().decode("utf-8")

    def post(self, path, fields, headers=None):
        data = urllib.parse.urlencode(fields).encode()
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            with self.opener.open(req, timeout=30) as r:
                return r.status, r.read().decode("utf-8")
        except urllib.error.HTTPError as e:
            return e.code, e.read().decode("utf-8", "replace")

    def sign_in(self):
        page = self.get("/Identity/Account/Login")
        token = re.search(r'name="__RequestVerificationToken" type="hidden" value="([^"]+)"', page) or \
            re.search(r'__RequestVerificationToken[^>]*value="([^"]+)"', page)
        status, _ = self.post("/Identity/Account/Login", {
            "Input.Email": self.email, "Input.Password": PASSWORD, "__RequestVerificationToken": token.group(1)})
        if status != 302:
            raise RuntimeError(f"sign-in of {self.email}: {status}")
        form = self.get(f"/Inspections/Fill/{self.inspection}")
        self.token = re.search(r'<meta name="request-verification-token" content="([^"]+)"', form).group(1)
        self.stamp = re.search(r'name="Stamp" value="([^"]+)"', form).group(1)
        self.codes = re.findall(r'name="Items\[\d+\]\.Code" value="([^"]+)"', form)

    def save(self, n):
        fields = [("Stamp", self.stamp), ("SecondsSpent", "5")]
        for i, code in enumerate(self.codes):
            fields.append((f"Items[{i}].Code", code))
            if code == "1.3":
                fields.append((f"Items[{i}].Pass", "true" if n % 2 == 0 else "false"))
            if code == "1.2":
                fields.append((f"Items[{i}].Count", str(n % 4)))
        status, body = self.post(f"/api/inspections/{self.inspection}/draft", fields, {"RequestVerificationToken": self.token})
        if status == 200:
            self.stamp = re.search(r'"stamp":"([^"]+)"', body).group(1)
        return status


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None

    def http_error_302(self, req, fp, code, msg, headers):
        return fp


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--interval", type=float, default=5.0)
    parser.add_argument("--duration", type=float, default=60.0)
    args = parser.parse_args()

    inspectors = [Inspector(args.base, email, inspection) for email, inspection in prepare(args.db, args.users)]
    for inspector in inspectors:
        inspector.sign_in()
    audit_before = audit_count(args.db)

    latencies, errors, lock = [], [], threading.Lock()
    start = time.monotonic()
    end = start + args.duration

    def run(inspector, offset):
        n = 0
        next_at = start + offset
        while True:
            delay = next_at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            if time.monotonic() >= end:
                return
            t0 = time.perf_counter()
            try:
                status = inspector.save(n)
            except Exception as e:  # a dropped connection or a timeout is an error too
                status = repr(e)
            elapsed = (time.perf_counter() - t0) * 1000
            with lock:
                latencies.append(elapsed)
                if status != 200:
                    errors.append(status)
            n += 1
            next_at += args.interval

    threads = [threading.Thread(target=run, args=(inspector, random.uniform(0, args.interval))) for inspector in inspectors]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    audit_added = audit_count(args.db) - audit_before
    q = statistics.quantiles(latencies, n=100, method="inclusive") if len(latencies) > 1 else [0] * 99
    print(f"AUTOSAVE users={args.users} interval={args.interval:g}s duration={args.duration:g}s saves={len(latencies)} "
          f"p50={q[49]:.1f} p95={q[94]:.1f} p99={q[98]:.1f} max={max(latencies or [0]):.1f} errors={len(errors)} audit_entries={audit_added}")
    if errors:
        print("errors:", sorted(set(map(str, errors)))[:5], file=sys.stderr)


if __name__ == "__main__":
    main()
