#!/usr/bin/env python3
"""The demo directory: the people of Autan's dev and test stack, one list for
the LDAP directory (slapd, which Cyrus and the account service use) and the
mailboxes (provision.py).

    python3 directory.py ldif        the seed LDIF (slapadd), on stdout
    python3 directory.py passwords   ldapmodify LDIF restoring the demo passwords
    python3 directory.py ssha SECRET  an {SSHA} hash for slapd.conf

Passwords are hashed with a salt derived from the login, so the LDIF (and
stack.sh's marker of it) only changes when this list does. Standard library
only.
"""
import base64
import hashlib
import sys

SUFFIX = "dc=ac-toulouse,dc=fr"
PEOPLE_DN = f"ou=people,{SUFFIX}"
SERVICES_DN = f"ou=services,{SUFFIX}"
DEMO_PASSWORD = "autan-demo"

# Cyrus's admin (IMAP CREATE/SETQUOTA by provision.py) and the two service
# accounts: the account service (reads people, changes passwords) and
# saslauthd (finds a login's DN before binding as it).
ADMIN = ("cyrus", "cyrus-admin-dev")
SERVICE_SECRETS = {"compte": "compte-dev", "saslauthd": "saslauthd-dev"}

# login → person. `birth_name` only when it differs from the usage name;
# `password` defaults to DEMO_PASSWORD; `numen` is 2 digits, a letter,
# 7 digits, 3 letters.
PEOPLE = {
    "mdupont": {"given": "Marie", "sn": "Dupont", "birth": "1978-05-12", "numen": "78E0512345MDU",
                "email": "marie.dupont@ac-toulouse.fr", "title": "Professeure de lettres"},
    "jmartin": {"given": "Julien", "sn": "Martin", "birth": "1981-02-07", "numen": "81E0207123JMA",
                "email": "julien.martin@ac-toulouse.fr", "title": "Conseiller principal d'éducation"},
    "sbernard": {"given": "Sophie", "sn": "Bernard", "birth": "1975-10-23", "numen": "75E1023456SBE",
                 "email": "sophie.bernard@ac-toulouse.fr", "title": "Secrétaire de direction"},
    # The 100,000-message mailbox of the scale journey (seeded on its own).
    "agrand": {"given": "Anne", "sn": "Grand", "birth": "1969-07-01", "numen": "69E0701987AGR",
               "email": "anne.grand@ac-toulouse.fr", "title": "Secrétariat des examens"},
    # MaMamia's journeys: reset (fdurand), find by birth name (cmoreau),
    # first login on the NUMEN (pnouveau), change (lpetit, also a temporary
    # agent number).
    "fdurand": {"given": "Florent", "sn": "Durand", "birth": "1985-03-14", "numen": "85E1234567FDU",
                "email": "florent.durand@ac-toulouse.fr", "title": "Professeur de mathématiques"},
    "cmoreau": {"given": "Claire", "sn": "Moreau", "birth_name": "Lefèvre", "birth": "1982-09-21",
                "numen": "82E7654321CMO", "email": "claire.moreau@ac-toulouse.fr",
                "title": "Professeure d'histoire-géographie"},
    "pnouveau": {"given": "Paul", "sn": "Nouveau", "birth": "1990-01-02", "numen": "90E2468135PNO",
                 "password": "90E2468135PNO", "email": "paul.nouveau@ac-toulouse.fr",
                 "title": "Professeur stagiaire"},
    "lpetit": {"given": "Lucie", "sn": "Petit", "birth": "1979-11-30", "numen": "79E1357924LPE",
               "agent": "T2026-000451", "email": "lucie.petit@ac-toulouse.fr",
               "title": "Professeure documentaliste"},
}


def ssha(secret: str, salt_seed: str) -> str:
    salt = hashlib.sha256(("autan-dev-salt:" + salt_seed).encode()).digest()[:8]
    digest = hashlib.sha1(secret.encode() + salt).digest()
    return "{SSHA}" + base64.b64encode(digest + salt).decode()


def b64_if_needed(attr: str, value: str) -> str:
    # LDIF: non-ASCII values are written base64 (attr:: value).
    if value.isascii():
        return f"{attr}: {value}"
    return f"{attr}:: {base64.b64encode(value.encode()).decode()}"


def ldif() -> str:
    out = [
        f"dn: {SUFFIX}", "objectClass: dcObject", "objectClass: organization",
        "dc: ac-toulouse", b64_if_needed("o", "Académie de Toulouse"), "",
        f"dn: {PEOPLE_DN}", "objectClass: organizationalUnit", "ou: people", "",
        f"dn: {SERVICES_DN}", "objectClass: organizationalUnit", "ou: services", "",
        f"dn: uid={ADMIN[0]},{SERVICES_DN}", "objectClass: account", "objectClass: simpleSecurityObject",
        f"uid: {ADMIN[0]}", f"userPassword: {ssha(ADMIN[1], ADMIN[0])}", "",
    ]
    for cn, secret in SERVICE_SECRETS.items():
        out += [f"dn: cn={cn},{SERVICES_DN}", "objectClass: organizationalRole",
                "objectClass: simpleSecurityObject", f"cn: {cn}",
                f"userPassword: {ssha(secret, cn)}", ""]
    for login, p in PEOPLE.items():
        full = f"{p['given']} {p['sn']}"
        lines = [f"dn: uid={login},{PEOPLE_DN}", "objectClass: inetOrgPerson", "objectClass: autanPerson",
                 f"uid: {login}", b64_if_needed("cn", full), b64_if_needed("sn", p["sn"]),
                 b64_if_needed("givenName", p["given"]), b64_if_needed("displayName", full),
                 f"mail: {p['email']}", b64_if_needed("title", p["title"]),
                 f"autanBirthDate: {p['birth'].replace('-', '')}", f"autanNumen: {p['numen']}",
                 f"userPassword: {ssha(password_of(login), login)}"]
        if "birth_name" in p:
            lines.append(b64_if_needed("autanBirthName", p["birth_name"]))
        if "agent" in p:
            lines.append(f"autanAgentNumber: {p['agent']}")
        out += lines + [""]
    return "\n".join(out) + "\n"


def password_of(login: str) -> str:
    if login == ADMIN[0]:
        return ADMIN[1]
    return PEOPLE.get(login, {}).get("password", DEMO_PASSWORD)


def passwords_ldif() -> str:
    """ldapmodify input putting every demo password back (tests change some)."""
    out = []
    for login in PEOPLE:
        out += [f"dn: uid={login},{PEOPLE_DN}", "changetype: modify", "replace: userPassword",
                f"userPassword: {ssha(password_of(login), login)}", ""]
    return "\n".join(out)


def main() -> None:
    if len(sys.argv) >= 2 and sys.argv[1] == "ldif":
        sys.stdout.write(ldif())
    elif len(sys.argv) >= 2 and sys.argv[1] == "passwords":
        sys.stdout.write(passwords_ldif())
    elif len(sys.argv) == 3 and sys.argv[1] == "ssha":
        print(ssha(sys.argv[2], "rootdn"))
    else:
        sys.exit("usage: directory.py ldif | passwords | ssha SECRET")


if __name__ == "__main__":
    main()
