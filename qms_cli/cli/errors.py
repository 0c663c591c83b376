"""The one error boundary: library errors become a message and an exit code."""

from __future__ import annotations

import datetime as dt
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import typer

from qms_cli.errors import QmsError

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_CANNOT, EXIT_BUG, EXIT_INTERRUPTED = 0, 1, 2, 3, 4, 130
EXIT_PIPE = 141  # the reader of our output went away (`qms rules | head`), as shells report it
T = TypeVar("T")


def report_error(error: QmsError) -> None:
    where = error.location()
    prefix = f"{where}: " if where else ""
    print(f"qms: błąd: {prefix}{error.message}", file=sys.stderr)
    if error.hint:
        print(f"  wskazówka: {error.hint}", file=sys.stderr)


def crash_log(exc: BaseException) -> Path:
    """Write the traceback of a bug to a log file and return its path."""
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    with tempfile.NamedTemporaryFile(
        "w", prefix=f"qms-crash-{stamp}-", suffix=".log", delete=False, encoding="utf-8"
    ) as handle:
        traceback.print_exception(exc, file=handle)
        return Path(handle.name)


def guarded(func: Callable[[], T]) -> T | int:
    """Run ``func``; turn QmsError into exit 3, a bad option value (``typer.BadParameter``) into
    exit 2, Ctrl-C into 130, anything else into 4."""
    try:
        return func()
    except QmsError as error:
        report_error(error)
        return EXIT_CANNOT
    except typer.BadParameter as error:  # a bad option value found inside the body: usage
        option = f"{error.param_hint}: " if isinstance(error.param_hint, str) else ""
        print(f"qms: błąd: {option}{error.message}", file=sys.stderr)
        return EXIT_USAGE
    except typer.Exit as done:  # typer.Exit raised inside the body
        return done.exit_code
    except BrokenPipeError:
        # nobody reads any more: silence the final flush of stdout and stop quietly
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_PIPE
    except KeyboardInterrupt:
        print("qms: przerwano", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # the boundary: every bug ends here
        log = crash_log(exc)
        print(
            f"qms: błąd wewnętrzny ({type(exc).__name__}); szczegóły w {log}. "
            "Prosimy o zgłoszenie.",
            file=sys.stderr,
        )
        return EXIT_BUG
