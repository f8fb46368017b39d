#!/usr/bin/env python3
"""Fails when the first load grows past its ceiling (a regression guard; the
budget itself is reported by the benchmark)."""
import json, sys

# A regression guard, not the budget: the budget (200 KB brotli, issue 2) is
# missed today and reported by the benchmark; lower this as the size work lands.
# Raised from 345,000 with the Courrier workflow (windowed list, selection,
# folder dialogs, reply/forward, shortcuts, draft safety, receipts, templates,
# options): 332 KB → 407 KB; Contacts with vCard and the agenda week view
# (issue 6) 454 KB; the mail sanitiser, phishing cues and report (issue 5)
# 480 KB; agenda editing (create, move, delete occurrences) 491 KB; calendars
# and .ics import/export 502 KB; invitation reply bar 512 KB; the first-login
# check of « Mon compte » 520 KB (the account pages themselves are a bundle of
# their own, compte.html, and their strength meter a worker: neither is in
# the mailbox's first load); the IETF JMAP Contacts/Calendars adapters
# (JSContact, JSCalendar) 545 KB; day/work-week/month views and the
# mini-month 555 KB; typed e-mails, phones, addresses and birthdays in
# contacts 579 KB; the calendar list (show/hide, rename, colour, delete,
# read-only rule) 594 KB. Then the Agenda and the Contacts became bundles of
# their own (agenda.html, contacts.html), as « Mon compte » is (code
# splitting proper needs a nightly toolchain): the mailbox's first load fell
# to 501 KB (Agenda 309 KB, Contacts 300 KB, each loaded on its own).
CEILING_BROTLI = 510_000  # bytes, html+js+wasm+css+config.json
# What /compte loads (compte.html, its js+wasm, the shared css and config).
ACCOUNT_CEILING_BROTLI = 240_000
# What /agenda and /contacts load (html, js, wasm, the shared css, config).
AREA_CEILINGS_BROTLI = {"agenda": 325_000, "contacts": 315_000}
report = json.load(open(sys.argv[1]))
total = report["firstLoad"]["brotli"]
print(f"first load: {total} B brotli (ceiling {CEILING_BROTLI} B)")
if total > CEILING_BROTLI:
    sys.exit(f"first load {total} B brotli exceeds the {CEILING_BROTLI} B ceiling")
account = report.get("account", {}).get("brotli", 0)
print(f"Mon compte pages: {account} B brotli (ceiling {ACCOUNT_CEILING_BROTLI} B)")
if account == 0:
    sys.exit("the Mon compte bundle (compte.html) is missing from the size report")
if account > ACCOUNT_CEILING_BROTLI:
    sys.exit(f"the Mon compte pages {account} B brotli exceed the {ACCOUNT_CEILING_BROTLI} B ceiling")
for area, ceiling in AREA_CEILINGS_BROTLI.items():
    size = report.get(area, {}).get("brotli", 0)
    print(f"{area} bundle: {size} B brotli (ceiling {ceiling} B)")
    if size == 0:
        sys.exit(f"the {area} bundle ({area}.html) is missing from the size report")
    if size > ceiling:
        sys.exit(f"the {area} bundle {size} B brotli exceeds the {ceiling} B ceiling")
