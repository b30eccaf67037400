"""The command line: parse arguments, call one orchestrator, print, choose the exit status.

`main` (cli/main.py) holds the parser and the small commands; each larger command lives in its
own module here with a `register(command)`. Nothing outside cli/ imports from it.
"""

from argmap.cli.main import COMMANDS, build_parser, main, run

__all__ = ["COMMANDS", "build_parser", "main", "run"]
