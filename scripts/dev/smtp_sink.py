#!/usr/bin/env python3
"""Loopback SMTP sink for Autan's dev stack (Cyrus's EmailSubmission/set sends here).

    python3 smtp_sink.py [--port 2525] [--dir STATE/smtp-sink] [--lmtp SOCKET] [--pidfile F]

Accepts every message (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no auth,
no TLS), writes it to DIR/<timestamp>-<n>.eml and appends
{"mail_from", "rcpt_to", "file", "time", "delivered"} to DIR/log.jsonl.

With --lmtp, recipients that are demo addresses (marie.dupont@ac-toulouse.fr,
...) also get the message in their INBOX, delivered to Cyrus's lmtpd over its
UNIX socket after the SMTP transaction has been answered.
Python 3.11 standard library only.
"""
import argparse
import asyncio
import json
import os
import signal
import smtplib
import sys
import time

STATE = os.environ.get("AUTAN_STACK_DIR", "/tmp/autan-stack")
DEMO = {
    "marie.dupont@ac-toulouse.fr": "mdupont",
    "julien.martin@ac-toulouse.fr": "jmartin",
    "sophie.bernard@ac-toulouse.fr": "sbernard",
}
MAX_SIZE = 50 * 1024 * 1024


def addr(arg: str) -> str:
    """'FROM:<a@b> SIZE=12' -> 'a@b'."""
    arg = arg.split(":", 1)[1].strip() if ":" in arg else arg.strip()
    if arg.startswith("<"):
        arg = arg[1:arg.find(">")] if ">" in arg else arg[1:]
    else:
        arg = arg.split()[0] if arg else ""
    return arg


class Sink:
    def __init__(self, directory: str, lmtp: str | None):
        self.dir = directory
        self.lmtp = lmtp
        self.counter = 0
        os.makedirs(directory, exist_ok=True)

    def store(self, mail_from: str, rcpt_to: list[str], data: bytes) -> dict:
        self.counter += 1
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        name = f"{stamp}-{os.getpid()}-{self.counter}.eml"
        path = os.path.join(self.dir, name)
        with open(path, "wb") as f:
            f.write(data)
        entry = {"time": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                 "mail_from": mail_from, "rcpt_to": rcpt_to, "file": name}
        return entry

    def log(self, entry: dict) -> None:
        with open(os.path.join(self.dir, "log.jsonl"), "a", encoding="utf-8") as f:
            f.write(json.dumps(entry, ensure_ascii=False) + "\n")

    def deliver(self, entry: dict, data: bytes) -> None:
        """Runs in a worker thread, after the SMTP reply."""
        users = sorted({DEMO[r.lower()] for r in entry["rcpt_to"] if r.lower() in DEMO})
        delivered = []
        if users and self.lmtp and os.path.exists(self.lmtp):
            try:
                with smtplib.LMTP(self.lmtp, timeout=30) as lmtp:
                    refused = lmtp.sendmail(entry["mail_from"] or "<>", users, data)
                    delivered = [u for u in users if u not in refused]
            except (OSError, smtplib.SMTPException) as e:
                entry["delivery_error"] = str(e)
        entry["delivered"] = delivered
        self.log(entry)

    async def handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        def send(line: str):
            writer.write(line.encode() + b"\r\n")

        mail_from, rcpt_to = None, []
        send("220 localhost Autan SMTP sink ready")
        try:
            while True:
                await writer.drain()
                raw = await asyncio.wait_for(reader.readline(), 300)
                if not raw:
                    break
                line = raw.decode("utf-8", "replace").rstrip("\r\n")
                verb, _, arg = line.partition(" ")
                verb = verb.upper()
                if verb == "EHLO":
                    send("250-localhost")
                    send(f"250-SIZE {MAX_SIZE}")
                    send("250-8BITMIME")
                    send("250-SMTPUTF8")
                    send("250 PIPELINING")
                elif verb == "HELO":
                    send("250 localhost")
                elif verb == "MAIL":
                    mail_from, rcpt_to = addr(arg), []
                    send("250 2.1.0 OK")
                elif verb == "RCPT":
                    if mail_from is None:
                        send("503 5.5.1 MAIL first")
                    else:
                        rcpt_to.append(addr(arg))
                        send("250 2.1.5 OK")
                elif verb == "DATA":
                    if not rcpt_to:
                        send("503 5.5.1 RCPT first")
                        continue
                    send("354 End data with <CR><LF>.<CR><LF>")
                    await writer.drain()
                    chunks, size = [], 0
                    while True:
                        chunk = await asyncio.wait_for(reader.readline(), 300)
                        if not chunk:
                            return
                        if chunk in (b".\r\n", b".\n"):
                            break
                        if chunk.startswith(b".."):
                            chunk = chunk[1:]
                        size += len(chunk)
                        if size <= MAX_SIZE:
                            chunks.append(chunk)
                    if size > MAX_SIZE:
                        send("552 5.3.4 Message too big")
                    else:
                        data = b"".join(chunks)
                        entry = self.store(mail_from, rcpt_to, data)
                        send(f"250 2.0.0 OK queued as {entry['file']}")
                        await writer.drain()
                        loop = asyncio.get_running_loop()
                        loop.run_in_executor(None, self.deliver, entry, data)
                    mail_from, rcpt_to = None, []
                elif verb == "RSET":
                    mail_from, rcpt_to = None, []
                    send("250 2.0.0 OK")
                elif verb == "NOOP":
                    send("250 2.0.0 OK")
                elif verb == "QUIT":
                    send("221 2.0.0 Bye")
                    await writer.drain()
                    break
                elif verb in ("VRFY",):
                    send("252 2.1.5 Cannot VRFY user")
                else:
                    send("502 5.5.2 Command not implemented")
        except (asyncio.TimeoutError, ConnectionError):
            pass
        finally:
            try:
                writer.close()
                await writer.wait_closed()
            except Exception:
                pass


async def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--host", default="127.0.0.1")
    ap.add_argument("--port", type=int, default=int(os.environ.get("AUTAN_SMTP_PORT", "2525")))
    ap.add_argument("--dir", default=os.path.join(STATE, "smtp-sink"))
    ap.add_argument("--lmtp", default=None, help="Cyrus lmtpd UNIX socket for demo recipients")
    ap.add_argument("--pidfile")
    args = ap.parse_args()

    sink = Sink(args.dir, args.lmtp)
    server = await asyncio.start_server(sink.handle, args.host, args.port)
    if args.pidfile:
        with open(args.pidfile, "w") as f:
            f.write(f"{os.getpid()}\n")
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    async with server:
        await stop.wait()
    if args.pidfile:
        try:
            os.unlink(args.pidfile)
        except OSError:
            pass


if __name__ == "__main__":
    try:
        asyncio.run(main())
    except KeyboardInterrupt:
        sys.exit(0)
