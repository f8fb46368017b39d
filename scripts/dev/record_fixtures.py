#!/usr/bin/env python3
"""Records real JMAP responses of the seeded dev Cyrus (as mdupont) into src/jmap/fixtures/.

    python3 record_fixtures.py [--base http://127.0.0.1:8008] [--edge http://127.0.0.1:8080]
                               [--out src/jmap/fixtures] [--user mdupont]

Needs `stack.sh start` and `seed.py`. Every file is the server's JSON, pretty
printed (2 spaces, UTF-8, keys in the server's order); call ids are c0, c1, ...
as the app numbers them. HTTP-level recordings are {"status", "contentType", "body"}.
The only server-side change it makes is one keyword set and unset again on an
archived email (so that Email/changes has something to report).
Python 3.11 standard library only.
"""
import argparse
import base64
import http.client
import json
import os
import sys
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
CORE = "urn:ietf:params:jmap:core"
MAIL = "urn:ietf:params:jmap:mail"
SUBMISSION = "urn:ietf:params:jmap:submission"
CAL = "https://cyrusimap.org/ns/jmap/calendars"
CONTACTS = "https://cyrusimap.org/ns/jmap/contacts"
QUOTA = "https://cyrusimap.org/ns/jmap/quota"
LIST_PROPERTIES = ["id", "threadId", "mailboxIds", "keywords", "from", "subject", "receivedAt",
                   "size", "hasAttachment", "preview"]


class Client:
    def __init__(self, base: str, user: str, password: str):
        u = urllib.parse.urlsplit(base)
        self.base = base.rstrip("/")
        self.conn = http.client.HTTPConnection(u.hostname, u.port or 80, timeout=60)
        self.auth = "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()

    def raw(self, method: str, path: str, body: bytes | None = None, auth: str | None = None,
            ctype: str = "application/json") -> tuple[int, str, bytes]:
        headers = {"Authorization": auth or self.auth}
        if body is not None:
            headers["Content-Type"] = ctype
        self.conn.request(method, path, body=body, headers=headers)
        r = self.conn.getresponse()
        data = r.read()
        if r.will_close:
            self.conn.close()
        return r.status, r.getheader("Content-Type", ""), data

    def session(self) -> tuple[dict, bytes]:
        status, _, data = self.raw("GET", "/jmap/")
        if status != 200:
            sys.exit(f"record: GET /jmap/ answered {status}; is the stack started and seeded?")
        return json.loads(data), data

    def api(self, using: list, calls: list) -> dict:
        body = json.dumps({"using": using, "methodCalls": calls}).encode()
        status, _, data = self.raw("POST", "/jmap/", body)
        if status != 200:
            sys.exit(f"record: JMAP answered HTTP {status}: {data[:300]!r}")
        return json.loads(data)


def write(out: str, name: str, obj) -> None:
    path = os.path.join(out, name)
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=2)
        f.write("\n")


