#!/usr/bin/env python3
"""Seeds Autan's dev Cyrus with realistic French school data, over JMAP.

    python3 seed.py [--size 2000] [--users mdupont,jmartin,sbernard]
                    [--base http://127.0.0.1:8008] [--force] [--seed 42] [--progress]

Collège Jean Jaurès, Toulouse. The first user of --users (the teacher,
mdupont) gets --size messages, the others size/4, plus a few messages
exchanged between them (same Message-ID in both accounts). Messages are
uploaded as blobs and imported with Email/import in batches of 100 into
INBOX, À traiter, Actus internes (+ Conseils), Archives, Envoyés, Brouillons,
Indésirables and Corbeille; keywords ~30 % unread, ~10 % flagged, some
answered; dates over the last 12 months, newest in the last days. Calendar
events (Cyrus's https://cyrusimap.org/ns/jmap/calendars) and contacts and
contact groups (https://cyrusimap.org/ns/jmap/contacts) too.

Deterministic content (random.Random(--seed)); dates relative to now.
Idempotent: $AUTAN_STACK_DIR/seeded.json records what was seeded; a second
run with the same arguments does nothing. Otherwise (or with --force) the
users' emails, events and contacts are destroyed first, then seeded afresh.
Stable items the end-to-end tests rely on, in every seeded user's INBOX:
  « Organisation du conseil de classe de 3e B »  thread of exactly 3 messages
  « Documents pour le conseil de classe »        2 attachments (PDF + notes_3eB.csv)
  « Invitation : Conseil pédagogique ... »       iMIP REQUEST, user as ATTENDEE
  « Photos de la sortie au musée des Augustins » PNG attachment
Python 3.11 standard library only. --size 100000 streams (progress on stderr).
"""
import argparse
import base64
import binascii
import concurrent.futures
import datetime as dt
import email.header
import email.utils
import http.client
import itertools
import json
import os
import quopri
import random
import struct
import sys
import threading
import time
import urllib.parse
import zlib

sys.dont_write_bytecode = True  # no __pycache__ in scripts/dev
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import provision  # noqa: E402

STATE = os.environ.get("AUTAN_STACK_DIR", "/tmp/autan-stack")
MARKER = os.path.join(STATE, "seeded.json")
SEED_VERSION = 7
BATCH = 100
PURGE_EVERY = 10000  # expunge the uploaded blobs (#jmap) every N imported messages
PASSWORD = provision.PASSWORD
UTC = dt.timezone.utc

MAIL = ["urn:ietf:params:jmap:core", "urn:ietf:params:jmap:mail"]
CAL = ["urn:ietf:params:jmap:core", "https://cyrusimap.org/ns/jmap/calendars"]
CONTACTS = ["urn:ietf:params:jmap:core", "https://cyrusimap.org/ns/jmap/contacts"]


# ====================================================================== time
def last_sunday(year: int, month: int) -> dt.date:
    d = dt.date(year, month + 1, 1) - dt.timedelta(days=1) if month < 12 else dt.date(year, 12, 31)
    return d - dt.timedelta(days=(d.weekday() + 1) % 7)


def paris_offset(when: dt.datetime) -> dt.timedelta:
    """Europe/Paris UTC offset (EU rule), without needing tzdata."""
    u = when.astimezone(UTC)
    start = dt.datetime.combine(last_sunday(u.year, 3), dt.time(1), UTC)
    end = dt.datetime.combine(last_sunday(u.year, 10), dt.time(1), UTC)
    return dt.timedelta(hours=2 if start <= u < end else 1)


def paris(when: dt.datetime) -> dt.datetime:
    return when.astimezone(dt.timezone(paris_offset(when)))


def rfc5322_date(when: dt.datetime) -> str:
    return email.utils.format_datetime(paris(when))


def utc_z(when: dt.datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


JOURS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
MOIS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
        "septembre", "octobre", "novembre", "décembre"]


def fr_date(d: dt.date) -> str:
    return f"{JOURS[d.weekday()]} {d.day}{'er' if d.day == 1 else ''} {MOIS[d.month - 1]}"


# ====================================================================== people
DOMAIN = "ac-toulouse.fr"
SCHOOL = "Collège Jean Jaurès"
SCHOOL_ADDR = "12 avenue Jean Jaurès, 31000 Toulouse"


class P:
    def __init__(self, first, last, title="", email=None, phone=None, kind="staff"):
        self.first, self.last, self.title, self.kind = first, last, title, kind
        self.name = f"{first} {last}".strip()
        self.email = email or f"{strip_accents(first).lower().replace(' ', '-')}.{strip_accents(last).lower().replace(' ', '-')}@{DOMAIN}"
        self.phone = phone

    def addr(self) -> str:
        return f"{self.name} <{self.email}>" if self.name else self.email


def strip_accents(s: str) -> str:
    table = str.maketrans("àâäáçéèêëîïíôöóùûüúÿÀÂÄÇÉÈÊËÎÏÔÖÙÛÜ’'", "aaaaceeeeiiiooouuuuyAAACEEEEIIOOUUU--")
    return s.translate(table)


DEMO = {
    "mdupont": P("Marie", "Dupont", "Professeure de lettres, professeure principale de 3e B"),
    "jmartin": P("Julien", "Martin", "Conseiller principal d'éducation"),
    "sbernard": P("Sophie", "Bernard", "Secrétaire de direction"),
    "agrand": P("Anne", "Grand", "Secrétariat des examens"),
}
PRINCIPAL = P("Hélène", "Garnier", "Principale", phone="05 61 52 40 01")
ADJOINT = P("Thomas", "Lefèvre", "Principal adjoint", phone="05 61 52 40 02")
GESTION = P("Nadia", "Benali", "Adjointe gestionnaire", phone="05 61 52 40 05")
COLLEAGUES = [
    P("Claire", "Moreau", "Professeure de lettres modernes", phone="06 71 23 45 10"),
    P("Antoine", "Girard", "Professeur de mathématiques", phone="06 72 11 08 33"),
    P("Isabelle", "Fournier", "Professeure d'histoire-géographie", phone="06 63 54 21 90"),
    P("Karim", "Haddad", "Professeur de SVT", phone="06 84 30 12 47"),
    P("Émilie", "Lambert", "Professeure d'anglais", phone="06 12 98 76 05"),
    P("Lucas", "Bonnet", "Professeur d'EPS", phone="06 45 67 23 81"),
    P("Nathalie", "Rousseau", "Professeure de physique-chimie", phone="06 33 21 09 87"),
    P("Pierre", "Vincent", "Professeur de technologie", phone="06 52 74 18 39"),
    P("Camille", "Faure", "Professeure d'arts plastiques", phone="06 20 41 77 62"),
    P("Sébastien", "Mercier", "Professeur d'éducation musicale", phone="06 98 15 62 44"),
    P("Aurélie", "Blanc", "Professeure d'espagnol", phone="06 61 83 29 57"),
    P("Olivier", "Chevalier", "Professeur documentaliste", phone="06 07 56 84 12"),
    P("Sandrine", "Perrin", "Professeure de lettres, coordinatrice de discipline", phone="06 44 90 31 26"),
    P("Yannick", "Robin", "Professeur de lettres classiques", phone="06 29 47 65 03"),
    P("Fatima", "El Amrani", "Infirmière scolaire", phone="05 61 52 40 09"),
]
LETTRES = [c for c in COLLEAGUES if "lettres" in c.title]
VIE_SCOLAIRE = [DEMO["jmartin"], P("Mathilde", "Roche", "Assistante d'éducation"),
                P("Kevin", "Dubois", "Assistant d'éducation"), P("Inès", "Laurent", "Assistante d'éducation")]
RECTORAT = P("Rectorat de Toulouse", "", "Service communication", email=f"ce.communication@{DOMAIN}")
DPE = P("Division des personnels enseignants", "", "Rectorat", email=f"ce.dpe@{DOMAIN}")
DANE = P("DANE de Toulouse", "", "Délégation académique au numérique éducatif", email=f"dane@{DOMAIN}")
INSPECTION = P("Inspection pédagogique de lettres", "", "IA-IPR de lettres", email=f"ia-ipr.lettres@{DOMAIN}")
DSDEN = P("DSDEN de la Haute-Garonne", "", "", email=f"ce.dsden31@{DOMAIN}")
ENT = P("ENT Jean Jaurès", "", "", email=f"ne-pas-repondre@ent.{DOMAIN}")
NEWSLETTERS = [
    P("Réseau Canopé Occitanie", "", "", email="lettre@reseau-canope.fr"),
    P("La lettre Éduscol", "", "", email="eduscol-lettre@education.gouv.fr"),
    P("CLEMI", "", "", email="lettre@clemi.fr"),
    P("Bibliothèques de Toulouse", "", "", email="agenda@bibliotheque.toulouse.fr"),
]
SPAMMERS = [
    P("Service Colis", "", "", email="suivi@colis-express-livraison.example"),
    P("Support Messagerie Académique", "", "", email="support@ac-toulouse-messagerie.example"),
    P("Grand Jeu National", "", "", email="gagnant@loterie-promo.example"),
    P("Crédit Rapide", "", "", email="offre@pret-immediat.example"),
    P("Pharmacie en ligne", "", "", email="promo@meds-discount.example"),
]

