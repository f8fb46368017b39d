#!/usr/bin/env python3
"""Provisioning helpers for Autan's dev Cyrus (used by stack.sh and seed.py).

    python3 provision.py wait [--timeout 60] [--user mdupont]
    python3 provision.py setup            users, INBOX, folders, quota (idempotent)
    python3 provision.py verify           text search + EmailSubmission through the sink work

Admin work (CREATE user/NAME, SETQUOTA) goes over IMAP as the `cyrus` admin,
the same thing cyradm does; folders are created with JMAP Mailbox/set with
their `role`, as the user. Python 3.11 standard library only.
"""
import argparse
import base64
import imaplib
import json
import os
import socket
import sys
import time
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from directory import ADMIN, DEMO_PASSWORD as PASSWORD, PEOPLE, password_of  # noqa: E402

STATE = os.environ.get("AUTAN_STACK_DIR", "/tmp/autan-stack")
HTTP_PORT = int(os.environ.get("AUTAN_CYRUS_HTTP_PORT", "8008"))
IMAP_PORT = int(os.environ.get("AUTAN_CYRUS_IMAP_PORT", "8143"))
BASE = f"http://127.0.0.1:{HTTP_PORT}"
QUOTA_KB = 204800  # 200 MB

# Every person of the demo directory gets a mailbox (directory.py is the one
# list: slapd authenticates them, Cyrus holds their mail).
USERS = {login: {"name": f"{p['given']} {p['sn']}", "email": p["email"], "title": p["title"]}
         for login, p in PEOPLE.items()}

# (name, role, parent name). INBOX exists once the user is created.
FOLDERS = [
    ("Brouillons", "drafts", None),
    ("Envoyés", "sent", None),
    ("Corbeille", "trash", None),
    ("Indésirables", "junk", None),
    ("Archives", "archive", None),
    ("À traiter", None, None),
    ("Actus internes", None, None),
    ("Conseils", None, "Actus internes"),
]

USING = ["urn:ietf:params:jmap:core", "urn:ietf:params:jmap:mail"]


class JmapError(Exception):
    pass


