"""Interchange formats: Argdown, AIF JSON, argmap JSON and GraphML, to and from the model.

Exporters are pure (model -> text); importers are pure (text -> a corpus that passes `check`,
and located warnings for what they could not carry over). Reading and writing files is the
CLI's job (`cli/interop.py`). docs/interop.md describes every mapping.
"""

from argmap.interop._convert import (
    EXPORT_FORMATS,
    IMPORT_FORMATS,
    export_text,
    guess_format,
    import_text,
)
from argmap.interop._import import MAPPED_AS, NOT_MAPPED, Imported, corpus_files

__all__ = ["EXPORT_FORMATS", "IMPORT_FORMATS", "MAPPED_AS", "NOT_MAPPED", "Imported", "corpus_files",
           "export_text", "guess_format", "import_text"]
