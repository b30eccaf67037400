"""CLI commands for render (placeholder until implemented)."""


def register(command) -> None:
    """Add this module's subcommands via `command(name, help, func) -> ArgumentParser`."""
