"""Confidentiality: encryption, the passphrase, purge, the audit log."""

from __future__ import annotations

from pathlib import Path

from onsite.cli.common import UserError, opened, shown


def register(commands) -> None:
    encrypt = commands.add_parser(
        "encrypt",
        help="encrypt a plain engagement file in place",
        description="Encrypt a plain engagement with a passphrase (typed twice, or from "
        "ONSITE_PASSPHRASE). The file is copied encrypted, the copy checked, then "
        "swapped in: the file is never half encrypted. Close the file in the app first.",
    )
    encrypt.add_argument("file", type=Path, metavar="FILE")
    encrypt.set_defaults(func=cmd_encrypt)

    passphrase = commands.add_parser(
        "passphrase",
        help="change an encrypted engagement's passphrase",
        description="Change the passphrase: the old one from a prompt or ONSITE_PASSPHRASE, the "
        "new one typed twice or from ONSITE_NEW_PASSPHRASE.",
    )
    passphrase.add_argument("file", type=Path, metavar="FILE")
    passphrase.set_defaults(func=cmd_passphrase)

    purge = commands.add_parser(
        "purge",
        help="after the report: destroy raw notes, keep findings",
        description="Once the report is agreed, the lead peer destroys the raw notes: note "
        "text, excerpts' text and participants' names, with every earlier version. "
        "Findings, recommendations, daily updates and feedback stay. The purge is "
        "logged and travels to every laptop with sync. It cannot be undone.",
    )
    purge.add_argument("file", type=Path, metavar="FILE")
    purge.add_argument(
        "--as",
        dest="initials",
        metavar="INITIALS",
        help="the lead peer's initials (default: whoever uses this laptop)",
    )
    purge.add_argument("--yes", action="store_true", help="do not ask to confirm")
    purge.add_argument(
        "--folder",
        type=Path,
        metavar="FOLDER",
        default=None,
        help="the team's shared folder, whose bundles are rewritten without the "
        "purged text (default: the folder this laptop last synced with)",
    )
    purge.set_defaults(func=cmd_purge)

    guard = commands.add_parser(
        "guard",
        help="check any text for participants' names and one-person roles",
        description="Check a text (a slide, an email, a draft) against the engagement's "
        "participants, as the attribution guard checks exports. Prints each hit as "
        'LINE:COLUMN: "TEXT" (WHY); exits 1 if there are hits, 0 if the text is clear.',
    )
    guard.add_argument("file", type=Path, metavar="FILE", help="the engagement file")
    guard.add_argument(
        "path",
        nargs="?",
        default="-",
        metavar="PATH",
        help="the text file to check; - or nothing reads standard input",
    )
    guard.set_defaults(func=cmd_guard)

    audit = commands.add_parser(
        "audit",
        help="show the audit log",
        description="Exports, deliveries, guard acceptances and purges.",
    )
    audit.add_argument("file", type=Path, metavar="FILE")
    audit.set_defaults(func=cmd_audit)


def _left_behind(result) -> None:
    for path in result.left_behind:
        print(
            f"  Note: {path.name} is an older copy kept by an upgrade, not protected by "
            "this passphrase; delete it when you no longer need it."
        )


def cmd_encrypt(args) -> int:
    from onsite.confidential.passphrase import ask_new
    from onsite.store.protect import encrypt_file

    if not args.file.exists():
        raise UserError(f"{args.file}: no such file")
    from onsite.store.errors import PassphraseNeeded
    from onsite.store.files import header

    try:
        header(args.file)  # an engagement, and a plain one, before a passphrase is asked for
    except PassphraseNeeded:
        raise UserError(f"{args.file}: already encrypted") from None
    result = encrypt_file(args.file, ask_new(args.file.name))
    print(f"Encrypted {args.file} ({result.tables} tables, {result.rows} rows checked).")
    _left_behind(result)
    return 0


