"""The hashes taken without OpenSSL (mindlog.domain.digest) give hashlib's digests."""

import hashlib

from hypothesis import given
from hypothesis import strategies as st

from mindlog.domain import digest


@given(st.binary(max_size=300), st.integers(min_value=1, max_value=64))
def test_the_light_hashes_are_hashlibs(data, size):
    assert digest.sha256(data).hexdigest() == hashlib.sha256(data).hexdigest()
    assert (
        digest.blake2b(data, digest_size=size).hexdigest()
        == hashlib.blake2b(data, digest_size=size).hexdigest()
    )
