#!/usr/bin/env python3
"""Turn the @zxcvbn-ts language packages into Autan's strength data file.

Usage: gen_dict.py NODE_MODULES OUT_FILE

The output is one UTF-8 text file (format version 1), read by src/dict.rs:

    autan-strength 1
    @dict <kind> <ranked|uniform>     then one word per line, best rank first
    @graph <name> <slots>             then `key TAB slot token TAB ...` lines

Words are lower-cased, accent-folded and deduplicated here, so the Rust side
only has to fold the password the same way (see src/fold.rs). Only words that
fold to printable ASCII without spaces are kept: that is what the matcher can
look up, and it keeps the file small.
"""

import json
import sys
import unicodedata
from pathlib import Path

# Top-N per ranked list. Ranks past these cut-offs are worth more guesses than a
# short brute-force segment would cost anyway (see README.md, "Trimming").
LIMITS = {
    "passwords": 30000,
    "common": 20000,
    "wikipedia": 20000,
}
MAX_LEN = 24  # the matcher never looks up longer substrings (src/matching/dictionary.rs)


def fold(word: str) -> str:
    w = word.strip().lower().replace("œ", "oe").replace("æ", "ae").replace("ß", "ss")
    w = unicodedata.normalize("NFKD", w)
    return "".join(c for c in w if not unicodedata.combining(c))


def keep(word: str) -> bool:
    return 2 <= len(word) <= MAX_LEN and all("!" <= c <= "~" for c in word)


def clean(words, limit=None):
    out, seen = [], set()
    for raw in words:
        if not isinstance(raw, str):
            continue
        w = fold(raw)
        if keep(w) and w not in seen:
            seen.add(w)
            out.append(w)
            if limit and len(out) >= limit:
                break
    return out


def load(path: Path):
    try:
        with path.open(encoding="utf-8") as f:
            return json.load(f)
    except FileNotFoundError:
        sys.exit(
            f"gen_dict.py: missing {path}\n"
            "  install the data packages first: (cd end2end && npm ci), or\n"
            "  npm install --no-save --prefix DIR @zxcvbn-ts/language-fr@4.1.2 "
            "@zxcvbn-ts/language-common@4.1.3 and pass DIR/node_modules"
        )


def graph_lines(graph: dict, slots: int):
    """Symmetric closure of a zxcvbn adjacency graph.

    A character printed on two keys keeps only one entry upstream
    (language-common's azerty: '"' is both the 3 key and the ^ key's shifted
    sign, and its entry describes the ^ key), which would break the number-row
    walk &é"'(… . So every relation K -> token at slot s is also recorded as
    c -> own(K) at the opposite slot for each character c of the token.
    """
    owners = {}  # char -> tokens (keys) it is printed on
    for neighbours in graph.values():
        for token in neighbours:
            for ch in token or "":
                owners.setdefault(ch, set()).add(token)
    adj = {}  # char -> {(slot, token)}
    for key, neighbours in graph.items():
        for slot, token in enumerate(neighbours):
            if token is None:
                continue
            adj.setdefault(key, set()).add((slot, token))
            back = (slot + slots // 2) % slots
            for ch in token:
                have = (graph.get(ch) or [None] * slots)[back]
                mine = owners.get(key, {key})
                # An ambiguous owner is resolved by the existing back link.
                own = next(iter(mine)) if len(mine) == 1 else (have if have in mine else None)
                if own is not None:
                    adj.setdefault(ch, set()).add((back, own))
    lines = []
    for ch in sorted(adj):
        cells = sorted(adj[ch])
        lines.append(ch + "\t" + "\t".join(f"{s}{t}" for s, t in cells))
    return lines


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    nm = Path(sys.argv[1])
    fr = nm / "@zxcvbn-ts/language-fr/src"
    common = nm / "@zxcvbn-ts/language-common/src"

    ranked = [
        ("passwords", clean(load(common / "passwords.json"), LIMITS["passwords"])),
        ("common", clean(load(fr / "commonWords.json"), LIMITS["common"])),
        ("wikipedia", clean(load(fr / "wikipedia.json"), LIMITS["wikipedia"])),
    ]
    seqs = []
    for words in load(fr / "wordSequences.json").values():
        seqs.extend(words)
    ranked.append(("sequences", clean(seqs)))

    # firstnames.json / lastnames.json are alphabetical (and swapped in 4.1.2):
    # their order is no rank, so each list gets one uniform rank (src/dict.rs).
    uniform = [
        ("names", clean(load(fr / "firstnames.json"))),
        ("names", clean(load(fr / "lastnames.json"))),
    ]

    # Drop a ranked entry when an earlier list already has the word at a rank at
    # least as good: the matcher keeps the best rank, so it could never win.
    best = {}
    out = ["autan-strength 1"]
    for kind, words in ranked:
        out.append(f"@dict {kind} ranked")
        for rank, w in enumerate(words, 1):
            if best.get(w, 1 << 30) <= rank:
                # Keep a placeholder so later ranks stay right without storing them.
                out.append("")
                continue
            best[w] = rank
            out.append(w)
    for kind, words in uniform:
        out.append(f"@dict {kind} uniform")
        out.extend(words)

    graphs = load(common / "adjacencyGraphs.json")
    for name, slots in (("azerty", 6), ("qwerty", 6), ("keypad", 8)):
        out.append(f"@graph {name} {slots}")
        out.extend(graph_lines(graphs[name], slots))

    Path(sys.argv[2]).write_text("\n".join(out) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
