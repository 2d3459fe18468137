"""Salted, deliberately slow password hashes (scrypt), with their cost stored alongside."""

from __future__ import annotations

import base64
import hashlib
import hmac
import os

# scrypt cost: N=2**15, r=8 takes about 32 MiB and ~0.1 s per hash on a 2-core machine.
_N, _R, _P = 2**15, 8, 1
_MAXMEM = 64 * 1024 * 1024
_SCHEME = "scrypt"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_password(password: str) -> str:
    """A new salted hash of `password`: `scrypt$N$r$p$salt$hash`."""
    salt = os.urandom(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, maxmem=_MAXMEM,
                            dklen=32)
    return f"{_SCHEME}${_N}${_R}${_P}${_b64(salt)}${_b64(digest)}"


def verify_password(password: str, stored: str) -> bool:
    """True when `password` matches `stored`; compares in constant time."""
    try:
        scheme, n, r, p, salt, digest = stored.split("$")
        if scheme != _SCHEME:
            return False
        expected = base64.b64decode(digest)
        actual = hashlib.scrypt(password.encode(), salt=base64.b64decode(salt), n=int(n),
                                r=int(r), p=int(p), maxmem=_MAXMEM, dklen=len(expected))
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(actual, expected)


def needs_rehash(stored: str) -> bool:
    """True when `stored` was made with a weaker cost than the current one."""
    parts = stored.split("$")
    return len(parts) != 6 or parts[0] != _SCHEME or (int(parts[1]), int(parts[2]),
                                                      int(parts[3])) < (_N, _R, _P)
