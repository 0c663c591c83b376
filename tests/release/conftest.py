"""Release tests use the signed office of the approval tests (real SSH keys, a trust root,
every document of the minimal office approved)."""

from tests.approval.conftest import Office, base_office, keys, office  # noqa: F401

__all__ = ["Office"]