def first(resp: dict, index: int = 0) -> dict:
    name, args, cid = resp["methodResponses"][index]
    if name == "error":
        sys.exit(f"record: call {cid} failed: {args}")
    return args


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--base", default="http://127.0.0.1:%s" % os.environ.get("AUTAN_CYRUS_HTTP_PORT", "8008"))
    ap.add_argument("--edge", default="http://127.0.0.1:%s" % os.environ.get("AUTAN_EDGE_PORT", "8080"))
    ap.add_argument("--out", default=os.path.join(ROOT, "src", "jmap", "fixtures"))
    ap.add_argument("--user", default="mdupont")
    ap.add_argument("--password", default="autan-demo")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)

    c = Client(args.base, args.user, args.password)
    session, raw_session = c.session()
    acc = session["primaryAccounts"][MAIL]
    written = []

    def save(name, obj):
        write(args.out, name, obj)
        written.append(name)

    # session.json: the session object exactly as served (GET /jmap/)
    save("session.json", json.loads(raw_session))

    # mailbox_get.json: every property of every mailbox
    save("mailbox_get.json", c.api([CORE, MAIL], [["Mailbox/get", {"accountId": acc, "ids": None}, "c0"]]))
    boxes = first(c.api([CORE, MAIL], [["Mailbox/get", {"accountId": acc, "properties": ["name", "role"]}, "c0"]]))["list"]
    role = {b["role"]: b["id"] for b in boxes if b["role"]}
    inbox = role["inbox"]

    # inbox_first_page.json: the app's first screen in one request (c0, c1, c2)
    save("inbox_first_page.json", c.api([CORE, MAIL], [
        ["Mailbox/get", {"accountId": acc, "ids": None}, "c0"],
        ["Email/query", {"accountId": acc, "filter": {"inMailbox": inbox},
                         "sort": [{"property": "receivedAt", "isAscending": False}],
                         "position": 0, "limit": 50, "calculateTotal": True, "collapseThreads": False}, "c1"],
        ["Email/get", {"accountId": acc, "#ids": {"resultOf": "c1", "name": "Email/query", "path": "/ids"},
                       "properties": LIST_PROPERTIES}, "c2"],
    ]))

    # method_error.json: a request whose calls fail in two ways; the last one succeeds
    save("method_error.json", c.api([CORE, MAIL], [
        ["Email/frobnicate", {"accountId": acc}, "c0"],
        ["Email/query", {"accountId": acc, "filter": {"inMailbox": inbox}, "sort": [{"property": "nope"}]}, "c1"],
        ["Mailbox/get", {"accountId": acc, "ids": [inbox], "properties": ["name"]}, "c2"],
    ]))

    # set_error.json: Mailbox/set whose create, update and destroy are all refused
    save("set_error.json", c.api([CORE, MAIL], [
        ["Mailbox/set", {"accountId": acc,
                         "create": {"k0": {"name": "Sous-dossier orphelin", "parentId": "does-not-exist"}},
                         "update": {"does-not-exist": {"name": "Renommé"}},
                         "destroy": [inbox]}, "c0"],
    ]))

    # thread / detail / search: the message view of the 3-message thread
    q = first(c.api([CORE, MAIL], [["Email/query", {"accountId": acc, "filter": {
        "inMailbox": inbox, "subject": "Organisation du conseil de classe de 3e B"}}, "c0"]]))
    docs = first(c.api([CORE, MAIL], [["Email/query", {"accountId": acc, "filter": {
        "inMailbox": inbox, "subject": "Documents pour le conseil de classe"}}, "c0"]]))
    if q["ids"]:
        save("thread_get.json", c.api([CORE, MAIL], [
            ["Email/get", {"accountId": acc, "ids": q["ids"][:1], "properties": ["threadId"]}, "c0"],
            ["Thread/get", {"accountId": acc, "#ids": {"resultOf": "c0", "name": "Email/get",
                                                        "path": "/list/*/threadId"}}, "c1"],
            ["Email/get", {"accountId": acc, "#ids": {"resultOf": "c1", "name": "Thread/get",
                                                       "path": "/list/*/emailIds"},
                           "properties": ["id", "threadId", "mailboxIds", "keywords", "from", "to", "cc",
                                          "subject", "sentAt", "receivedAt", "messageId", "inReplyTo",
                                          "references", "hasAttachment", "preview", "textBody",
                                          "htmlBody", "attachments", "bodyValues"],
                           "fetchTextBodyValues": True, "maxBodyValueBytes": 4096}, "c2"],
        ]))
    if docs["ids"]:
        save("email_get_detail.json", c.api([CORE, MAIL], [
            ["Email/get", {"accountId": acc, "ids": docs["ids"][:1],
                           "properties": ["id", "blobId", "threadId", "mailboxIds", "keywords", "size",
                                          "receivedAt", "messageId", "inReplyTo", "references", "sender",
                                          "from", "to", "cc", "bcc", "replyTo", "subject", "sentAt",
                                          "hasAttachment", "preview", "bodyStructure", "textBody",
                                          "htmlBody", "attachments", "bodyValues",
                                          "header:List-Unsubscribe:asURLs"],
                           "fetchHTMLBodyValues": True, "fetchTextBodyValues": True,
                           "maxBodyValueBytes": 8192}, "c0"],
        ]))
    save("search_text.json", c.api([CORE, MAIL], [
        ["Email/query", {"accountId": acc, "filter": {"text": "musée des Augustins"},
                         "sort": [{"property": "receivedAt", "isAscending": False}],
                         "limit": 10, "calculateTotal": True}, "c0"],
        ["SearchSnippet/get", {"accountId": acc, "filter": {"text": "musée des Augustins"},
                               "#emailIds": {"resultOf": "c0", "name": "Email/query", "path": "/ids"}}, "c1"],
    ]))

    # email_changes.json: Email/changes since a state older than one real change
    arch = first(c.api([CORE, MAIL], [["Email/query", {"accountId": acc, "filter": {"inMailbox": role["archive"]},
                                                        "limit": 1}, "c0"]]))["ids"]
    old = first(c.api([CORE, MAIL], [["Email/get", {"accountId": acc, "ids": [], "properties": ["id"]}, "c0"]]))["state"]
    if arch:
        c.api([CORE, MAIL], [["Email/set", {"accountId": acc, "update": {arch[0]: {"keywords/$flagged": True}}}, "c0"]])
        c.api([CORE, MAIL], [["Email/set", {"accountId": acc, "update": {arch[0]: {"keywords/$flagged": None}}}, "c0"]])
    try:
        older = str(max(1, int(old) - 40))  # Cyrus states are modseqs: an older one shows creations too
    except ValueError:
        older = old
    save("email_changes.json", c.api([CORE, MAIL], [
        ["Email/changes", {"accountId": acc, "sinceState": old}, "c0"],
        ["Email/changes", {"accountId": acc, "sinceState": older, "maxChanges": 30}, "c1"],
        ["Mailbox/changes", {"accountId": acc, "sinceState": old}, "c2"],
    ]))

    save("identity_get.json", c.api([CORE, MAIL, SUBMISSION], [["Identity/get", {"accountId": acc}, "c0"]]))

    # calendars, contacts, quota (Cyrus's own capabilities)
    cal_acc = session["primaryAccounts"].get(CAL, acc)
    save("calendar_event_query.json", c.api([CORE, CAL], [
        ["Calendar/get", {"accountId": cal_acc}, "c0"],
        ["CalendarEvent/query", {"accountId": cal_acc, "filter": {
            "after": _iso_days(0), "before": _iso_days(21)}, "expandRecurrences": True}, "c1"],
        ["CalendarEvent/get", {"accountId": cal_acc, "#ids": {"resultOf": "c1", "name": "CalendarEvent/query",
                                                              "path": "/ids"}}, "c2"],
    ]))
    con_acc = session["primaryAccounts"].get(CONTACTS, acc)
    resp = c.api([CORE, CONTACTS], [
        ["Contact/get", {"accountId": con_acc}, "c0"],
        ["ContactGroup/get", {"accountId": con_acc}, "c1"],
    ])
    resp["methodResponses"][0][1]["list"] = resp["methodResponses"][0][1]["list"][:12]  # keep it readable
    save("contact_get.json", resp)
    save("quota_get.json", c.api([CORE, QUOTA], [["Quota/get", {"accountId": acc}, "c0"]]))

    # HTTP-level answers, as the app sees them through the edge server
    e = Client(args.edge, args.user, args.password)
    bad = "Basic " + base64.b64encode(f"{args.user}:wrong-password".encode()).decode()
    st, ct, body = e.raw("GET", "/jmap/", auth=bad)
    save("problem_401.json", {"status": st, "contentType": ct, "body": body.decode("utf-8", "replace"),
                              "note": "GET /jmap/ with a wrong password, through the edge server "
                                      "(which strips WWW-Authenticate)"})
    st, ct, body = e.raw("POST", "/jmap/", json.dumps({"using": [CORE, "urn:example:nope"], "methodCalls": [
        ["Mailbox/get", {"accountId": acc}, "c0"]]}).encode())
    save("problem_400_unknown_capability.json", {"status": st, "contentType": ct,
                                                 "body": _maybe_json(body)})
    st, ct, body = e.raw("POST", "/jmap/", b"{not json")
    save("problem_400_not_json.json", {"status": st, "contentType": ct, "body": _maybe_json(body)})
    print(f"recorded {len(written)} fixtures in {os.path.relpath(args.out, ROOT)}: {', '.join(written)}")


def _maybe_json(body: bytes):
    try:
        return json.loads(body)
    except ValueError:
        return body.decode("utf-8", "replace")


def _iso_days(days: int) -> str:
    import datetime as dt
    d = dt.datetime.now(dt.timezone.utc).replace(hour=0, minute=0, second=0, microsecond=0)
    return (d + dt.timedelta(days=days)).strftime("%Y-%m-%dT%H:%M:%SZ")


if __name__ == "__main__":
    main()