def auth_header(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def http(method: str, url: str, user: str, password: str, body: bytes | None = None,
         ctype: str = "application/json", timeout: float = 120) -> tuple[int, bytes]:
    req = urllib.request.Request(url, data=body, method=method)
    req.add_header("Authorization", auth_header(user, password))
    if body is not None:
        req.add_header("Content-Type", ctype)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


class Jmap:
    """A minimal JMAP client: session, api calls, upload."""

    def __init__(self, user: str, password: str | None = None, base: str = BASE):
        password = password_of(user) if password is None else password
        self.user, self.password, self.base = user, password, base.rstrip("/")
        status, body = http("GET", self.base + "/jmap/", user, password)
        if status != 200:
            raise JmapError(f"GET /jmap/ as {user}: HTTP {status} {body[:200]!r}")
        self.session = json.loads(body)
        self.account = self.session["primaryAccounts"]["urn:ietf:params:jmap:mail"]
        self.max_calls = self.session["capabilities"]["urn:ietf:params:jmap:core"].get("maxCallsInRequest", 16)

    def url(self, key: str) -> str:
        u = self.session[key]
        return u if u.startswith("http") else self.base + u

    def call(self, calls: list, using: list | None = None) -> list:
        body = json.dumps({"using": using or USING, "methodCalls": calls}).encode()
        status, out = http("POST", self.url("apiUrl"), self.user, self.password, body)
        if status != 200:
            raise JmapError(f"JMAP HTTP {status}: {out[:300]!r}")
        return json.loads(out)["methodResponses"]

    def one(self, name: str, args: dict, using: list | None = None) -> dict:
        (rname, rargs, _), = self.call([[name, dict(args, accountId=self.account), "0"]], using)
        if rname == "error":
            raise JmapError(f"{name}: {rargs}")
        return rargs

    def upload(self, data: bytes, ctype: str = "message/rfc822") -> str:
        url = self.url("uploadUrl").replace("{accountId}", self.account)
        status, out = http("POST", url, self.user, self.password, data, ctype)
        if status not in (200, 201):
            raise JmapError(f"upload HTTP {status}: {out[:200]!r}")
        return json.loads(out)["blobId"]


# ---------------------------------------------------------------- IMAP admin
def imap_admin() -> imaplib.IMAP4:
    m = imaplib.IMAP4("127.0.0.1", IMAP_PORT, timeout=30)
    m.login(*ADMIN)
    return m


def imap_exists(m: imaplib.IMAP4, mailbox: str) -> bool:
    # A deleted user's INBOX can still be listed as (\Noselect \HasChildren) for a while.
    typ, data = m.list('""', mailbox)
    return typ == "OK" and any(d and b"\\Noselect" not in d and b"\\NonExistent" not in d
                               for d in data if isinstance(d, bytes))


def ensure_user(m: imaplib.IMAP4, user: str) -> bool:
    created = False
    for attempt in range(20):
        if not imap_exists(m, f"user/{user}"):
            typ, data = m.create(f"user/{user}")
            if typ != "OK" and b"already exists" not in b" ".join(d or b"" for d in data):
                raise RuntimeError(f"CREATE user/{user}: {data}")
            created = True
        typ, data = m.setquota(f"user/{user}", f"(STORAGE {QUOTA_KB})")
        if typ == "OK":
            return created
        time.sleep(0.25)  # a just-deleted user can linger for a moment
    raise RuntimeError(f"SETQUOTA user/{user}: {data}")


# ---------------------------------------------------------------- JMAP folders
def ensure_folders(user: str) -> list[str]:
    """Creates the missing folders with Mailbox/set (name + role). Returns the created names."""
    j = Jmap(user)
    created = []
    for _ in range(3):  # parents first, then children
        boxes = j.one("Mailbox/get", {"properties": ["name", "parentId", "role", "isSubscribed"]})["list"]
        by_name = {(b["name"], b["parentId"]): b for b in boxes}
        roots = {b["name"]: b["id"] for b in boxes if b["parentId"] is None}
        todo = {}
        for i, (name, role, parent) in enumerate(FOLDERS):
            parent_id = roots.get(parent) if parent else None
            if parent and parent_id is None:
                continue  # next round
            if (name, parent_id) in by_name:
                continue
            obj = {"name": name, "parentId": parent_id, "isSubscribed": True}
            if role:
                obj["role"] = role
            todo[f"f{i}"] = obj
        if not todo:
            unsubscribed = {b["id"]: {"isSubscribed": True} for b in boxes
                            if b["role"] == "inbox" and not b.get("isSubscribed")}
            if unsubscribed:
                j.one("Mailbox/set", {"update": unsubscribed})
            return created
        res = j.one("Mailbox/set", {"create": todo})
        if res.get("notCreated"):
            raise JmapError(f"Mailbox/set for {user}: {res['notCreated']}")
        created += [o["name"] for o in todo.values()]
    return created


# ---------------------------------------------------------------- waiting
def http_up(user: str | None) -> bool:
    try:
        if user:
            status, _ = http("GET", BASE + "/jmap/", user, password_of(user), timeout=5)
            return status == 200
        req = urllib.request.Request(BASE + "/jmap/")
        try:
            urllib.request.urlopen(req, timeout=5).close()
        except urllib.error.HTTPError:
            pass  # 401: httpd answers
        return True
    except (OSError, urllib.error.URLError):
        return False


def imap_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", IMAP_PORT), timeout=5) as s:
            return s.recv(64).startswith(b"* OK")
    except OSError:
        return False


def wait(timeout: float, user: str | None) -> None:
    deadline = time.monotonic() + timeout
    while True:
        if http_up(None) and imap_up() and (user is None or http_up(user)):
            return
        if time.monotonic() > deadline:
            sys.exit(f"provision: Cyrus did not answer within {timeout:.0f}s "
                     f"(see {STATE}/log/cyrus-master.log)")
        time.sleep(0.2)


def setup() -> None:
    marker = os.path.join(STATE, "provisioned.json")
    want = {"users": sorted(USERS), "folders": [f[0] for f in FOLDERS], "quota_kb": QUOTA_KB}
    if os.path.exists(marker):
        try:
            with open(marker) as f:
                if json.load(f) == want and all(http_up(u) for u in USERS):
                    return
        except (OSError, ValueError):
            pass
    m = imap_admin()
    try:
        for user in USERS:
            ensure_user(m, user)
    finally:
        m.logout()
    for user in USERS:
        ensure_folders(user)
    with open(marker, "w") as f:
        json.dump(want, f)


def verify(user: str = "mdupont") -> None:
    """Checks what the app relies on: session, Xapian text search, EmailSubmission via the sink.

    The test message goes to an address outside the demo users and is destroyed once sent
    (onSuccessDestroyEmail): nothing is left in the mailboxes."""
    problems = []
    j = Jmap(user)
    caps = set(j.session["capabilities"])
    for cap in ("urn:ietf:params:jmap:mail", "urn:ietf:params:jmap:submission",
                "https://cyrusimap.org/ns/jmap/calendars", "https://cyrusimap.org/ns/jmap/contacts",
                "https://cyrusimap.org/ns/jmap/quota"):
        if cap not in caps:
            problems.append(f"capability {cap} missing")
    (name, res, _), = j.call([["Email/query", {"accountId": j.account, "filter": {"text": "conseil"},
                                               "limit": 1, "calculateTotal": True}, "0"]])
    if name == "error":
        problems.append(f"Email/query text: {res}")
    boxes = j.one("Mailbox/get", {"properties": ["role"]})["list"]
    drafts = next((b["id"] for b in boxes if b["role"] == "drafts"), None)
    sink_log = os.path.join(STATE, "smtp-sink", "log.jsonl")
    before = os.path.getsize(sink_log) if os.path.exists(sink_log) else 0
    using = USING + ["urn:ietf:params:jmap:submission"]
    me = USERS[user]
    out = j.call([
        ["Email/set", {"accountId": j.account, "create": {"v": {
            "mailboxIds": {drafts: True}, "keywords": {"$draft": True, "$seen": True},
            "from": [{"name": me["name"], "email": me["email"]}],
            "to": [{"email": "verification@example.org"}], "subject": "Vérification de l'envoi",
            "bodyValues": {"b": {"value": "Test automatique du dépôt SMTP."}},
            "textBody": [{"partId": "b", "type": "text/plain"}]}}}, "0"],
        ["EmailSubmission/set", {"accountId": j.account, "create": {"s": {"emailId": "#v", "identityId": user}},
                                 "onSuccessDestroyEmail": ["#s"]}, "1"],
    ], using)
    sub = out[1][1] if out[1][0] == "EmailSubmission/set" else {"error": out[1][1]}
    if not (sub.get("created") or {}).get("s"):
        problems.append(f"EmailSubmission/set: {sub.get('notCreated') or sub}")
    else:
        deadline = time.monotonic() + 5
        while (os.path.getsize(sink_log) if os.path.exists(sink_log) else 0) <= before:
            if time.monotonic() > deadline:
                problems.append("EmailSubmission/set succeeded but the SMTP sink logged nothing")
                break
            time.sleep(0.1)
    if problems:
        sys.exit("verify: " + "; ".join(problems))
    print(f"verify: ok (session, text search: {res.get('total')} hits for 'conseil', "
          "EmailSubmission through the SMTP sink)")


def main() -> None:
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("wait")
    w.add_argument("--timeout", type=float, default=60)
    w.add_argument("--user")
    sub.add_parser("setup")
    v = sub.add_parser("verify")
    v.add_argument("--user", default="mdupont")
    args = ap.parse_args()
    if args.cmd == "wait":
        wait(args.timeout, args.user)
    elif args.cmd == "setup":
        setup()
    elif args.cmd == "verify":
        verify(args.user)


if __name__ == "__main__":
    main()
