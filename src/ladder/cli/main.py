"""The ``ladder`` command: one typer app, command groups registered from small modules.

Why this shape: each stage owns its commands (``cli/code.py`` for coding and eval,
``cli/store.py`` for ingest/query/export/dyad/alerts, ``cli/web.py`` for serve), so
nobody edits one big file.  A module defines ``register(app)``.
"""

from __future__ import annotations

import importlib

import typer

app = typer.Typer(
    name="ladder",
    help="Political event coding (CAMEO + PLOVER) from news text, with provenance and escalation analytics.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

_COMMAND_MODULES = ("code", "store", "web")


def _register_all() -> None:
    for name in _COMMAND_MODULES:
        try:
            module = importlib.import_module(f"ladder.cli.{name}")
        except ModuleNotFoundError as exc:  # a command group not built yet
            if exc.name != f"ladder.cli.{name}":
                raise
            continue
        module.register(app)


_register_all()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
