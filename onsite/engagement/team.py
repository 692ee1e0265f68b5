"""The team: peers added, edited, retired and imported; who is using this laptop.

The rules: exactly one lead peer once the team has anyone in it (making another peer the
lead hands the role over, so there is never a second); the LGA's challenge manager marked
as such; initials unique, since the timetable and #mentions name peers by them. A retired
peer is kept (their notes still say who wrote them) but leaves the timetable and the lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from onsite.model import Peer
from onsite.vocab import Role

if TYPE_CHECKING:
    from onsite.store.db import Store

LEAD, PEER, MANAGER = Role.LEAD_PEER.value, Role.PEER.value, Role.CHALLENGE_MANAGER.value
ROLE_WORDS = {
    "lead": LEAD,
    "lead peer": LEAD,
    "peer": PEER,
    "member": PEER,
    "": PEER,
    "manager": MANAGER,
    "challenge manager": MANAGER,
    "peer challenge manager": MANAGER,
    "pcm": MANAGER,
}


def find_peer(store: Store, who: str, include_retired: bool = False) -> Peer:
    """The peer with these initials or this full name (any case, any spacing); ValueError
    naming what was typed when there is none."""
    key = " ".join(who.casefold().split())
    for peer in store.peers(include_retired=include_retired):
        if key in (peer.initials.casefold(), " ".join(peer.name.casefold().split())):
            return peer
    raise ValueError(f"{who}: not a peer of this engagement (give initials or full name)")


def initials_of(name: str) -> str:
    return "".join(w[0] for w in name.replace("-", " ").split() if w[0].isalpha()).upper()[:4]


def _check(store: Store, initials: str, name: str, exclude: str | None = None) -> None:
    if not name.strip():
        raise ValueError("name: give the peer's full name")
    if not initials.strip() or " " in initials.strip() or ";" in initials:
        raise ValueError(f"initials: '{initials}' must be letters without spaces, e.g. AB")
    for peer in store.peers(include_retired=True):
        if peer.id != exclude and peer.initials.casefold() == initials.strip().casefold():
            raise ValueError(
                f"initials: {peer.initials} are already {peer.name}'s; "
                "give these different initials, e.g. with a middle letter"
            )


def add_peer(
    store: Store,
    *,
    initials: str,
    name: str,
    title: str = "",
    lead: bool = False,
    manager: bool = False,
    email: str = "",
    group: str = "",
) -> tuple[Peer, str]:
    """A new member of the team; (peer, what else changed) e.g. the lead handed over."""
    if lead and manager:
        raise ValueError("a peer is either the lead peer or the challenge manager, not both")
    initials = initials.strip().upper() or initials_of(name)
    _check(store, initials, name)
    role = LEAD if lead else MANAGER if manager else PEER
    peer = Peer(
        initials=initials,
        name=" ".join(name.split()),
        title=title.strip(),
        role=role,
        email=email.strip(),
        political_group=group.strip(),
    )
    note = ""
    with store.writing() as w:
        if lead:
            note = _hand_over(store, w, peer)
        w.add(peer)
    return peer, note


def _hand_over(store: Store, w, new_lead: Peer) -> str:
    """The previous lead peer becomes a peer: there is only ever one lead."""
    handed = []
    for peer in store.peers(include_retired=True):
        if peer.role == LEAD and peer.id != new_lead.id:
            w.update(peer, role=PEER)
            handed.append(peer.name)
    return f"{', '.join(handed)} is now a peer; {new_lead.name} is the lead peer" if handed else ""


def edit_peer(
    store: Store,
    peer: Peer,
    *,
    initials: str | None = None,
    name: str | None = None,
    title: str | None = None,
    role: str | None = None,
    email: str | None = None,
    group: str | None = None,
) -> tuple[Peer, str]:
    fields: dict = {}
    if initials is not None or name is not None:
        new_initials = (initials if initials is not None else peer.initials).strip().upper()
        new_name = " ".join((name if name is not None else peer.name).split())
        _check(store, new_initials, new_name, exclude=peer.id)
        fields.update(initials=new_initials, name=new_name)
    if title is not None:
        fields["title"] = title.strip()
    if email is not None:
        fields["email"] = email.strip()
    if group is not None:
        fields["political_group"] = group.strip()
    note = ""
    with store.writing() as w:
        if role is not None:
            role = ROLE_WORDS.get(role.strip().casefold(), role)
            if role not in (LEAD, PEER, MANAGER):
                raise ValueError(f"role: '{role}' is not lead peer, peer or challenge manager")
            if peer.role == LEAD and role != LEAD:
                raise ValueError(
                    f"{peer.name} is the lead peer; make another peer the lead "
                    "first (there is always exactly one)"
                )
            if role == LEAD:
                note = _hand_over(store, w, peer)
            fields["role"] = role
        w.update(peer, **fields)
    return peer, note


def retire_peer(store: Store, peer: Peer, retired: bool = True) -> Peer:
    if retired and peer.role == LEAD and len(store.peers()) > 1:
        raise ValueError(
            f"{peer.name} is the lead peer; make another peer the lead before retiring them"
        )
    if retired and store.me() == peer.id:
        store.set_me("")
    return store.update(peer, retired=retired)


def set_me(store: Store, who: str | None) -> Peer | None:
    """Say who is using this laptop (None or "": nobody, so it acts for no one)."""
    if not who:
        store.set_me("")
        return None
    return set_me_to(store, who)


def set_me_to(store: Store, who: str) -> Peer:
    """This laptop acts for the peer with these initials or this name (ValueError if none)."""
    peer = find_peer(store, who)
    store.set_me(peer.id)
    return peer


def me(store: Store) -> Peer | None:
    me_id = store.me()
    return next((p for p in store.peers() if p.id == me_id), None) if me_id else None


# -- importing a team list ------------------------------------------------------------------

COLUMNS = {
    "initials": ("initials", "inits"),
    "name": ("name", "full name", "peer", "peer name"),
    "title": ("role", "job title", "title", "job", "position"),
    "team role": ("team role", "peer role", "on the team", "team"),
    "email": ("email", "e mail", "email address"),
    "group": ("group", "political group", "party"),
}
_HEADINGS = {alias: column for column, aliases in COLUMNS.items() for alias in aliases}


@dataclass(frozen=True)
class TeamImport:
    added: list[str]
    updated: list[str]
    unchanged: int


@dataclass(frozen=True)
class TeamPlan:
    """What importing a team list would change, read but not written (the preview)."""

    file: str
    rows: list[dict]
    added: list[str]  # "AB Amelia Brookes (lead peer)"
    updated: list[str]  # "AB Amelia Brookes: role, email"
    unchanged: int

    def summary(self) -> str:
        return (
            f"{len(self.added)} to add, {len(self.updated)} to update, {self.unchanged} unchanged"
        )

    def lines(self) -> list[str]:
        return [f"add     {a}" for a in self.added] + [f"update  {u}" for u in self.updated]


def import_team(store: Store, path: Path | str, sheet: str | None = None) -> TeamImport:
    """Add or update the team from a CSV or .xlsx list (one row a peer, matched by initials);
    all rows or none: ValueError listing every bad row."""
    return apply_team(store, plan_team(store, path, sheet))


def plan_team(store: Store, path: Path | str, sheet: str | None = None) -> TeamPlan:
    """Read a team list and say what it would change; ValueError listing every bad row."""
    from onsite import sheets

    def is_header(cells: list[str]) -> bool:
        found = {_HEADINGS.get(sheets.heading(c)) for c in cells}
        return "name" in found

    table = sheets.read(path, is_header, sheet, what="team")
    index = {}
    for i, h in enumerate(table.header):
        column = _HEADINGS.get(sheets.heading(h))
        if column and column not in index:
            index[column] = i
    existing = {p.initials.casefold(): p for p in store.peers(include_retired=True)}
    problems, rows, seen = [], [], {}
    for line, cells in table.rows:

        def cell(column: str, cells: list = cells) -> str:
            i = index.get(column)
            return sheets.text(cells[i]) if i is not None and i < len(cells) else ""

        name = " ".join(cell("name").split())
        initials = (cell("initials") or initials_of(name)).upper()
        role = ROLE_WORDS.get(cell("team role").casefold())
        where = f"{table.where}, line {line}"
        if not name:
            problems.append(f"{where}, column name: empty")
            continue
        if role is None:
            problems.append(
                f"{where}, column team role: '{cell('team role')}' is not lead peer, "
                "peer or challenge manager"
            )
            continue
        if initials.casefold() in seen:
            problems.append(
                f"{where}, column initials: {initials} are already line "
                f"{seen[initials.casefold()]}'s"
            )
            continue
        seen[initials.casefold()] = line
        rows.append(
            dict(
                initials=initials,
                name=name,
                title=cell("title"),
                role=role,
                email=cell("email"),
                political_group=cell("group"),
            )
        )
    final_roles = {k: p.role for k, p in existing.items() if not p.retired}
    final_roles |= {r["initials"].casefold(): r["role"] for r in rows}
    leads = [k for k, role in final_roles.items() if role == LEAD]
    if not problems and len(leads) != 1:
        problems.append(
            f"{table.where}: the team needs exactly one lead peer, and would have "
            f"{len(leads)}"
            + (
                f" ({', '.join(k.upper() for k in leads)})"
                if leads
                else "; mark one in a 'team role' column"
            )
        )
    if problems:
        raise ValueError(
            f"nothing imported; {len(problems)} problem(s):\n  " + "\n  ".join(problems)
        )
    added, updated, unchanged = [], [], 0
    for row in rows:
        peer = existing.get(row["initials"].casefold())
        if peer is None:
            added.append(f"{row['initials']} {row['name']} ({row['role']})")
            continue
        fields = [k for k, v in row.items() if getattr(peer, k) != v]
        fields += ["back on the team"] if peer.retired else []
        if fields:
            updated.append(
                f"{row['initials']} {row['name']}: {', '.join(f.replace('_', ' ') for f in fields)}"
            )
        else:
            unchanged += 1
    return TeamPlan(table.where, rows, added, updated, unchanged)


def apply_team(store: Store, plan: TeamPlan) -> TeamImport:
    """Write a planned import, all of it in one transaction."""
    existing = {p.initials.casefold(): p for p in store.peers(include_retired=True)}
    added, updated, unchanged = [], [], 0
    with store.writing() as w:
        for row in plan.rows:
            peer = existing.get(row["initials"].casefold())
            if peer is None:
                w.add(Peer(**row))
                added.append(row["initials"])
                continue
            fields = {k: v for k, v in row.items() if getattr(peer, k) != v}
            if peer.retired:
                fields["retired"] = False
            if fields:
                w.update(peer, **fields)
                updated.append(row["initials"])
            else:
                unchanged += 1
    return TeamImport(added, updated, unchanged)