STUDENTS = [  # (student first name, family name, parent first name, parent email)
    ("Léa", "Durand", "Sandrine", "famille.durand@orange.fr"),
    ("Hugo", "Petit", "Stéphane", "s.petit31@gmail.com"),
    ("Chloé", "Lopez", "María", "maria.lopez@laposte.net"),
    ("Noah", "Benkhaled", "Nadia", "nadia.benkhaled@free.fr"),
    ("Manon", "Roux", "Paul", "paul.roux@orange.fr"),
    ("Enzo", "Fabre", "Céline", "celine.fabre@gmail.com"),
    ("Jade", "Nguyen", "Linh", "linh.nguyen@outlook.fr"),
    ("Louis", "Marty", "Jean-Marc", "jm.marty@wanadoo.fr"),
    ("Inès", "Garcia", "Carmen", "carmen.garcia31@gmail.com"),
    ("Gabriel", "Cazals", "Frédéric", "fred.cazals@sfr.fr"),
    ("Camille", "Vidal", "Anne", "anne.vidal@orange.fr"),
    ("Nathan", "Barthe", "Olivier", "olivier.barthe@gmail.com"),
    ("Zoé", "Mas", "Julie", "julie.mas@free.fr"),
    ("Raphaël", "Sabatier", "Laurent", "l.sabatier@laposte.net"),
    ("Lina", "Mansouri", "Samira", "samira.mansouri@gmail.com"),
    ("Tom", "Delmas", "Christophe", "christophe.delmas@orange.fr"),
    ("Sarah", "Cohen", "Rachel", "rachel.cohen@gmail.com"),
    ("Mathis", "Rouquette", "Sylvie", "sylvie.rouquette@free.fr"),
    ("Emma", "Castan", "Valérie", "valerie.castan@outlook.fr"),
    ("Yanis", "Amrani", "Karima", "karima.amrani@gmail.com"),
    ("Alice", "Pujol", "Bernard", "bernard.pujol@wanadoo.fr"),
    ("Théo", "Estève", "Isabelle", "isabelle.esteve@orange.fr"),
    ("Lou", "Bousquet", "Marion", "marion.bousquet@gmail.com"),
    ("Adam", "Diallo", "Aminata", "aminata.diallo@laposte.net"),
    ("Clara", "Soulié", "Patrick", "patrick.soulie@sfr.fr"),
]
PARENTS = [P(pf, fam, f"Parent de {sf} ({'3e B'})", email=mail, kind="parent",
             phone=f"06 {10 + i * 3 % 89:02d} {20 + i * 7 % 79:02d} {30 + i * 11 % 69:02d} {40 + i * 13 % 59:02d}")
           for i, (sf, fam, pf, mail) in enumerate(STUDENTS)]
CHILD = {p.email: s for p, (s, *_rest) in zip(PARENTS, STUDENTS)}
CLASSES = ["6e A", "6e C", "5e B", "5e D", "4e A", "4e C", "3e B", "3e E"]
MY_CLASSES = ["4e A", "3e B", "5e D"]


