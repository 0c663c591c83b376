"""Where the caches live: QMS_CACHE_DIR, else the system's place (Windows: %LOCALAPPDATA%)."""

from __future__ import annotations

from pathlib import Path

from qms_cli.io.cache import cache_dir

LOCAL = "C:\\Users\\anna.nowak\\AppData\\Local"


def test_windows_keeps_caches_in_local_app_data() -> None:
    assert cache_dir("nt", {"LOCALAPPDATA": LOCAL}) == Path(LOCAL) / "qms"


def test_an_explicit_folder_wins_everywhere(tmp_path: Path) -> None:
    env = {"QMS_CACHE_DIR": str(tmp_path), "LOCALAPPDATA": LOCAL, "XDG_CACHE_HOME": "/x"}
    assert cache_dir("nt", env) == tmp_path
    assert cache_dir("posix", env) == tmp_path


def test_linux_and_macos_use_the_xdg_place() -> None:
    assert cache_dir("posix", {"XDG_CACHE_HOME": "/var/cache/anna"}) == Path("/var/cache/anna/qms")
    assert cache_dir("posix", {"LOCALAPPDATA": LOCAL}) == Path.home() / ".cache" / "qms"
