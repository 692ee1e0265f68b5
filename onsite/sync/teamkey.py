"""The team key: AES-256-GCM for sync bundles, and the invite that carries the key to a peer.

For the bundle writer and reader, two calls:

    sealed = seal(data, key, associated)      # bytes -> bytes, a fresh nonce every time
    data = unseal(sealed, key, associated)    # BundleRejected if anything was changed

`associated` is authenticated but not encrypted: pass what identifies the bundle (e.g. the
engagement id, the site id and the file name, as bytes), so a bundle cannot be replayed
under another name or into another engagement. The same bytes must be given to unseal.

Sealed layout: b"OSB1" | 12-byte random nonce | ciphertext with its 16-byte GCM tag. The
4-byte prefix is authenticated too, and lets a reader tell a sealed bundle from a plain one.
With random 96-bit nonces a key may seal about 2**32 bundles before a nonce is likely to
repeat; a team's week makes a few thousand.

The key is made once by the lead peer (`team_key(store, create=True)`), kept in the
engagement's meta table (local, never synced; inside the encrypted file when the file is
encrypted), and handed to peers as an invite code of 14 groups of 4 characters (Crockford
base32 of the key and a 3-byte checksum: no I, L, O or U; case, spaces and dashes do not
matter; O is read as 0 and I or L as 1) or as an invite file holding the same code.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from onsite.vocab import Role

if TYPE_CHECKING:
    from onsite.store.db import Store

KEY_BYTES = 32
NONCE_BYTES = 12
MAGIC = b"OSB1"
META_KEY = "team_key"
INVITE_SUFFIX = ".onsite-invite"
_CHECK_BYTES = 3
_CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_RFC4648 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
_TO_RFC = str.maketrans(_CROCKFORD, _RFC4648)
_FROM_RFC = str.maketrans(_RFC4648, _CROCKFORD)
_READ_AS = str.maketrans({"O": "0", "I": "1", "L": "1", "-": None, " ": None})


class TeamKeyError(Exception):
    """A team key or invite problem the user can act on; the message says what."""


class BundleRejected(TeamKeyError):
    """A sealed bundle failed authentication: nothing from it may be used."""


def new_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def key_id(key: bytes) -> str:
    """A short name for a key, written in each bundle's header: two laptops can tell that they
    hold different keys without either showing its key. 8 hex digits of a keyed digest."""
    _check_key(key)
    return hashlib.sha256(b"onsite key id\x00" + key).hexdigest()[:8]


def _check_key(key: bytes) -> None:
    if not isinstance(key, bytes) or len(key) != KEY_BYTES:
        raise TeamKeyError(f"a team key is {KEY_BYTES} bytes")


def seal(data: bytes, key: bytes, associated: bytes = b"") -> bytes:
    """Encrypt and authenticate `data` under the team key, binding `associated` to it."""
    _check_key(key)
    nonce = os.urandom(NONCE_BYTES)
    return MAGIC + nonce + AESGCM(key).encrypt(nonce, data, MAGIC + associated)


def is_sealed(blob: bytes) -> bool:
    return blob[: len(MAGIC)] == MAGIC


def unseal(sealed: bytes, key: bytes, associated: bytes = b"") -> bytes:
    """The data `seal` was given; BundleRejected if the bundle, its name (associated data)
    or the key differ in any bit from those it was sealed with."""
    _check_key(key)
    if not is_sealed(sealed) or len(sealed) < len(MAGIC) + NONCE_BYTES + 16:
        raise BundleRejected("not a sealed Onsite bundle (or cut short); nothing was read from it")
    nonce = sealed[len(MAGIC) : len(MAGIC) + NONCE_BYTES]
    try:
        return AESGCM(key).decrypt(nonce, sealed[len(MAGIC) + NONCE_BYTES :], MAGIC + associated)
    except InvalidTag:
        raise BundleRejected(
            "bundle rejected: it failed authentication (changed after it was sealed, damaged, "
            "or sealed with another team's key); nothing was read from it"
        ) from None


# -- invite codes ----------------------------------------------------------------------------


def _checksum(key: bytes) -> bytes:
    return hashlib.sha256(b"onsite invite\x00" + key).digest()[:_CHECK_BYTES]


def invite_code(key: bytes) -> str:
    """The key as 14 groups of 4 characters, e.g. 0W3K-7RDZ-…; typos are caught."""
    _check_key(key)
    text = base64.b32encode(key + _checksum(key)).decode("ascii").translate(_FROM_RFC)
    return "-".join(text[i : i + 4] for i in range(0, len(text), 4))


def key_from_code(code: str) -> bytes:
    """The team key in an invite code; TeamKeyError if it was mistyped."""
    text = code.strip().upper().translate(_READ_AS)
    expected = (KEY_BYTES + _CHECK_BYTES) * 8 // 5
    if len(text) != expected or any(c not in _CROCKFORD for c in text):
        raise TeamKeyError(
            f"an invite code has {expected} letters and digits in groups of 4; "
            f"this one has {len(text)} (or a character that is not in codes)"
        )
    try:
        raw = base64.b32decode(text.translate(_TO_RFC))
    except binascii.Error:
        raise TeamKeyError(
            "that invite code cannot be read; check it against the original"
        ) from None
    key, check = raw[:KEY_BYTES], raw[KEY_BYTES:]
    if _checksum(key) != check:
        raise TeamKeyError(
            "that invite code has a typo (its checksum does not match); "
            "check it against the original"
        )
    return key


def invite_text(key: bytes, engagement: str, engagement_id: str) -> str:
    """The contents of an invite file: JSON with the code and which engagement it is for."""
    return (
        json.dumps(
            {
                "onsite_invite": 1,
                "engagement": engagement,
                "engagement_id": engagement_id,
                "code": invite_code(key),
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n"
    )


def read_invite(text_or_path: str | Path) -> tuple[bytes, str | None]:
    """(key, engagement id or None) from an invite code, an invite file's text or its path."""
    text = str(text_or_path)
    candidate = Path(text.strip()) if len(text) < 1024 and "\n" not in text.strip() else None
    if candidate is not None and candidate.suffix == INVITE_SUFFIX:
        try:
            text = candidate.read_text(encoding="utf-8")
        except OSError as e:
            raise TeamKeyError(f"{candidate}: cannot be read ({e.strerror})") from None
    if text.lstrip().startswith("{"):
        try:
            invite = json.loads(text)
            return key_from_code(invite["code"]), invite.get("engagement_id")
        except (ValueError, KeyError, TypeError):
            raise TeamKeyError("not an Onsite invite file") from None
    return key_from_code(text), None