# ====================================================================== attachments
def make_pdf(lines: list[str]) -> bytes:
    """A small valid one-page PDF (Helvetica, WinAnsi) with correct xref offsets."""
    def esc(s):
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    text = ["BT", "/F1 16 Tf", "56 780 Td", f"({esc(lines[0])}) Tj", "/F1 11 Tf"]
    for line in lines[1:]:
        text += ["0 -18 Td", f"({esc(line)}) Tj"]
    text.append("ET")
    stream = "\n".join(text).encode("cp1252", "replace")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Title (Document) /Producer (Autan seed) >>",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def make_png(w: int, h: int, seed: int) -> bytes:
    """A small valid RGB PNG (a sky/garden gradient with a seeded tint)."""
    r0, g0, b0 = (seed * 53) % 120, (seed * 97) % 120, (seed * 31) % 120
    rows = bytearray()
    for y in range(h):
        rows.append(0)
        for x in range(w):
            if y < h * 0.6:
                rows += bytes((min(255, 90 + r0 // 3 + y), min(255, 150 + g0 // 4 + y // 2), 235))
            else:
                rows += bytes((40 + r0 // 2 + (x % 7) * 3, 120 + g0 // 3, 40 + b0 // 4))

    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", binascii.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))


def notes_csv(rng: random.Random) -> bytes:
    lines = ["Élève;Français;Mathématiques;Histoire-géographie;Anglais;SVT;Moyenne"]
    for sf, fam, *_ in STUDENTS:
        notes = [round(rng.uniform(6, 19.5) * 2) / 2 for _ in range(5)]
        avg = sum(notes) / len(notes)
        lines.append(";".join([f"{fam.upper()} {sf}"] + [f"{n:.1f}".replace(".", ",") for n in notes]
                              + [f"{avg:.2f}".replace(".", ",")]))
    return ("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8")


# ====================================================================== MIME
def fold_ics(line: str) -> str:
    """RFC 5545 line folding at 75 octets, never inside a UTF-8 sequence."""
    out, cur, limit = [], "", 75
    for ch in line:
        if len((cur + ch).encode("utf-8")) > limit:
            out.append(cur)
            cur, limit = ch, 74  # continuation lines start with a space
        else:
            cur += ch
    out.append(cur)
    return "\r\n ".join(out)


def hdr(value: str) -> str:
    """RFC 2047-encodes a header value when it is not ASCII."""
    try:
        value.encode("ascii")
        return value
    except UnicodeEncodeError:
        return email.header.Header(value, "utf-8", maxlinelen=76).encode(linesep="\r\n")


def addr_hdr(people) -> str:
    out = []
    for p in people:
        if p.name:
            name = p.name
            try:
                name.encode("ascii")
                if any(c in name for c in ',.;:"()<>@'):
                    name = '"' + name.replace('"', '') + '"'
            except UnicodeEncodeError:
                name = email.header.Header(name, "utf-8").encode(linesep="\r\n")
            out.append(f"{name} <{p.email}>")
        else:
            out.append(p.email)
    return ", ".join(out)


def qp(text: str) -> bytes:
    data = text.replace("\r\n", "\n").encode("utf-8")
    return quopri.encodestring(data).replace(b"\n", b"\r\n")


def b64(data: bytes) -> bytes:
    s = base64.b64encode(data)
    return b"\r\n".join(s[i:i + 76] for i in range(0, len(s), 76))


def text_part(text: str, subtype="plain") -> bytes:
    return (f"Content-Type: text/{subtype}; charset=utf-8\r\n"
            f"Content-Transfer-Encoding: quoted-printable\r\n\r\n").encode() + qp(text)


def attachment_part(name: str, ctype: str, data: bytes, inline=False) -> bytes:
    fname = name
    try:
        name.encode("ascii")
        disp = f'filename="{name}"'
        ctn = f'; name="{name}"'
    except UnicodeEncodeError:
        fname = urllib.parse.quote(name)
        disp = f"filename*=utf-8''{fname}"
        ctn = f'; name="{hdr(name)}"'
    return (f"Content-Type: {ctype}{ctn}\r\nContent-Transfer-Encoding: base64\r\n"
            f"Content-Disposition: {'inline' if inline else 'attachment'}; {disp}\r\n\r\n").encode() + b64(data)


def multipart(subtype: str, parts: list[bytes], boundary: str, extra: str = "") -> bytes:
    out = [f"Content-Type: multipart/{subtype}; boundary=\"{boundary}\"{extra}\r\n\r\n".encode(),
           b"This is a multi-part message in MIME format.\r\n"]
    for p in parts:
        out += [f"\r\n--{boundary}\r\n".encode(), p]
    out.append(f"\r\n--{boundary}--\r\n".encode())
    return b"".join(out)


class Msg:
    __slots__ = ("folder", "keywords", "received", "raw", "msgid", "subject")

    def __init__(self, folder, keywords, received, raw, msgid, subject):
        self.folder, self.keywords, self.received = folder, keywords, received
        self.raw, self.msgid, self.subject = raw, msgid, subject


def build(sender: P, to: list, subject: str, when: dt.datetime, msgid: str, text: str,
          html: str | None = None, attachments=(), cc=(), in_reply_to=None, references=(),
          calendar: str | None = None, extra_headers=()) -> bytes:
    h = [f"From: {addr_hdr([sender])}", f"To: {addr_hdr(to)}"]
    if cc:
        h.append(f"Cc: {addr_hdr(cc)}")
    h += [f"Subject: {hdr(subject)}", f"Date: {rfc5322_date(when)}", f"Message-ID: <{msgid}>"]
    if in_reply_to:
        h.append(f"In-Reply-To: <{in_reply_to}>")
    if references:
        h.append("References: " + " ".join(f"<{r}>" for r in references))
    h += list(extra_headers)
    h.append("MIME-Version: 1.0")
    bnd = "=_autan_" + msgid.split("@")[0].replace(".", "_")
    if html is not None:
        body = multipart("alternative", [text_part(text), text_part(html, "html")], bnd + "_alt")
    else:
        body = text_part(text)
    if calendar is not None:
        cal = calendar.replace("\r\n", "\n").replace("\n", "\r\n")
        cal_part = ('Content-Type: text/calendar; charset=utf-8; method=REQUEST\r\n'
                    'Content-Transfer-Encoding: 8bit\r\n\r\n').encode() + cal.encode("utf-8")
        body = multipart("alternative", [body, cal_part], bnd + "_cal")
        attachments = list(attachments) + [("invitation.ics", "application/ics", cal.encode("utf-8"))]
    if attachments:
        parts = [body] + [attachment_part(n, t, d) for n, t, d in attachments]
        body = multipart("mixed", parts, bnd + "_mix")
    return ("\r\n".join(h) + "\r\n").encode() + body


# ====================================================================== content
def sig(p: P) -> str:
    return f"\n\n-- \n{p.name}\n{p.title}\n{SCHOOL} — {SCHOOL_ADDR}"


def html_wrap(title: str, paragraphs: list[str], sender: P, remote_img: str | None = None,
              link: tuple | None = None) -> str:
    body = "".join(f"<p style=\"margin:0 0 12px\">{p}</p>" for p in paragraphs)
    img = (f'<img src="{remote_img}" width="600" height="120" alt="Bannière" style="display:block;border:0">'
           if remote_img else "")
    btn = (f'<p><a href="{link[0]}" style="background:#8c1d40;color:#fff;padding:8px 14px;'
           f'text-decoration:none;border-radius:4px">{link[1]}</a></p>' if link else "")
    return ("<!DOCTYPE html><html lang=\"fr\"><head><meta charset=\"utf-8\"><title>" + title + "</title></head>"
            "<body style=\"font-family:Arial,sans-serif;color:#222;background:#f4f4f4\">"
            "<table role=\"presentation\" width=\"100%\"><tr><td align=\"center\">"
            "<table role=\"presentation\" width=\"600\" style=\"background:#fff;padding:16px\"><tr><td>"
            + img + f"<h1 style=\"font-size:20px;color:#8c1d40\">{title}</h1>" + body + btn +
            f"<hr><p style=\"font-size:12px;color:#666\">{sender.name} — vous recevez ce message en tant que "
            "personnel de l'académie de Toulouse. <a href=\"https://www.ac-toulouse.fr/\">Se désabonner</a></p>"
            "</td></tr></table></td></tr></table></body></html>")


def strip_html(paragraphs: list[str]) -> str:
    import re
    return "\n\n".join(re.sub(r"<[^>]+>", "", p) for p in paragraphs)


class Content:
    """Template library. Each kind returns (sender, to, cc, subject, text, html, attachments)."""

    def __init__(self, rng: random.Random, me: P, now: dt.datetime):
        self.rng, self.me, self.now = rng, me, now

    def pick(self, seq):
        return self.rng.choice(seq)

    def day_after(self, when: dt.datetime, days_min=1, days_max=10) -> str:
        return fr_date((paris(when) + dt.timedelta(days=self.rng.randint(days_min, days_max))).date())

    def greeting(self, p: P | None = None) -> str:
        if p is None or p.kind == "parent":
            return self.pick(["Bonjour,", "Madame, Monsieur,", "Bonjour à tous,"])
        return self.pick([f"Bonjour {self.me.first},", f"Chère {self.me.first},", "Bonjour,",
                          f"Salut {self.me.first},", "Chère collègue,"])

    # ---------------------------------------------------------------- kinds
    def colleague(self, when):
        c = self.pick(COLLEAGUES)
        cls = self.pick(CLASSES)
        day = self.day_after(when)
        subj, body = self.pick([
            (f"Devoir commun de {cls}", f"Je te propose qu'on fixe le devoir commun de {cls} au {day}. "
             "J'ai commencé un sujet sur le récit d'aventure, je te l'envoie dès qu'il est relu. "
             "Est-ce que la salle 204 te convient pour la surveillance ?"),
            (f"Échange de salle {day}", f"Serait-il possible d'échanger nos salles {day} en M3 ? "
             "J'ai besoin du vidéoprojecteur de la salle 112 pour une présentation des élèves."),
            (f"Projet interdisciplinaire avec la {cls}", "Je réfléchis à un EPI autour de la presse "
             "et de l'éducation aux médias. Est-ce que tu serais partante pour travailler avec moi "
             "sur la Semaine de la presse ? On pourrait en parler à la pause de 10 h."),
            ("Photocopies pour demain", "Je n'ai pas pu passer à la reprographie, pourrais-tu récupérer "
             "mon paquet de photocopies (30 exemplaires) au secrétariat ? Merci beaucoup !"),
            (f"Comportement en {cls}", f"Je voulais te signaler que la séance d'hier en {cls} a été "
             "très agitée. Trois élèves ont refusé de travailler ; j'ai fait un mot dans le carnet. "
             "Peut-on en parler avant le conseil de classe ?"),
            ("Remplacement de jeudi", "Je serai en formation jeudi toute la journée. J'ai laissé du "
             f"travail pour mes {cls} dans le casier de la vie scolaire. Merci à celles et ceux qui "
             "surveilleront l'étude."),
            ("Manuels à rendre au CDI", "Petit rappel : les manuels de l'an dernier doivent être "
             "rendus au CDI avant la fin du mois. Olivier fera le pointage."),
            (f"Sortie au théâtre Sorano avec la {cls}", "J'ai obtenu 28 places pour la représentation "
             f"du {day} à 14 h 30. Il me faudrait deux accompagnateurs : serais-tu disponible ?"),
            ("Réunion d'équipe de lettres", f"Je propose une réunion d'équipe {day} à 12 h 30 en salle "
             "des professeurs : progression commune, lectures cursives et préparation du brevet blanc."),
        ])
        text = f"{self.greeting(c)}\n\n{body}\n\nBonne journée,\n{c.first}{sig(c)}"
        return c, [self.me], [], subj, text, None, []

    def direction(self, when):
        d = self.pick([PRINCIPAL, ADJOINT])
        day = self.day_after(when, 2, 12)
        cls = self.pick(CLASSES)
        subj, paras = self.pick([
            (f"Rappel : saisie des notes avant {day.split()[0]}",
             [f"Je vous rappelle que la saisie des notes et des appréciations doit être terminée {day} "
              "à 18 h au plus tard, afin que les bulletins puissent être édités pour les conseils de classe.",
              "Merci de vérifier également les absences et les retards."]),
            (f"Conseil de classe de {cls}",
             [f"Le conseil de classe de {cls} se tiendra {day} à 17 h 30 en salle du conseil.",
              "Les délégués des élèves et les représentants des parents seront présents. Merci de renseigner "
              "vos appréciations dans l'application de vie scolaire au plus tard la veille."]),
            ("Exercice d'évacuation incendie",
             [f"Un exercice d'évacuation aura lieu {day} dans la matinée. L'heure ne sera pas communiquée.",
              "Pensez à prendre votre registre d'appel et à vérifier la présence de tous les élèves au "
              "point de rassemblement (cour principale)."]),
            ("Organisation du brevet blanc",
             [f"Le brevet blanc se déroulera {day} et le lendemain. Le planning des surveillances est "
              "affiché en salle des professeurs et joint à ce message.",
              "Les sujets doivent être déposés au secrétariat une semaine avant l'épreuve."]),
            ("Conseil pédagogique",
             [f"Le prochain conseil pédagogique aura lieu {day} à 17 h.",
              "Ordre du jour : projet d'établissement, répartition des heures de soutien, bilan du "
              "dispositif Devoirs faits."]),
            ("Plan Vigipirate : consignes",
             ["Suite au relèvement du niveau Vigipirate, l'accès à l'établissement se fera uniquement par "
              "l'entrée principale. Merci de porter votre badge de manière visible.",
              "Les sorties pédagogiques sont maintenues, sous réserve de validation par la direction."]),
        ])
        text = f"Mesdames, Messieurs,\n\n" + "\n\n".join(paras) + f"\n\nBien cordialement,\n{d.name}{sig(d)}"
        atts = []
        if "brevet" in subj and self.rng.random() < 0.7:
            atts = [("planning_brevet_blanc.pdf", "application/pdf",
                     make_pdf([f"{SCHOOL} - Brevet blanc", "Planning des surveillances",
                               "Salle 101 : M. Girard / Mme Dupont", "Salle 102 : Mme Lambert / M. Vincent"]))]
        return d, [self.me], [], subj, text, None, atts

    def parent(self, when):
        p = self.pick(PARENTS)
        child = CHILD[p.email]
        day = self.day_after(when, 0, 4)
        subj, body = self.pick([
            (f"Absence de {child} {day}", f"Je vous informe que {child} sera absent(e) {day} pour un "
             "rendez-vous médical. Pourriez-vous lui indiquer le travail à rattraper ?"),
            ("Demande de rendez-vous", f"Nous souhaiterions vous rencontrer au sujet des résultats de "
             f"{child} en français. Seriez-vous disponible en fin de journée la semaine prochaine ?"),
            (f"Question sur le devoir de français", f"{child} ne comprend pas bien la consigne de la "
             "rédaction à rendre lundi. Faut-il écrire un dialogue ou un récit à la première personne ?"),
            ("Justificatif d'absence", f"Veuillez trouver ci-joint le justificatif d'absence de {child} "
             "pour la journée de mardi."),
            ("Autorisation de sortie — musée des Augustins", f"Je vous confirme que {child} participera "
             "à la sortie au musée des Augustins. L'autorisation signée est dans son carnet."),
            (f"Oubli de cahier", f"{child} a oublié son cahier de français chez son père cette semaine ; "
             "excusez-le, il sera rapporté lundi."),
            ("Orientation après la 3e", f"{child} hésite entre une seconde générale et un bac pro. "
             "Pourriez-vous nous conseiller avant le conseil de classe ?"),
        ])
        text = (f"Madame Dupont,\n\n{body}\n\nEn vous remerciant par avance,\n{p.name}\n"
                f"Parent de {child}, 3e B")
        if self.me is not DEMO["mdupont"]:
            text = text.replace("Madame Dupont", "Madame, Monsieur")
        atts = []
        if "Justificatif" in subj:
            atts = [(f"justificatif_{strip_accents(child).lower()}.pdf", "application/pdf",
                     make_pdf(["Certificat medical", f"Je soussigne, Dr Pons, certifie avoir examine {child}.",
                               "Fait a Toulouse."]))]
        return p, [self.me], [], subj, text, None, atts

    def rectorat(self, when):
        sender = self.pick([RECTORAT, DPE, DSDEN])
        n = self.rng.randint(12, 48)
        subj, paras = self.pick([
            (f"Bulletin d'information du rectorat n° {n}",
             ["<strong>À la une :</strong> la campagne de mobilité inter-académique ouvre le mois prochain.",
              "Le plan académique de formation propose de nouveaux modules sur l'inclusion scolaire "
              "et l'enseignement de l'oral.",
              "Retrouvez toutes les informations sur le <a href=\"https://www.ac-toulouse.fr/\">site de l'académie</a>."]),
            ("Campagne de mobilité : calendrier",
             ["Le serveur SIAM sera ouvert du 15 novembre au 5 décembre à 12 h.",
              "Les barèmes seront affichés en janvier ; les demandes de correction se font par I-Prof."]),
            ("Rendez-vous de carrière : information",
             ["Vous êtes éligible à un rendez-vous de carrière cette année scolaire.",
              "Vous serez informé(e) de la date de l'inspection au moins un mois à l'avance."]),
            ("Enquête académique sur le bien-être au travail",
             ["Le rectorat lance une enquête anonyme sur la qualité de vie au travail des personnels.",
              "Le questionnaire prend une dizaine de minutes. Merci pour votre participation."]),
            ("Plan académique de formation : inscriptions",
             ["Les inscriptions aux formations à public désigné sont ouvertes dans GAIA.",
              "Date limite d'inscription : fin du mois. Les ordres de mission seront envoyés par courriel."]),
        ])
        html = html_wrap(subj, paras, sender,
                         remote_img=f"https://www.ac-toulouse.fr/media/lettre/banniere-{n}.png")
        return sender, [self.me], [], subj, strip_html(paras), html, []

    def dane(self, when):
        day = self.day_after(when, 5, 20)
        subj, paras = self.pick([
            ("Webinaire : l'IA générative en classe de français",
             [f"La DANE vous invite à un webinaire {day} de 14 h à 15 h 30.",
              "Au programme : usages raisonnés, éthique et exemples de séquences en lettres.",
              "<a href=\"https://dane.ac-toulouse.fr/webinaires\">Inscription en ligne</a>"]),
            ("Ressources numériques : ENT, Capytale et Éléa",
             ["Découvrez les nouvelles ressources mises à disposition sur l'ENT.",
              "Des tutoriels vidéo sont disponibles pour prendre en main Éléa et Capytale."]),
            ("Appel à projets : numérique éducatif",
             ["Les établissements peuvent candidater à l'appel à projets « Territoires numériques ».",
              "Les dossiers sont à déposer avant la fin du trimestre."]),
        ])
        html = html_wrap(subj, paras, DANE)
        return DANE, [self.me], [], subj, strip_html(paras), html, []

    def inspection(self, when):
        subj, body = self.pick([
            ("Lettre de rentrée des IA-IPR de lettres",
             "Vous trouverez ci-joint la lettre de rentrée de l'inspection pédagogique de lettres. "
             "Elle précise les priorités de l'année : maîtrise de la langue, lecture et oral."),
            ("Programmes de français : ressources d'accompagnement",
             "De nouvelles ressources d'accompagnement des programmes de cycle 4 sont en ligne sur "
             "Éduscol, notamment pour l'étude de la langue."),
            ("Réunion des professeurs de lettres du bassin",
             "Une réunion de bassin se tiendra au lycée Saint-Sernin. Thème : l'évaluation de l'écrit "
             "au diplôme national du brevet."),
        ])
        text = f"Mesdames, Messieurs les professeurs,\n\n{body}\n\nBien cordialement,\nL'inspection pédagogique de lettres"
        atts = []
        if "Lettre de rentrée" in subj:
            atts = [("lettre_de_rentree_lettres.pdf", "application/pdf",
                     make_pdf(["Lettre de rentree - Lettres", "Academie de Toulouse",
                               "Priorites : langue, lecture, oral."]))]
        return INSPECTION, [self.me], [], subj, text, None, atts

    def ent(self, when):
        cls = self.pick(MY_CLASSES)
        subj, body = self.pick([
            ("Nouveau message sur l'ENT", "Vous avez reçu un nouveau message dans votre messagerie ENT. "
             "Connectez-vous pour le consulter."),
            (f"Cahier de textes de la {cls} : rappel", f"Le cahier de textes de la {cls} n'a pas été "
             "renseigné pour la séance de mardi."),
            ("Nouvelle absence signalée", f"Une absence a été signalée pour un élève de {cls}. "
             "Consultez le module vie scolaire."),
            ("Devoir rendu sur l'ENT", f"Un élève de {cls} a déposé un devoir dans l'espace de travail."),
        ])
        text = f"{body}\n\nCe message est envoyé automatiquement, merci de ne pas y répondre."
        return ENT, [self.me], [], subj, text, None, []

    def newsletter(self, when):
        n = self.pick(NEWSLETTERS)
        num = self.rng.randint(80, 240)
        paras = self.pick([
            ["Cette semaine : une sélection de ressources pour travailler l'argumentation en 3e.",
             "Nouveau parcours d'autoformation : « Enseigner l'oral au collège ».",
             "Agenda : rencontres d'auteurs jeunesse dans les médiathèques de Toulouse."],
            ["Semaine de la presse et des médias dans l'École : les inscriptions sont ouvertes.",
             "Fiches pédagogiques : décrypter une image de presse, repérer une fausse information."],
            ["Exposition « Toulouse au Moyen Âge » : visites guidées pour les classes.",
             "Lectures à voix haute le mercredi après-midi, entrée libre."],
        ])
        subj = f"{n.name} — lettre n° {num}"
        html = html_wrap(subj, paras, n, remote_img=f"https://{n.email.split('@')[1]}/img/lettre-{num}.jpg",
                         link=(f"https://{n.email.split('@')[1]}/lettre/{num}", "Lire la lettre en ligne"))
        return n, [self.me], [], subj, strip_html(paras), html, []

    def spam(self, when):
        s = self.pick(SPAMMERS)
        subj, paras, link = {
            "suivi@colis-express-livraison.example": ("Votre colis est en attente de livraison",
                ["Votre colis n'a pas pu être livré : des frais de 1,99 € sont à régler.",
                 "Sans action de votre part sous 48 h, il sera retourné à l'expéditeur."],
                ("http://colis-express-livraison.example/payer", "https://www.laposte.fr/suivi")),
            "support@ac-toulouse-messagerie.example": ("Votre boîte aux lettres a atteint sa limite de stockage",
                ["Votre messagerie académique est pleine à 99 %. Vous ne pourrez bientôt plus recevoir de messages.",
                 "Validez votre compte pour obtenir 2 Go supplémentaires."],
                ("http://ac-toulouse-messagerie.example/valider", "https://messagerie.ac-toulouse.fr")),
            "gagnant@loterie-promo.example": ("Félicitations ! Vous avez été sélectionné(e)",
                ["Vous faites partie des 3 gagnants de notre grand jeu : un iPhone vous attend.",
                 "Répondez simplement au questionnaire pour recevoir votre lot."],
                ("http://loterie-promo.example/gagner", "Récupérer mon cadeau")),
            "offre@pret-immediat.example": ("Prêt immédiat sans justificatif",
                ["Obtenez jusqu'à 5 000 € en 24 h, sans justificatif.", "Offre valable aujourd'hui seulement."],
                ("http://pret-immediat.example/", "Je demande mon prêt")),
            "promo@meds-discount.example": ("-70 % sur vos médicaments",
                ["Livraison discrète et rapide.", "Pas d'ordonnance nécessaire."],
                ("http://meds-discount.example/", "Commander")),
        }[s.email]
        html = ("<html><body style=\"font-family:Arial\">" + "".join(f"<p>{p}</p>" for p in paras)
                + f"<p><a href=\"{link[0]}\">{link[1]}</a></p></body></html>")
        return s, [self.me], [], subj, strip_html(paras) + f"\n\n{link[0]}", html, []

    def sent(self, when):
        """A message written by the user (goes to Envoyés)."""
        to = self.pick(COLLEAGUES + PARENTS[:8] + [ADJOINT, DEMO["jmartin"]])
        cls = self.pick(MY_CLASSES)
        if to.kind == "parent":
            child = CHILD[to.email]
            subj, body = self.pick([
                (f"Travail de {child} en français", f"Je souhaitais vous informer que {child} fournit "
                 "de réels efforts depuis quelques semaines ; il faut continuer ainsi, en particulier en "
                 "orthographe."),
                ("Rendez-vous", "Je vous propose de nous rencontrer mardi à 16 h 30 au collège, salle 204. "
                 "Merci de me confirmer votre présence."),
                (f"Devoir non rendu", f"{child} n'a pas rendu la rédaction prévue vendredi. Pourriez-vous "
                 "vous assurer qu'elle me soit remise lundi ?"),
            ])
            text = f"Madame, Monsieur,\n\n{body}\n\nBien cordialement,\n{self.me.name}{sig(self.me)}"
        else:
            subj, body = self.pick([
                (f"Progression commune en {cls}", "Je t'envoie la progression que nous avions évoquée ; "
                 "dis-moi si les dates des évaluations te conviennent."),
                ("Compte rendu de la réunion d'équipe", "Voici le compte rendu de notre réunion : "
                 "lectures cursives validées, brevet blanc en janvier, achat de 30 exemplaires "
                 "des Fourberies de Scapin."),
                (f"Élèves à surveiller en {cls}", "Je te transmets la liste des élèves que je trouve en "
                 "difficulté ; on pourrait leur proposer l'aide aux devoirs."),
                ("Disponibilités pour le conseil", "Je serai disponible mardi et jeudi après 16 h. "
                 "Dis-moi ce qui t'arrange."),
            ])
            text = f"Bonjour {to.first},\n\n{body}\n\nBonne journée,\n{self.me.first}{sig(self.me)}"
        atts = []
        if self.rng.random() < 0.08:
            atts = [(f"progression_{cls.replace(' ', '')}.pdf", "application/pdf",
                     make_pdf([f"Progression de francais - {cls}", "Periode 1 : le recit d'aventure",
                               "Periode 2 : la poesie", "Periode 3 : le theatre"]))]
        return self.me, [to], [], subj, text, None, atts

    def draft(self, when):
        to = self.pick(COLLEAGUES + [ADJOINT])
        subj, body = self.pick([
            ("Proposition de lecture cursive", "Je pensais proposer « No et moi » de Delphine de Vigan "
             "en 3e, qu'en penses-tu ? Il faudrait"),
            ("Projet de sortie", "Pour la sortie au musée des Augustins, il nous faudra un car pour "),
            ("Appréciations du 1er trimestre", "Élève sérieux, mais "),
            ("", "Penser à demander la salle informatique pour"),
        ])
        text = f"Bonjour {to.first},\n\n{body}"
        return self.me, [to], [], subj, text, None, []


KINDS_INBOX = [("colleague", 30), ("direction", 12), ("parent", 18), ("rectorat", 7), ("dane", 4),
               ("inspection", 3), ("ent", 14), ("newsletter", 12)]
# folder -> (share of the size, kinds)
FOLDER_PLAN = [
    ("inbox", 0.64, KINDS_INBOX),
    ("todo", 0.05, [("parent", 5), ("direction", 3), ("colleague", 3)]),
    ("news", 0.06, [("rectorat", 4), ("newsletter", 4), ("dane", 2), ("direction", 2)]),
    ("councils", 0.03, [("direction", 1)]),
    ("archive", 0.12, KINDS_INBOX),
    ("sent", 0.04, [("sent", 1)]),
    ("drafts", 0.01, [("draft", 1)]),
    ("junk", 0.02, [("spam", 1)]),
    ("trash", 0.03, [("ent", 3), ("newsletter", 3), ("spam", 1)]),
]
FOLDER_NAMES = {  # folder key -> (name, parent name) as provisioned
    "todo": ("À traiter", None), "news": ("Actus internes", None), "councils": ("Conseils", "Actus internes"),
}
ROLE_KEYS = {"inbox": "inbox", "archive": "archive", "sent": "sent", "drafts": "drafts",
             "junk": "junk", "trash": "trash"}


# ====================================================================== generator
class Generator:
    def __init__(self, user: str, size: int, seed: int, now: dt.datetime, others: list[str]):
        self.user, self.size, self.now = user, size, now
        self.me = DEMO[user]
        self.rng = random.Random(f"{seed}:{user}")
        self.content = Content(self.rng, self.me, now)
        self.others = others
        self.n = 0

    def msgid(self, tag="m") -> str:
        self.n += 1
        return f"{tag}{self.n:06d}.{self.user}.{self.rng.getrandbits(32):08x}@seed.ac-toulouse.fr"

    def age(self, folder: str) -> dt.timedelta:
        r = self.rng.random()
        if folder == "archive":
            days = 45 + 320 * r
        elif folder == "drafts":
            days = 20 * r
        else:
            days = 365 * r ** 1.6  # skewed to recent
        return dt.timedelta(days=days, minutes=self.rng.randint(0, 59))

    def keywords(self, folder: str, when: dt.datetime, sender_is_me: bool) -> dict:
        if folder == "drafts":
            return {"$draft": True, "$seen": True}
        if sender_is_me or folder == "sent":
            return {"$seen": True}
        kw = {}
        age_days = (self.now - when).total_seconds() / 86400
        p_unread = 0.6 if age_days < 1 else 0.5 if age_days < 7 else 0.48 if age_days < 30 else 0.44
        if folder in ("archive", "trash"):
            p_unread = 0.1
        if folder == "junk":
            p_unread = 0.6
        if self.rng.random() >= p_unread:
            kw["$seen"] = True
        p_flag = 0.45 if folder == "todo" else 0.02 if folder in ("junk", "trash") else 0.09
        if self.rng.random() < p_flag:
            kw["$flagged"] = True
        if folder == "junk":
            kw["$junk"] = True
        elif folder == "inbox" and self.rng.random() < 0.04:
            kw["$answered"] = True
        elif self.rng.random() < 0.015:
            kw["$forwarded"] = True
        return kw

    def weighted(self, pairs):
        total = sum(w for _, w in pairs)
        x = self.rng.uniform(0, total)
        for k, w in pairs:
            x -= w
            if x <= 0:
                return k
        return pairs[-1][0]

    def unit(self, folder: str, kind: str):
        """One message, or a thread of 2-5 (the user's replies go to Envoyés)."""
        c = self.content
        when = self.now - self.age(folder)
        sender, to, cc, subject, text, html, atts = getattr(c, kind)(when)
        if kind in ("draft",):
            mid = self.msgid("d")
            raw = build(sender, to, subject, when, mid, text)
            yield Msg(folder, self.keywords(folder, when, True), when, raw, mid, subject)
            return
        threadable = kind in ("colleague", "parent", "direction", "sent") and folder not in ("trash", "junk")
        length = 1
        if threadable and self.rng.random() < 0.2:
            length = self.rng.choice([2, 2, 3, 3, 4, 5])
        times = [when]
        while len(times) < length:
            nxt = times[-1] + dt.timedelta(minutes=self.rng.randint(20, 60 * 36))
            if nxt > self.now - dt.timedelta(minutes=5):
                break
            times.append(nxt)
        length = len(times)
        refs = []
        participants = [sender, to[0]]
        for i, cur_when in enumerate(times):
            mid = self.msgid()
            s = participants[i % 2]
            r = participants[(i + 1) % 2]
            subj = subject if i == 0 else f"Re: {subject}"
            body = text if i == 0 else self.reply_text(s, r, subject)
            if i:
                quoted = "\n".join("> " + line for line in prev_text.splitlines()[:12])
                body = f"{body}\n\nLe {fr_date(paris(prev_when).date())} à {paris(prev_when):%H:%M}, {r.name} a écrit :\n{quoted}"
            raw = build(s, [r], subj, cur_when, mid, body, html if i == 0 else None,
                        atts if i == 0 else (), cc, in_reply_to=refs[-1] if refs else None, references=list(refs))
            mine = s is self.me
            f = "sent" if mine else ("inbox" if folder == "sent" else folder)
            kw = self.keywords(f, cur_when, mine)
            if i + 1 < length and not mine:
                kw["$answered"] = True  # the user replied to it
                kw["$seen"] = True
            yield Msg(f, kw, cur_when, raw, mid, subj)
            refs.append(mid)
            prev_text, prev_when = body, cur_when

    def reply_text(self, s: P, r: P, subject: str) -> str:
        first = r.first if r.kind != "parent" else None
        hello = f"Bonjour {first}," if first else "Madame, Monsieur,"
        body = self.rng.choice([
            "Merci pour ton message, c'est noté.", "Entendu, je m'en occupe dès demain.",
            "Oui, cela me convient tout à fait.", "Merci pour ces précisions.",
            "Je ne suis pas disponible à ce moment-là ; pourrions-nous décaler d'une semaine ?",
            "Bien reçu, je transmets à l'équipe.", "Parfait, à mardi alors.",
            "Je vous remercie pour votre retour rapide.",
        ])
        if s.kind == "parent" or r.kind == "parent":
            body = body.replace("ton message", "votre message")
        return f"{hello}\n\n{body}\n\n{s.first}"

    # ---------------------------------------------------------------- stable items
    def stable(self) -> list[Msg]:
        me, now, rng = self.me, self.now, self.rng
        out = []
        # 1. thread of exactly 3 messages in INBOX
        subj = "Organisation du conseil de classe de 3e B"
        team = [me, COLLEAGUES[0], COLLEAGUES[1], COLLEAGUES[2], COLLEAGUES[4]]
        t0 = now - dt.timedelta(days=2, hours=3)
        ids = [f"conseil-3eB-{i}.{self.user}@seed.ac-toulouse.fr" for i in range(3)]
        texts = [
            ("Mesdames, Messieurs,\n\nLe conseil de classe de 3e B aura lieu mardi prochain à 17 h 30 en "
             "salle du conseil. Merci de saisir vos notes et appréciations avant vendredi midi.\n\n"
             "Ordre de passage : 3e B à 17 h 30, 3e E à 18 h 45.\n\nBien cordialement,\n"
             f"{ADJOINT.name}{sig(ADJOINT)}"),
            ("Bonjour,\n\nJe serai en retard d'une dizaine de minutes (réunion au lycée). "
             "Mes appréciations sont déjà saisies.\n\nClaire"),
            ("Bonjour à tous,\n\nPour info, j'ai ajouté les résultats du devoir commun de mathématiques "
             "dans le dossier partagé. Plusieurs élèves sont en grande difficulté ; il faudra en parler.\n\nAntoine"),
        ]
        senders = [ADJOINT, COLLEAGUES[0], COLLEAGUES[1]]
        for i in range(3):
            when = t0 + dt.timedelta(hours=5 * i, minutes=17 * i)
            raw = build(senders[i], team, subj if i == 0 else f"Re: {subj}", when, ids[i], texts[i],
                        in_reply_to=ids[i - 1] if i else None, references=ids[:i])
            out.append(Msg("inbox", {"$seen": True} if i < 2 else {}, when, raw, ids[i],
                           subj if i == 0 else f"Re: {subj}"))
        # 2. two attachments
        when = now - dt.timedelta(days=1, hours=4)
        mid = f"documents-conseil.{self.user}@seed.ac-toulouse.fr"
        pdf = make_pdf(["Collège Jean Jaurès - Conseil de classe 3e B", "Synthèse du premier trimestre",
                        "Effectif : 25 élèves", "Moyenne de la classe : 12,4 / 20",
                        "Félicitations : 4 - Compliments : 6 - Encouragements : 5",
                        "Points de vigilance : travail personnel, bavardages."])
        text = ("Bonjour,\n\nVeuillez trouver ci-joints la synthèse du trimestre et le relevé des notes "
                "de la 3e B en vue du conseil de classe de mardi.\n\nBien cordialement,\n"
                f"{ADJOINT.name}{sig(ADJOINT)}")
        raw = build(ADJOINT, [me], "Documents pour le conseil de classe", when, mid, text,
                    attachments=[("synthese_3eB.pdf", "application/pdf", pdf),
                                 ("notes_3eB.csv", "text/csv; charset=utf-8", notes_csv(random.Random(7)))])
        out.append(Msg("inbox", {}, when, raw, mid, "Documents pour le conseil de classe"))
        # 3. iMIP invitation (user is ATTENDEE)
        when = now - dt.timedelta(hours=20)
        local = paris(now).date()
        # the Thursday after next (next Thursday evening is the parents' meeting)
        thursday = local + dt.timedelta(days=((3 - local.weekday()) % 7 or 7) + 7)
        start_local = dt.datetime.combine(thursday, dt.time(17, 0))
        off = paris_offset(dt.datetime.combine(thursday, dt.time(12), UTC))
        start_utc = (start_local - off).replace(tzinfo=UTC)
        uid = f"conseil-pedagogique-{thursday:%Y%m%d}@ac-toulouse.fr"
        stamp = utc_z(when).replace("-", "").replace(":", "")
        ics = "\n".join([
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Autan seed//FR", "METHOD:REQUEST",
            "BEGIN:VTIMEZONE", "TZID:Europe/Paris",
            "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST",
            "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
            "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET",
            "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
            "END:VTIMEZONE",
            "BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp}",
            f"DTSTART;TZID=Europe/Paris:{start_local:%Y%m%dT%H%M%S}",
            f"DTEND;TZID=Europe/Paris:{start_local + dt.timedelta(hours=2):%Y%m%dT%H%M%S}",
            "SUMMARY:Conseil pédagogique", "LOCATION:Salle du conseil\\, Collège Jean Jaurès",
            "DESCRIPTION:Ordre du jour : projet d'établissement\\, heures de soutien\\, bilan Devoirs faits.",
            f"ORGANIZER;CN=Hélène Garnier:mailto:{PRINCIPAL.email}",
            f"ATTENDEE;CN={me.name};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{me.email}",
            f"ATTENDEE;CN={ADJOINT.name};ROLE=REQ-PARTICIPANT;PARTSTAT=ACCEPTED:mailto:{ADJOINT.email}",
            f"ATTENDEE;CN={COLLEAGUES[12].name};ROLE=OPT-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=TRUE:mailto:{COLLEAGUES[12].email}",
            "SEQUENCE:0", "STATUS:CONFIRMED", "END:VEVENT", "END:VCALENDAR"])
        ics = "\r\n".join(fold_ics(line) for line in ics.split("\n")) + "\r\n"
        subj = f"Invitation : Conseil pédagogique — {fr_date(thursday)} 17:00"
        text = (f"{PRINCIPAL.name} vous invite au conseil pédagogique.\n\nQuand : {fr_date(thursday)}, "
                f"17:00 – 19:00 (Europe/Paris)\nOù : salle du conseil, {SCHOOL}\n\n"
                "Ordre du jour : projet d'établissement, heures de soutien, bilan Devoirs faits.")
        mid = f"invitation-conseil-pedagogique.{self.user}@seed.ac-toulouse.fr"
        raw = build(PRINCIPAL, [me, ADJOINT, COLLEAGUES[12]], subj, when, mid, text, calendar=ics)
        out.append(Msg("inbox", {}, when, raw, mid, subj))
        # 4. PNG image
        when = now - dt.timedelta(days=3, hours=2)
        mid = f"photos-augustins.{self.user}@seed.ac-toulouse.fr"
        raw = build(COLLEAGUES[8], [me], "Photos de la sortie au musée des Augustins", when, mid,
                    "Bonjour,\n\nVoici deux photos de la sortie de jeudi (le cloître et la salle des "
                    "sculptures). Les élèves ont été formidables !\n\nCamille",
                    attachments=[("cloitre_augustins.png", "image/png", make_png(96, 64, 3)),
                                 ("salle_des_sculptures.png", "image/png", make_png(96, 64, 11))])
        out.append(Msg("inbox", {"$seen": True, "$flagged": True}, when, raw, mid,
                       "Photos de la sortie au musée des Augustins"))
        # 5. a few subjects from the brief, recent, in INBOX
        fixed = [
            (ADJOINT, "Réunion parents-professeurs", "La réunion parents-professeurs des classes de 3e "
             "aura lieu jeudi de 17 h à 20 h. Chaque professeur recevra les familles dans sa salle ; "
             "les créneaux sont réservés par les familles sur l'ENT.", dt.timedelta(hours=6)),
            (COLLEAGUES[8], "Sortie pédagogique au musée des Augustins", "La sortie au musée des "
             "Augustins est confirmée pour les 4e A. Départ à 8 h 45 devant le collège, retour "
             "pour la cantine. Merci de rappeler aux élèves d'apporter un carnet de croquis.",
             dt.timedelta(days=4, hours=1)),
            (PRINCIPAL, "Rappel : saisie des notes avant vendredi", "Je vous rappelle que la saisie des "
             "notes du trimestre doit être achevée vendredi à 18 h. Les bulletins seront édités lundi.",
             dt.timedelta(hours=30)),
        ]
        for i, (s, subj, body, ago) in enumerate(fixed):
            when = now - ago
            mid = f"fixed-{i}.{self.user}@seed.ac-toulouse.fr"
            raw = build(s, [me], subj, when, mid, f"Bonjour,\n\n{body}\n\nCordialement,\n{s.name}{sig(s)}")
            out.append(Msg("inbox", {"$seen": True} if i else {}, when, raw, mid, subj))
        paras = ["<strong>Éditorial du recteur :</strong> une année placée sous le signe de la lecture.",
                 "Mobilité, formation, action sociale : le point sur les calendriers du trimestre.",
                 "Portrait : le club théâtre du collège Jean Jaurès à l'honneur."]
        when = now - dt.timedelta(days=2, hours=9)
        mid = f"bulletin-rectorat.{self.user}@seed.ac-toulouse.fr"
        subj = "Bulletin d'information du rectorat"
        raw = build(RECTORAT, [me], subj, when, mid, strip_html(paras),
                    html=html_wrap(subj, paras, RECTORAT, remote_img="https://www.ac-toulouse.fr/media/lettre/banniere.png"))
        out.append(Msg("inbox", {}, when, raw, mid, subj))
        # 6. Actus internes/Conseils
        for i, cls in enumerate(["4e A", "5e D"]):
            when = now - dt.timedelta(days=20 + 6 * i)
            mid = f"cr-conseil-{i}.{self.user}@seed.ac-toulouse.fr"
            subj = f"Compte rendu du conseil de classe de {cls}"
            raw = build(ADJOINT, [me], subj, when, mid,
                        f"Bonjour,\n\nVous trouverez ci-dessous le compte rendu du conseil de classe de {cls}.\n"
                        "Bonne dynamique générale ; attention au travail personnel de plusieurs élèves.\n\n"
                        f"{ADJOINT.name}")
            out.append(Msg("councils", {"$seen": True}, when, raw, mid, subj))
        return out

    # ---------------------------------------------------------------- stream
    def messages(self):
        """Yields Msg objects, exactly self.size of them (stable ones first)."""
        count = 0
        for m in self.stable():
            if count >= self.size:
                return
            count += 1
            yield m
        remaining = self.size - count
        plan = [(f, max(1 if f in ("drafts", "junk") and self.size >= 100 else 0, round(share * remaining)), kinds)
                for f, share, kinds in FOLDER_PLAN]
        # exact total: adjust INBOX
        diff = remaining - sum(n for _, n, _ in plan)
        plan[0] = (plan[0][0], max(0, plan[0][1] + diff), plan[0][2])
        quotas = {f: n for f, n, _ in plan}
        kinds = {f: k for f, _, k in plan}
        order = [f for f, n, _ in plan for _ in range(n)]
        self.rng.shuffle(order)
        produced = {f: 0 for f in quotas}
        for f in order:
            if count >= self.size:
                return
            if produced[f] >= quotas[f]:
                continue
            kind = self.weighted(kinds[f])
            for m in self.unit(f, kind):
                if count >= self.size:
                    return
                produced[m.folder] = produced.get(m.folder, 0) + 1
                count += 1
                yield m
        # rounding leftovers
        while count < self.size:
            for m in self.unit("inbox", self.weighted(KINDS_INBOX)):
                if count >= self.size:
                    return
                count += 1
                yield m


def exchanges(users: list[str], now: dt.datetime) -> dict[str, list[Msg]]:
    """Messages exchanged between demo users: the same message in the sender's Envoyés and the
    recipients' INBOX."""
    out = {u: [] for u in users}
    M, J, S = DEMO["mdupont"], DEMO["jmartin"], DEMO["sbernard"]
    convo = [
        ("ex-absences-noah-1", J, [M], "Absences répétées de Noah en 3e B", None,
         "Bonjour Marie,\n\nNoah Benkhaled cumule six demi-journées d'absence non justifiées ce mois-ci. "
         "J'ai contacté la famille ; peux-tu me dire s'il manque aussi des évaluations en français ?\n\n"
         f"Julien{sig(J)}", dt.timedelta(days=5, hours=2)),
        ("ex-absences-noah-2", M, [J], "Re: Absences répétées de Noah en 3e B", "ex-absences-noah-1",
         "Bonjour Julien,\n\nOui, il a manqué le contrôle de lecture et la rédaction. Je peux lui faire "
         "rattraper mercredi à 13 h.\n\nMarie", dt.timedelta(days=4, hours=20)),
        ("ex-convocation-cp", S, [M, J], "Convocation au conseil pédagogique", None,
         "Bonjour,\n\nÀ la demande de Mme Garnier, vous êtes convoqués au conseil pédagogique de jeudi "
         "en huit, à 17 h, salle du conseil. L'ordre du jour est joint.\n\nBien cordialement,\n"
         f"Sophie Bernard{sig(S)}", dt.timedelta(days=1, hours=7)),
        ("ex-reprographie-1", M, [S], "Demande de reprographie pour le brevet blanc", None,
         "Bonjour Sophie,\n\nPourrais-tu faire tirer 60 exemplaires du sujet de français du brevet blanc "
         "(recto verso, agrafés) ? Je le dépose au secrétariat demain matin.\n\nMerci !\nMarie",
         dt.timedelta(days=8, hours=3)),
        ("ex-reprographie-2", S, [M], "Re: Demande de reprographie pour le brevet blanc", "ex-reprographie-1",
         "Bonjour Marie,\n\nC'est fait, les copies t'attendent dans ton casier.\n\nSophie",
         dt.timedelta(days=7, hours=22)),
    ]
    inv = {k: v for k, v in DEMO.items()}
    user_of = {p.email: u for u, p in inv.items()}
    refs: dict[str, list[str]] = {}
    for key, sender, to, subj, parent, text, ago in convo:
        mid = f"{key}@seed.ac-toulouse.fr"
        chain = (refs.get(parent, []) + [f"{parent}@seed.ac-toulouse.fr"]) if parent else []
        refs[key] = chain
        when = now - ago
        raw = build(sender, to, subj, when, mid, text, in_reply_to=chain[-1] if chain else None,
                    references=chain, attachments=[("ordre_du_jour.pdf", "application/pdf", make_pdf(
                        ["Conseil pedagogique", "1. Projet d'etablissement", "2. Heures de soutien",
                         "3. Bilan Devoirs faits"]))] if key == "ex-convocation-cp" else ())
        su = user_of[sender.email]
        if su in out:
            out[su].append(Msg("sent", {"$seen": True}, when, raw, mid, subj))
        for r in to:
            ru = user_of[r.email]
            if ru in out:
                answered = any(c[4] == key and user_of[c[1].email] == ru for c in convo)
                kw = {"$seen": True, "$answered": True} if answered else ({} if ago < dt.timedelta(days=2) else {"$seen": True})
                out[ru].append(Msg("inbox", kw, when, raw, mid, subj))
    return out


# ====================================================================== calendar / contacts
def next_weekday(local: dt.date, weekday: int) -> dt.date:
    return local + dt.timedelta(days=(weekday - local.weekday()) % 7 or 7)


def school_year_start(local: dt.date) -> dt.date:
    year = local.year if local.month >= 9 else local.year - 1
    d = dt.date(year, 9, 1)
    return d + dt.timedelta(days=(0 - d.weekday()) % 7)  # first Monday of September


def events_for(user: str, now: dt.datetime) -> list[dict]:
    local = paris(now).date()
    me = DEMO[user]

    def ev(key, title, day: dt.date, hm: str, duration: str, **extra):
        obj = {"@type": "jsevent", "uid": f"{key}-{user}@seed.ac-toulouse.fr", "title": title,
               "start": f"{day:%Y-%m-%d}T{hm}:00", "timeZone": "Europe/Paris", "duration": duration,
               "calendarId": "Default"}
        obj.update(extra)
        return obj

    def loc(name):
        return {"locations": {"l1": {"@type": "Location", "name": name}}}

    weekly = lambda day: {"recurrenceRule": {"@type": "RecurrenceRule", "frequency": "weekly",  # noqa: E731
                                             "byDay": [{"@type": "NDay", "day": day}]}}
    alert = {"alerts": {"a1": {"@type": "Alert", "action": "display",
                               "trigger": {"@type": "OffsetTrigger", "offset": "-PT15M"}}}}
    start = school_year_start(local)
    tuesday = next_weekday(local, 1)
    thursday = next_weekday(local, 3)
    common = [
        ev("conseil-3eB", "Conseil de classe 3e B", tuesday, "17:30", "PT2H",
           description="Conseil de classe du trimestre. Appréciations à saisir avant vendredi.",
           replyTo={"imip": f"mailto:{ADJOINT.email}"},
           participants={
               "o": {"@type": "Participant", "name": ADJOINT.name, "email": ADJOINT.email,
                     "sendTo": {"imip": f"mailto:{ADJOINT.email}"}, "roles": {"owner": True, "attendee": True},
                     "participationStatus": "accepted"},
               "me": {"@type": "Participant", "name": me.name, "email": me.email,
                      "sendTo": {"imip": f"mailto:{me.email}"}, "roles": {"attendee": True},
                      "participationStatus": "accepted"}},
           **loc("Salle du conseil"), **alert),
        ev("reunion-parents", "Réunion parents-professeurs", thursday, "17:00", "PT3H",
           description="Rencontres avec les familles des classes de 3e, créneaux réservés sur l'ENT.",
           **loc("Collège Jean Jaurès, salles du 1er étage")),
        ev("brevet-blanc", "Brevet blanc", local + dt.timedelta(days=40), "08:00", "PT9H",
           description="Épreuves écrites : français et mathématiques le premier jour."),
        ev("formation-dane", "Formation DANE : l'IA en classe", local + dt.timedelta(days=16), "14:00", "PT3H",
           virtualLocations={"v1": {"@type": "VirtualLocation", "name": "Classe virtuelle",
                                    "uri": "https://dane.ac-toulouse.fr/classe-virtuelle"}}),
    ]
    if user == "mdupont":
        mine = [
            ev("cours-fr-4eA", "Cours de français 4e A", start, "08:00", "PT1H", **weekly("mo"), **loc("Salle 204")),
            ev("cours-fr-3eB-ma", "Cours de français 3e B", start + dt.timedelta(days=1), "10:00", "PT1H",
               **weekly("tu"), **loc("Salle 204")),
            ev("cours-fr-3eB-je", "Cours de français 3e B", start + dt.timedelta(days=3), "14:00", "PT2H",
               **weekly("th"), **loc("Salle 204")),
            ev("cours-fr-5eD", "Cours de français 5e D", start + dt.timedelta(days=2), "09:00", "PT2H",
               **weekly("we"), **loc("Salle 112")),
            ev("equipe-lettres", "Réunion d'équipe de lettres", start + dt.timedelta(days=2), "12:30", "PT1H",
               recurrenceRule={"@type": "RecurrenceRule", "frequency": "weekly", "interval": 2}),
            ev("sortie-augustins", "Sortie au musée des Augustins (4e A)", local + dt.timedelta(days=12),
               "08:45", "PT3H15M", **loc("Musée des Augustins, 21 rue de Metz, Toulouse")),
            ev("rdv-durand", "Rendez-vous avec la famille Durand", local + dt.timedelta(days=1), "16:30", "PT30M",
               **loc("Salle 204"), **alert),
        ]
    elif user == "jmartin":
        mine = [
            ev("reunion-vie-scolaire", "Réunion vie scolaire", start, "08:30", "PT1H", **weekly("mo")),
            ev("commission-educative", "Commission éducative", local + dt.timedelta(days=6), "16:00", "PT1H30M",
               **loc("Bureau de la vie scolaire")),
            ev("permanence-parents", "Permanence parents", start + dt.timedelta(days=2), "14:00", "PT2H",
               **weekly("we")),
        ]
    else:
        mine = [
            ev("reunion-direction", "Réunion de direction", start, "09:00", "PT1H", **weekly("mo")),
            ev("conseil-administration", "Conseil d'administration", local + dt.timedelta(days=9), "18:00", "PT2H",
               **loc("Salle du conseil")),
            ev("inventaire", "Commande de fournitures", local + dt.timedelta(days=3), "10:00", "PT1H"),
        ]
    return common + mine


def contacts_for(user: str) -> tuple[dict, dict]:
    """Returns (Contact creates, ContactGroup creates) for Contact/set and ContactGroup/set."""
    me = DEMO[user]
    contacts, groups = {}, {}

    def staff(key, p: P):
        c = {"firstName": p.first, "lastName": p.last, "company": SCHOOL, "jobTitle": p.title,
             "emails": [{"type": "work", "value": p.email, "isDefault": True}]}
        if p.phone:
            c["phones"] = [{"type": "mobile" if p.phone.startswith("06") else "work", "value": p.phone}]
        contacts[key] = c

    people = [PRINCIPAL, ADJOINT, GESTION] + COLLEAGUES + [d for u, d in DEMO.items() if u != user] + VIE_SCOLAIRE[1:]
    keys = {}
    for i, p in enumerate(people):
        if p is me:
            continue
        keys[p.email] = f"s{i}"
        staff(f"s{i}", p)
    parents = PARENTS if user == "mdupont" else PARENTS[:10]
    for i, (p, (sf, fam, *_)) in enumerate(zip(parents, STUDENTS)):
        contacts[f"p{i}"] = {
            "firstName": p.first, "lastName": p.last, "notes": f"Parent de {sf} {fam}, élève de 3e B",
            "emails": [{"type": "personal", "value": p.email, "isDefault": True}],
            "phones": [{"type": "mobile", "value": p.phone}],
            "addresses": [{"type": "home", "street": f"{3 + i * 7} rue {['des Lilas', 'Pargaminières', 'du Taur', 'Alsace-Lorraine', 'de la Pomme'][i % 5]}",
                           "locality": "Toulouse", "region": "Occitanie", "postcode": f"310{i % 10}0",
                           "country": "France"}],
        }
    groups["g3eB"] = {"name": "3e B", "contactIds": [f"#p{i}" for i in range(len(parents))]}
    groups["glettres"] = {"name": "Équipe de lettres",
                          "contactIds": [f"#{keys[p.email]}" for p in LETTRES + [DEMO['mdupont']] if p.email in keys]}
    groups["gvs"] = {"name": "Vie scolaire",
                     "contactIds": [f"#{keys[p.email]}" for p in VIE_SCOLAIRE + [COLLEAGUES[14]] if p.email in keys]}
    return contacts, groups


# ====================================================================== JMAP transport
class Conn:
    """A persistent HTTP/1.1 connection per thread to Cyrus, Basic auth."""

    def __init__(self, base: str, user: str):
        u = urllib.parse.urlsplit(base)
        self.host, self.port, self.prefix = u.hostname, u.port or 80, u.path.rstrip("/")
        self.auth = provision.auth_header(user, PASSWORD)
        self.local = threading.local()

    def request(self, method, path, body=None, ctype="application/json"):
        for attempt in range(3):
            c = getattr(self.local, "c", None)
            if c is None:
                c = self.local.c = http.client.HTTPConnection(self.host, self.port, timeout=600)
            try:
                headers = {"Authorization": self.auth}
                if body is not None:
                    headers["Content-Type"] = ctype
                c.request(method, self.prefix + path, body=body, headers=headers)
                r = c.getresponse()
                data = r.read()
                if r.will_close:
                    c.close()
                    self.local.c = None
                return r.status, data
            except (OSError, http.client.HTTPException):
                c.close()
                self.local.c = None
                if attempt == 2:
                    raise
                time.sleep(0.5 * (attempt + 1))


class Account:
    def __init__(self, base: str, user: str):
        self.user = user
        self.conn = Conn(base, user)
        status, body = self.conn.request("GET", "/jmap/")
        if status != 200:
            raise SystemExit(f"seed: GET /jmap/ as {user}: HTTP {status}")
        self.session = json.loads(body)
        self.account = self.session["primaryAccounts"]["urn:ietf:params:jmap:mail"]
        self.max_calls = self.session["capabilities"]["urn:ietf:params:jmap:core"].get("maxCallsInRequest", 16)
        self.api = urllib.parse.urlsplit(self.session["apiUrl"]).path
        self.upload_path = urllib.parse.urlsplit(self.session["uploadUrl"]).path.replace("{accountId}", self.account)

    def call(self, calls, using=MAIL):
        calls = [[n, dict(a, accountId=self.account), c] for n, a, c in calls]
        status, body = self.conn.request("POST", self.api, json.dumps({"using": using, "methodCalls": calls}).encode())
        if status != 200:
            raise SystemExit(f"seed: JMAP HTTP {status}: {body[:300]!r}")
        out = json.loads(body)["methodResponses"]
        for name, args, cid in out:
            if name == "error":
                raise SystemExit(f"seed: {cid}: {args}")
        return out

    def upload(self, raw: bytes) -> str:
        status, body = self.conn.request("POST", self.upload_path, raw, "message/rfc822")
        if status not in (200, 201):
            raise SystemExit(f"seed: upload HTTP {status}: {body[:200]!r}")
        return json.loads(body)["blobId"]

    def mailboxes(self) -> dict:
        boxes = self.call([["Mailbox/get", {"properties": ["name", "parentId", "role"]}, "0"]])[0][1]["list"]
        by_id = {b["id"]: b for b in boxes}
        out = {}
        for b in boxes:
            if b["role"] in ROLE_KEYS.values():
                out[b["role"]] = b["id"]
            parent = by_id.get(b["parentId"], {}).get("name") if b["parentId"] else None
            for key, (name, pname) in FOLDER_NAMES.items():
                if b["name"] == name and parent == pname:
                    out[key] = b["id"]
        missing = [k for k in list(ROLE_KEYS) + list(FOLDER_NAMES) if k not in out]
        if missing:
            raise SystemExit(f"seed: {self.user} lacks folders {missing} (run stack.sh start)")
        return out

    def upload_batch(self, msgs: list[Msg]) -> list[str]:
        """Uploads a batch as ONE blob and returns one blobId per message.

        Each upload costs Cyrus an append to the user's #jmap folder (~10 ms, serialised per
        user), so the batch travels as one multipart/mixed blob of message/rfc822 parts;
        Email/parse then gives the blobId of every part, and Email/import takes those.
        Falls back to one upload per message if the server parses it differently."""
        bnd = f"=_autan_batch_{os.urandom(8).hex()}"
        container = (b"From: seed@localhost\r\nTo: seed@localhost\r\nSubject: seed batch\r\n"
                     b"MIME-Version: 1.0\r\n"
                     + multipart("mixed", [b"Content-Type: message/rfc822\r\n\r\n" + m.raw for m in msgs], bnd))
        blob = self.upload(container)
        parsed = self.call([["Email/parse", {"blobIds": [blob], "properties": ["attachments"],
                                             "bodyProperties": ["partId", "blobId", "type", "size"]}, "0"]])
        atts = ((parsed[0][1].get("parsed") or {}).get(blob) or {}).get("attachments") or []
        ids = [a["blobId"] for a in atts if a.get("type") == "message/rfc822"]
        if len(ids) == len(msgs):
            return ids
        return [self.upload(m.raw) for m in msgs]

    def import_batch(self, msgs: list[Msg], boxes: dict) -> int:
        # A transient server error (HTTP 5xx) is retried twice; already imported
        # messages come back as alreadyExists, which is not an error.
        for attempt in range(3):
            try:
                return self._import_batch(msgs, boxes)
            except SystemExit as e:
                if attempt == 2 or "HTTP 5" not in str(e):
                    raise
                print(f"seed: retrying a batch for {self.user} after: {e}", file=sys.stderr)
                time.sleep(2)
        return 0

    def _import_batch(self, msgs: list[Msg], boxes: dict) -> int:
        blob_ids = self.upload_batch(msgs)
        emails = {f"e{i}": {"blobId": b, "mailboxIds": {boxes[m.folder]: True}, "keywords": m.keywords,
                            "receivedAt": utc_z(m.received)}
                  for i, (m, b) in enumerate(zip(msgs, blob_ids))}
        res = self.call([["Email/import", {"emails": emails}, "0"]])[0][1]
        bad = res.get("notCreated") or {}
        real = {k: v for k, v in bad.items() if v.get("type") != "alreadyExists"}
        if real:
            k, v = next(iter(real.items()))
            raise SystemExit(f"seed: Email/import refused {len(real)} messages for {self.user}, e.g. "
                             f"{msgs[int(k[1:])].subject!r}: {v}")
        return len(res.get("created") or {})


# ====================================================================== main
def purge_uploads(user: str) -> None:
    """Expunges the blobs uploaded for Email/import (they count against the quota)."""
    import imaplib
    try:
        m = provision.imap_admin()
    except (OSError, imaplib.IMAP4.error):
        return
    try:
        box = f"user/{user}/#jmap"
        if provision.imap_exists(m, box):
            m.setacl(box, provision.ADMIN[0], "lrswipkxtecdan")
            typ, _ = m.select(f'"{box}"')
            if typ == "OK":
                m.store("1:*", "+FLAGS.SILENT", r"(\Deleted)")
                m.expunge()
                m.close()
    except imaplib.IMAP4.error:
        pass
    finally:
        try:
            m.logout()
        except Exception:
            pass


def set_quota(user: str, kb: int) -> None:
    m = provision.imap_admin()
    try:
        m.setquota(f"user/{user}", f"(STORAGE {kb})")
    finally:
        m.logout()


def wipe(acc: "Account") -> None:
    """Empties an account over JMAP: emails, calendar events, contacts and groups.

    (Deleting and re-creating the user is not an option: Cyrus 3.6 re-uses the
    uniqueid of a deleted folder re-created with the same name and then fails
    with "failed to mmap" on it.)"""
    while True:
        ids = acc.call([["Email/query", {"limit": 4096, "calculateTotal": False}, "0"]])[0][1]["ids"]
        if not ids:
            break
        acc.call([["Email/set", {"destroy": ids}, "0"]])
    events = acc.call([["CalendarEvent/get", {"properties": ["id"]}, "0"]], CAL)[0][1]["list"]
    if events:
        acc.call([["CalendarEvent/set", {"destroy": [e["id"] for e in events]}, "0"]], CAL)
    groups = acc.call([["ContactGroup/get", {"properties": ["id"]}, "0"]], CONTACTS)[0][1]["list"]
    contacts = acc.call([["Contact/get", {"properties": ["id"]}, "0"]], CONTACTS)[0][1]["list"]
    calls = []
    if groups:
        calls.append(["ContactGroup/set", {"destroy": [g["id"] for g in groups]}, "0"])
    if contacts:
        calls.append(["Contact/set", {"destroy": [c["id"] for c in contacts]}, "1"])
    if calls:
        acc.call(calls, CONTACTS)


def prepare_users(users: list[str], base: str) -> None:
    """Makes sure every user exists with its folders and quota, and is empty."""
    m = provision.imap_admin()
    try:
        for u in users:
            provision.ensure_user(m, u)
    finally:
        m.logout()
    for u in users:
        provision.ensure_folders(u)
        wipe(Account(base, u))
        purge_uploads(u)


class Progress:
    def __init__(self, total: int, enabled: bool):
        self.total, self.enabled, self.done = total, enabled, 0
        self.t0 = time.monotonic()
        self.tty = sys.stderr.isatty()
        self.last = 0.0
        self.lock = threading.Lock()

    def add(self, n: int, user: str):
        with self.lock:
            self.done += n
            if self.enabled:
                self.show(user)

    def show(self, user: str):
        now = time.monotonic()
        if self.tty or now - self.last >= 10 or self.done == self.total:
            rate = self.done / max(0.001, now - self.t0)
            eta = (self.total - self.done) / max(rate, 0.001)
            line = f"seed: {self.done}/{self.total} messages, {rate:.0f}/s, ~{eta:.0f}s left"
            sys.stderr.write(("\r" + line + "   ") if self.tty else line + "\n")
            sys.stderr.flush()
            self.last = now

    def end(self):
        if self.enabled and self.tty:
            sys.stderr.write("\n")


def main() -> None:
    ap = argparse.ArgumentParser(description="Seed Autan's dev Cyrus over JMAP")
    ap.add_argument("--size", type=int, default=2000, help="messages for the first user (others: size/4)")
    ap.add_argument("--users", default="mdupont,jmartin,sbernard")
    ap.add_argument("--base", default=provision.BASE)
    ap.add_argument("--force", action="store_true", help="re-seed even if already seeded")
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--progress", action="store_true", help="progress on stderr (default: size >= 10000)")
    ap.add_argument("--marker", default="seeded.json",
                    help="state file recording this seeding (one per set of users)")
    args = ap.parse_args()
    global MARKER
    MARKER = os.path.join(STATE, args.marker)

    users = [u.strip() for u in args.users.split(",") if u.strip()]
    for u in users:
        if u not in DEMO:
            raise SystemExit(f"seed: unknown user {u} (known: {', '.join(DEMO)})")
    sizes = {u: (args.size if i == 0 else max(50, args.size // 4)) for i, u in enumerate(users)}
    want = {"version": SEED_VERSION, "size": args.size, "users": users, "seed": args.seed}

    if not args.force and os.path.exists(MARKER):
        try:
            with open(MARKER) as f:
                have = json.load(f)
            if {k: have.get(k) for k in want} == want:
                acc = Account(args.base, users[0])
                total = acc.call([["Email/query", {"limit": 0, "calculateTotal": True}, "0"]])[0][1]["total"]
                if total >= sizes[users[0]]:
                    return  # already seeded with these arguments
        except (OSError, ValueError, KeyError, SystemExit):
            pass

    t0 = time.monotonic()
    now = dt.datetime.now(UTC).replace(microsecond=0)
    try:
        os.unlink(MARKER)
    except OSError:
        pass
    prepare_users(users, args.base)

    ex = exchanges(users, now)
    total = sum(sizes.values()) + sum(len(v) for v in ex.values())
    progress = Progress(total, args.progress or args.size >= 10000)
    def seed_user(u: str) -> dict:
        acc = Account(args.base, u)
        # ~1.2 KB a message, plus the uploaded batches kept until the next purge
        est_kb = int(sizes[u] * 1.3 + min(sizes[u], PURGE_EVERY) * 1.3) + 1024
        if est_kb > provision.QUOTA_KB * 0.9:  # only for sizes far above the benchmark's
            set_quota(u, est_kb * 2)
        boxes = acc.mailboxes()
        gen = Generator(u, sizes[u], args.seed, now, users)
        batch, n_created, since_purge = [], 0, 0
        for m in itertools.chain(gen.messages(), ex[u], [None]):
            if m is not None:
                batch.append(m)
            if batch and (len(batch) >= BATCH or m is None):
                n_created += acc.import_batch(batch, boxes)
                progress.add(len(batch), u)
                since_purge += len(batch)
                batch = []
                if since_purge >= PURGE_EVERY:
                    purge_uploads(u)
                    since_purge = 0
        purge_uploads(u)

        # calendar: name, scheduling address, events
        acc.call([["Calendar/set", {"update": {"Default": {
            "name": "Agenda personnel", "scheduleAddressSet": [f"mailto:{DEMO[u].email}"]}}}, "0"]], CAL)
        evs = {f"ev{i}": e for i, e in enumerate(events_for(u, now))}
        res = acc.call([["CalendarEvent/set", {"create": evs}, "0"]], CAL)[0][1]
        if res.get("notCreated"):
            raise SystemExit(f"seed: CalendarEvent/set for {u}: {res['notCreated']}")
        # contacts and groups (one request: groups reference the contacts' creation ids)
        contacts, groups = contacts_for(u)
        res = acc.call([["Contact/set", {"create": contacts}, "0"],
                        ["ContactGroup/set", {"create": groups}, "1"]], CONTACTS)
        for name, r, _ in res:
            if r.get("notCreated"):
                raise SystemExit(f"seed: {name} for {u}: {r['notCreated']}")
        return {"emails": n_created, "events": len(evs), "contacts": len(contacts), "groups": len(groups)}

    # Cyrus serialises the work of one user; users run in parallel.
    with concurrent.futures.ThreadPoolExecutor(max_workers=len(users)) as pool:
        futures = {u: pool.submit(seed_user, u) for u in users}
        stats = {u: f.result() for u, f in futures.items()}
    progress.end()

    elapsed = time.monotonic() - t0
    with open(MARKER, "w") as f:
        json.dump(dict(want, at=utc_z(now), seconds=round(elapsed, 1), stats=stats), f)
    counts = ", ".join(f"{u} {s['emails']}" for u, s in stats.items())
    print(f"seeded {counts} messages "
          f"(+ events, contacts) in {elapsed:.1f}s")


if __name__ == "__main__":
    main()
