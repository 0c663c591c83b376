"""SSH signatures (OpenSSH ``PROTOCOL.sshsig``) verified in process.

Git signs a commit with ``ssh-keygen -Y sign -n git`` and checks it with one ``ssh-keygen`` run
per commit (~13 ms). The same check here costs ~0.1 ms: parse the armored SSHSIG blob, rebuild
the signed data (``"SSHSIG" || namespace || reserved || hash_alg || H(payload)``) and verify it
with the embedded public key. Who the key belongs to is decided elsewhere (the registry); this
module only answers "is this a valid signature of this payload, and by which key".

A differential test proves the answers equal git's (``%G?``, ``%GK``) on every attack case.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct
from dataclasses import dataclass

from qms_cli.model.signers import blob_fingerprint

ARMOR_BEGIN = "-----BEGIN SSH SIGNATURE-----"
ARMOR_END = "-----END SSH SIGNATURE-----"
MAGIC = b"SSHSIG"
NAMESPACE = "git"

_HASHES = {"sha256": hashlib.sha256, "sha512": hashlib.sha512}
_CURVE_NAMES = ("nistp256", "nistp384", "nistp521")
_RSA_SIG_TYPES = ("rsa-sha2-256", "rsa-sha2-512")
SUPPORTED_KEY_TYPES = frozenset(
    {"ssh-ed25519", "ssh-rsa"} | {f"ecdsa-sha2-{curve}" for curve in _CURVE_NAMES}
)


class SshSigError(ValueError):
    """The signature is malformed (git reports such a signature as bad, ``B``)."""


class UnsupportedKey(ValueError):
    """A key type this module does not verify (security keys, certificates): ask git."""


@dataclass(frozen=True)
class SshSignature:
    key_blob: bytes
    namespace: str
    hash_alg: str
    sig_blob: bytes

    @property
    def key_type(self) -> str:
        return _Reader(self.key_blob).string().decode("ascii", "replace")

    @property
    def fingerprint(self) -> str:
        """``SHA256:…`` exactly as ``ssh-keygen -lf`` and git's ``%GK`` print it."""
        return blob_fingerprint(self.key_blob)


def public_key_blob(line: str) -> bytes:
    """The wire blob of a one-line public key (``ssh-ed25519 AAAA… comment``)."""
    parts = line.strip().split()
    if len(parts) < 2:
        raise SshSigError("klucz publiczny SSH musi mieć postać „typ base64 [komentarz]”")
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except binascii.Error as exc:
        raise SshSigError("klucz publiczny SSH: niepoprawny zapis base64") from exc
    if _Reader(blob).string().decode("ascii", "replace") != parts[0]:
        raise SshSigError(f"klucz publiczny SSH: typ „{parts[0]}” nie zgadza się z treścią klucza")
    return blob


def parse_armored(text: str) -> SshSignature:
    """Parse ``-----BEGIN SSH SIGNATURE----- … -----END SSH SIGNATURE-----``."""
    lines = [line.strip() for line in text.strip().splitlines()]
    if len(lines) < 3 or lines[0] != ARMOR_BEGIN or lines[-1] != ARMOR_END:
        raise SshSigError("podpis SSH bez poprawnego nagłówka i stopki")
    try:
        raw = base64.b64decode("".join(lines[1:-1]), validate=True)
    except binascii.Error as exc:
        raise SshSigError("podpis SSH: niepoprawny zapis base64") from exc
    reader = _Reader(raw)
    if reader.take(6) != MAGIC:
        raise SshSigError("podpis SSH: brak preambuły SSHSIG")
    if reader.uint32() != 1:
        raise SshSigError("podpis SSH: nieobsługiwana wersja formatu")
    key_blob = reader.string()
    namespace = reader.string().decode("utf-8", "replace")
    reader.string()  # reserved
    hash_alg = reader.string().decode("ascii", "replace")
    sig_blob = reader.string()
    if not reader.done():
        raise SshSigError("podpis SSH: nadmiarowe dane")
    return SshSignature(key_blob, namespace, hash_alg, sig_blob)