# -- the key in the engagement ------------------------------------------------------------


def team_key(store: Store, create: bool = False) -> bytes | None:
    """This engagement's team key, made now if `create` and there is none yet."""
    stored = store.meta(META_KEY)
    if stored:
        return bytes.fromhex(stored)
    if not create:
        return None
    key = new_key()
    store.set_meta(META_KEY, key.hex())
    return key


def may_make_key(store: Store) -> str:
    """ "" if this laptop may make the team key; otherwise why not. Only the lead peer makes it,
    so that a team has one key: a laptop where the lead peer is set, or the laptop that
    created the engagement while no lead peer is recorded yet. A laptop that joined from the
    folder (it has merged another laptop's bundles) never makes one: its key would split the
    team in two."""
    peers = [p for p in store.peers() if not p.deleted]
    me = next((p for p in peers if p.id == store.me()), None) if store.me() else None
    if me is not None:
        return (
            ""
            if me.role == Role.LEAD_PEER
            else (
                f"the team key is made by the lead peer, and {me.name} is the {me.role or 'a peer'}; "
                "ask the lead peer for an invite, then: onsite invite accept FILE CODE"
            )
        )
    if any(p.role == Role.LEAD_PEER for p in peers) or _joined(store):
        return (
            "the team key is made by the lead peer; say who uses this laptop (onsite me) if "
            "you are the lead peer, or ask the lead peer for an invite, then: "
            "onsite invite accept FILE CODE"
        )
    return ""


def _joined(store: Store) -> bool:
    with store.engine.connect() as conn:
        return (
            conn.exec_driver_sql(
                "SELECT 1 FROM bundle WHERE site != ? LIMIT 1", (store.site,)
            ).first()
            is not None
        )


def team_key_for_invite(store: Store) -> bytes:
    """The key an invite hands out: the team's, made now if there is none yet, but only where
    `may_make_key` allows (the lead peer)."""
    from onsite.engagement import follow_up as kinds

    if kinds.is_private(store.engagement().kind):
        raise TeamKeyError(kinds.PRIVATE_SYNC)
    key = team_key(store)
    if key is not None:
        return key
    refused = may_make_key(store)
    if refused:
        raise TeamKeyError(refused)
    store.set_meta(RESEAL_META, "1")  # bundles sent before the key was made go sealed too
    made = team_key(store, create=True)
    assert made is not None  # create=True always makes one
    return made


def accept(store: Store, invite: str | Path) -> tuple[bytes, bytes | None]:
    """Take the team key from an invite into an existing copy: (key, the different key it
    replaced or None). A copy that held another key (a split team) sends everything it wrote
    again at its next sync, sealed with the team's key, and replaces its old bundles."""
    key, invited_to = read_invite(invite)
    engagement = store.engagement().id
    if invited_to is not None and invited_to != engagement:
        raise TeamKeyError("this invite is for another engagement")
    current = team_key(store)
    if current == key:
        return key, None
    store.set_meta(META_KEY, key.hex())
    store.set_meta(RESEAL_META, "1")  # onsite.sync.exchange reseals this laptop's bundles
    return key, current


RESEAL_META = "reseal_bundles"


def join(store: Store, invite: str | Path) -> bytes:
    """Keep the team key from an invite (code, file text or file path) in this engagement.
    (Which engagement the invite names is for the caller to check: `read_invite` gives it.)"""
    key, _ = read_invite(invite)
    current = team_key(store)
    if current is not None and current != key:
        raise TeamKeyError(
            "this engagement already has a different team key; bundles sealed "
            "under one cannot be read with the other"
        )
    store.set_meta(META_KEY, key.hex())
    return key
