"""The hashes mindlog uses, taken without loading OpenSSL.

``import hashlib`` loads OpenSSL's library (a few milliseconds, paid by every command that
names a hash). The standard library's own builds of BLAKE2b and SHA-256 give the same digests;
hashlib's are used only where Python was built without them.
"""

from __future__ import annotations

TYPE_CHECKING = False  # not typing's: importing typing is a cost this module exists to avoid
if TYPE_CHECKING:
    from hashlib import blake2b, sha256
else:
    try:
        from _blake2 import blake2b
    except ImportError:  # a Python built without it
        from hashlib import blake2b
    try:
        from _sha256 import sha256  # Python 3.11
    except ImportError:
        try:
            from _sha2 import sha256  # Python 3.12 and later
        except ImportError:
            from hashlib import sha256

__all__ = ["blake2b", "sha256"]
