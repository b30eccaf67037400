"""`argmap schema`: the JSON Schema of format v1, as text, or written to a file."""

from __future__ import annotations

import json
from pathlib import Path

from argmap.commands.inputs import refuse_overwrite

__all__ = ["schema_text", "write_schema"]


def schema_text() -> str:
    from argmap.schema import json_schema

    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def write_schema(target: Path, force: bool) -> None:
    from argmap.write import write_text

    refuse_overwrite(target, (), force)
    write_text(target, schema_text())
