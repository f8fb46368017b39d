#!/usr/bin/env python3
"""After `trunk build --release`: make dist/ CSP-clean and precompressed, and
report sizes.

- Trunk injects an inline <script type="module"> that boots the wasm; a strict
  CSP (script-src 'self') forbids inline scripts, so it is moved to a file
  (index.html and each bundle's NAME.html).
- Every text asset and the .wasm get .br and .gz siblings (served by the edge
  server and, in production, by the web server's static compression).
- Writes target/size-report.json: raw, gzip and brotli bytes per file and the
  first-load total (html + js + wasm + css + config.json).
"""
import base64, gzip, hashlib, json, pathlib, re, subprocess, sys

dist = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "dist")

def externalise_boot(page: pathlib.Path, prefix: str) -> None:
    """Moves Trunk's inline boot script of `page` to a file named `prefix`-hash.js."""
    html = page.read_text(encoding="utf-8")
    m = re.search(r'<script type="module">(.*?)</script>', html, re.S)
    if m:
        body = m.group(1).strip() + "\n"
        digest = hashlib.sha384(body.encode()).digest()
        name = f"{prefix}-{hashlib.sha256(body.encode()).hexdigest()[:16]}.js"
        (dist / name).write_text(body, encoding="utf-8")
        sri = "sha384-" + base64.b64encode(digest).decode()
        tag = f'<script type="module" src="/{name}" integrity="{sri}"></script>'
        html = html[: m.start()] + tag + html[m.end():]
        html = re.sub(r"\n\s*\n(\s*\n)+", "\n", html)
        page.write_text(html, encoding="utf-8")
    elif "<script" in html and f'src="/{prefix}-' not in html:
        sys.exit(f"postbuild: unexpected {page.name} layout")
    if re.search(r"<script(?![^>]*\bsrc=)", html):
        sys.exit(f"postbuild: an inline script is still in {page.name}")


def check_references(page: pathlib.Path) -> None:
    """Every local src/href of `page` is in dist (compte.html borrows the
    webmail's style sheet by name)."""
    html = page.read_text(encoding="utf-8")
    for ref in re.findall(r'(?:src|href)="/([^"?#]+)"', html):
        if not (dist / ref).is_file():
            sys.exit(f"postbuild: {page.name} refers to /{ref}, missing from {dist}")


externalise_boot(dist / "index.html", "boot")
# The bundles of their own: « Mon compte », the Agenda and the Contacts
# (NAME.html with NAME-*.js/wasm; they borrow the webmail's css by name).
BUNDLES = ("compte", "agenda", "contacts")
for name in BUNDLES:
    if (dist / f"{name}.html").is_file():
        externalise_boot(dist / f"{name}.html", f"{name}-boot")
        check_references(dist / f"{name}.html")
check_references(dist / "index.html")

def brotli(data: bytes) -> bytes:
    return subprocess.run(["brotli", "-c", "-q", "11"], input=data, capture_output=True, check=True).stdout

report = {"files": {}, "firstLoad": {}}
for path in sorted(dist.rglob("*")):
    if path.is_dir() or path.suffix in (".br", ".gz"):
        continue
    if path.suffix not in (".wasm", ".js", ".css", ".html", ".json", ".svg", ".txt"):
        continue
    raw = path.read_bytes()
    gz = gzip.compress(raw, 9)
    br = brotli(raw)
    (path.parent / (path.name + ".gz")).write_bytes(gz)
    (path.parent / (path.name + ".br")).write_bytes(br)
    rel = str(path.relative_to(dist))
    report["files"][rel] = {"raw": len(raw), "gzip": len(gz), "brotli": len(br)}

first = ["index.html", "config.json"] + [
    f for f in report["files"]
    if "/" not in f and f.endswith((".wasm", ".js", ".css"))
    and not f.startswith(tuple(f"{b}-" for b in BUNDLES))
]
for k in ("raw", "gzip", "brotli"):
    report["firstLoad"][k] = sum(report["files"][f][k] for f in first if f in report["files"])
report["firstLoad"]["files"] = first
# The account pages' own bundle (what /compte loads; the css and config.json
# are the webmail's, shared).
def bundle(name: str) -> dict:
    files = [f"{name}.html", "config.json"] + [
        f for f in report["files"]
        if "/" not in f and (f.startswith(f"{name}-") or f.endswith(".css"))
    ]
    out = {k: sum(report["files"][f][k] for f in files if f in report["files"]) for k in ("raw", "gzip", "brotli")}
    out["files"] = files
    return out

report["account"] = bundle("compte")
# What /agenda and /contacts load (a page load from the mailbox; the css and
# config.json are usually cached by then, counted anyway).
report["agenda"] = bundle("agenda")
report["contacts"] = bundle("contacts")
# The strength meter's worker, code and dictionaries: loaded by the password
# pages only, reported apart.
strength = [f for f in report["files"] if f.startswith("strength/")]
report["strength"] = {k: sum(report["files"][f][k] for f in strength) for k in ("raw", "gzip", "brotli")}
report["strength"]["files"] = strength

out = pathlib.Path("target/size-report.json")
out.parent.mkdir(exist_ok=True)
out.write_text(json.dumps(report, indent=2))
print(f"{'file':44} {'raw':>9} {'gzip':>9} {'brotli':>9}")
for f in first:
    s = report["files"].get(f)
    if s:
        print(f"{f:44} {s['raw']:>9} {s['gzip']:>9} {s['brotli']:>9}")
fl = report["firstLoad"]
print(f"{'first load (html+js+wasm+css+config)':44} {fl['raw']:>9} {fl['gzip']:>9} {fl['brotli']:>9}")
for key, label in (("account", "Mon compte pages (compte.html bundle)"),
                   ("agenda", "Agenda (agenda.html bundle)"),
                   ("contacts", "Contacts (contacts.html bundle)")):
    b = report[key]
    print(f"{label:44} {b['raw']:>9} {b['gzip']:>9} {b['brotli']:>9}")
st = report["strength"]
print(f"{'strength meter (password pages only)':44} {st['raw']:>9} {st['gzip']:>9} {st['brotli']:>9}")