def signed_data(namespace: str, hash_alg: str, payload: bytes) -> bytes:
    digest = _HASHES[hash_alg](payload).digest()
    return MAGIC + b"".join(
        _string(p) for p in (namespace.encode(), b"", hash_alg.encode(), digest)
    )


def verify(sig: SshSignature, payload: bytes, namespace: str = NAMESPACE) -> bool:
    """True when ``sig`` is a valid signature of ``payload`` by its embedded key.

    False for a wrong namespace, hash or signature; ``UnsupportedKey`` for key types that
    only git (ssh-keygen) can check.
    """
    key_type = sig.key_type
    if key_type not in SUPPORTED_KEY_TYPES:
        raise UnsupportedKey(key_type)
    if sig.namespace != namespace or sig.hash_alg not in _HASHES:
        return False
    message = signed_data(sig.namespace, sig.hash_alg, payload)
    # imported on first use: `qms check` on a repository whose verdicts are cached (or
    # that has no signatures) never pays for loading the cryptography package
    from cryptography.exceptions import InvalidSignature

    try:
        reader = _Reader(sig.sig_blob)
        sig_type = reader.string().decode("ascii", "replace")
        sig_bytes = reader.string()
        if not reader.done():
            return False
        _verify_raw(key_type, sig.key_blob, sig_type, sig_bytes, message)
    except (InvalidSignature, SshSigError, ValueError):
        return False
    return True


def _verify_raw(key_type: str, key_blob: bytes, sig_type: str, sig: bytes, message: bytes) -> None:
    """Raise InvalidSignature (or SshSigError) unless ``sig`` signs ``message``."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
    from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

    rsa_hashes = {"rsa-sha2-256": hashes.SHA256(), "rsa-sha2-512": hashes.SHA512()}
    curves = {
        "nistp256": (ec.SECP256R1(), hashes.SHA256()),
        "nistp384": (ec.SECP384R1(), hashes.SHA384()),
        "nistp521": (ec.SECP521R1(), hashes.SHA512()),
    }
    key = _Reader(key_blob)
    key.string()
    if key_type == "ssh-ed25519":
        if sig_type != key_type:
            raise InvalidSignature
        Ed25519PublicKey.from_public_bytes(key.string()).verify(sig, message)
    elif key_type == "ssh-rsa":
        # ssh-keygen refuses RSA/SHA-1 (``ssh-rsa``) signatures for SSHSIG
        if sig_type not in _RSA_SIG_TYPES:
            raise InvalidSignature
        exponent, modulus = key.mpint(), key.mpint()
        public = rsa.RSAPublicNumbers(exponent, modulus).public_key()
        public.verify(sig, message, padding.PKCS1v15(), rsa_hashes[sig_type])
    else:
        curve_name = key_type.removeprefix("ecdsa-sha2-")
        if sig_type != key_type or key.string().decode() != curve_name:
            raise InvalidSignature
        curve, digest = curves[curve_name]
        point = ec.EllipticCurvePublicKey.from_encoded_point(curve, key.string())
        rs = _Reader(sig)
        der = encode_dss_signature(rs.mpint(), rs.mpint())
        point.verify(der, message, ec.ECDSA(digest))


def _string(value: bytes) -> bytes:
    return struct.pack(">I", len(value)) + value


class _Reader:
    """SSH wire format: uint32, string, mpint."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def take(self, size: int) -> bytes:
        end = self.pos + size
        if size < 0 or end > len(self.data):
            raise SshSigError("podpis SSH: uszkodzone dane (za krótkie)")
        chunk = self.data[self.pos : end]
        self.pos = end
        return chunk

    def uint32(self) -> int:
        value: int = struct.unpack(">I", self.take(4))[0]
        return value

    def string(self) -> bytes:
        return self.take(self.uint32())

    def mpint(self) -> int:
        return int.from_bytes(self.string(), "big", signed=True)

    def done(self) -> bool:
        return self.pos == len(self.data)