def cmd_passphrase(args) -> int:
    from onsite.confidential.passphrase import ENV_NEW, ask, ask_new
    from onsite.store.protect import change_passphrase

    if not args.file.exists():
        raise UserError(f"{args.file}: no such file")
    old = ask(f"Current passphrase for {args.file.name}: ")
    result = change_passphrase(args.file, old, ask_new(args.file.name, env=ENV_NEW))
    print(f"Changed the passphrase of {args.file}.")
    _left_behind(result)
    return 0


def cmd_purge(args) -> int:
    from onsite.confidential import purge
    from onsite.engagement.team import find_peer

    with opened(args.file) as store:
        if args.initials:
            try:
                lead_id = find_peer(store, args.initials).id
            except ValueError as e:
                raise UserError(str(e)) from None
        elif me := store.me():
            lead_id = me
        else:
            raise UserError("say who is purging: --as INITIALS (the lead peer's)")
        name = store.engagement().name
        if not args.yes:
            print(
                f"This destroys the raw notes of {name}: note text, excerpts' text and "
                "participants' names, on every laptop once it syncs, and the team-only "
                "exports (evidence packs, archives). It cannot be undone."
            )
            try:
                typed = input("Type the engagement's name to go ahead: ").strip()
            except EOFError:
                typed = ""
            if typed != name:
                print("Not purged.")
                return 1
        done = purge.purge(store, lead_id)
        from onsite.sync import tidy

        tidied = tidy.after_purge(store, args.folder)
        others = tidy.other_laptops(store)
    print(
        f"Purged {done.notes} notes, {done.excerpts} excerpts and {done.participants} "
        f"participants' names ({done.versions} earlier versions); the file is compacted."
    )
    for line in tidied.lines():
        print(shown(line))
    for path in done.exports.removed:
        print(f"Deleted the team-only export {shown(path)}")
    print("What remains where:")
    print("  this laptop: nothing (the purge travels with its next sync)")
    for path in done.exports.unreachable:
        print(
            f"  {shown(path)}: a team-only export on a drive not reachable now: delete it "
            "there (the next purge tries again)"
        )
    print(
        "  other laptops' exports (evidence packs, archives): each laptop deletes its own "
        "when the purge reaches it"
    )
    for laptop in others:
        print(f"  {laptop}: the raw notes stay in its copy until it next syncs")
    if tidied.done:
        print(
            "  the shared folder: nothing"
            + (
                f", but for the {len(tidied.left)} bundle(s) not cleaned above"
                if tidied.left
                else ""
            )
        )
    else:
        print(
            "  the shared folder: no folder known here (--folder FOLDER); each laptop "
            "replaces its own bundles when it syncs"
        )
    return 0


def cmd_audit(args) -> int:
    from onsite.confidential.audit import audit_entries

    with opened(args.file) as store:
        entries = audit_entries(store)
    if not entries:
        print("The audit log is empty.")
    for e in entries:
        print(
            f"{e['at']}  {e['action']:<8}  {e['who'] or '(unknown)':<24}  {e['subject']}"
            + (f"  {e['detail']}" if e["detail"] else "")
        )
    return 0


MAX_GUARD_BYTES = 50 * 1024 * 1024


def cmd_guard(args) -> int:
    import sys

    from onsite.confidential.guard import Guard

    if args.path == "-":
        text = sys.stdin.read()
    else:
        path = Path(args.path)
        if not path.is_file():
            raise UserError(f"{shown(path)}: no such file")
        if path.stat().st_size > MAX_GUARD_BYTES:
            raise UserError(
                f"{shown(path)}: larger than {MAX_GUARD_BYTES // 2**20} MB; not a text to check"
            )
        try:
            text = path.read_text(encoding="utf-8-sig", errors="replace")
        except OSError as e:
            raise UserError(f"{shown(path)}: cannot be read ({e.strerror or e})") from None
    with opened(args.file) as store:
        guard = Guard.from_store(store)
    hits = guard.check(text)
    for hit in hits:
        print(f'{hit.line}:{hit.column}: "{shown(hit.shown)}" ({hit.kind}: {shown(hit.about)})')
    if hits:
        print(f"{len(hits)} place(s) could identify a participant.", file=sys.stderr)
    return 1 if hits else 0
