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
# and .ics import/export 502 KB; invitation reply bar 512 KB; the five « Mon
# compte » pages (issue 4) 553 KB — their strength meter is a worker of its
# own, outside the first load. Code splitting (or a bundle of their own for
# /compte) is the way back down.
CEILING_BROTLI = 560_000  # bytes, html+js+wasm+css+config.json
report = json.load(open(sys.argv[1]))
total = report["firstLoad"]["brotli"]
print(f"first load: {total} B brotli (ceiling {CEILING_BROTLI} B)")
if total > CEILING_BROTLI:
    sys.exit(f"first load {total} B brotli exceeds the {CEILING_BROTLI} B ceiling")
