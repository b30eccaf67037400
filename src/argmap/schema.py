"""The JSON Schema of format v1, for editors (VS Code's YAML extension) and for tests.

Written out by hand rather than generated: descriptions and examples are what make editor
completion useful. A test keeps it in step with the model's fields.
"""

from __future__ import annotations

from typing import Any

from argmap.model import SLUG_PATTERN

__all__ = ["json_schema", "SCHEMA_ID"]

SCHEMA_ID = "https://argmap.dev/schema/v1.json"
_SLUG = f"^{SLUG_PATTERN}$"
_REF = "^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)?$"


def _string(description: str, **extra: Any) -> dict[str, Any]:
    return {"type": "string", "description": description, **extra}


def _object(description: str, properties: dict[str, Any], required: list[str]) -> dict[str, Any]:
    return {"type": "object", "description": description, "properties": properties,
            "required": required, "additionalProperties": False}


def _refs(description: str) -> dict[str, Any]:
    return {"type": "array", "description": description,
            "items": _string("a claim id of this map, or mapid/claimid", pattern=_REF)}


def _relations(description: str) -> dict[str, Any]:
    return {"type": "array", "description": description,
            "items": {"anyOf": [
                _string("A claim id of this map (a plain id is only for relations within the voice).",
                        pattern=_REF),
                {"$ref": "#/$defs/relation"},
            ]}}


_BASIS = {
    "basis": {"enum": ["contrast", "reply"],
              "description": "Required across voices. contrast: you, the mapper, set the two side "
                             "by side (needs `note`); reply: this text itself answers that voice "
                             "(needs `evidence`)."},
    "note": _string("Why the two are set side by side (required for a contrast)."),
    "evidence": {"type": "array", "items": {"$ref": "#/$defs/evidence"},
                 "description": "For a reply: the words in which this text answers the other."},
}


def _needs_basis_keys() -> list[dict[str, Any]]:
    """contrast needs a note, reply needs evidence (the checker says the same in words)."""
    return [
        {"if": {"properties": {"basis": {"const": "contrast"}}, "required": ["basis"]},
         "then": {"required": ["note"], "not": {"required": ["evidence"]}}},
        {"if": {"properties": {"basis": {"const": "reply"}}, "required": ["basis"]},
         "then": {"required": ["evidence"]}},
    ]


def json_schema() -> dict[str, Any]:
    author = _object("An author of this voice.", {
        "name": _string("Full name as printed in the source."),
        "affiliation": _string("Institution, as the source gives it."),
    }, ["name"])
    evidence = _object("A verbatim quote from a source text that supports the claim.", {
        "quote": _string("Copied exactly as found; checked against the source text."),
        "kind": {"enum": ["quote", "reported", "statistic", "event", "survey"], "default": "quote",
                 "description": "quote: the voice's own words; reported: a reporter's account of them."},
        "source": _string("Source id; defaults to the map's `source`.", pattern=_SLUG),
        "note": _string("Free text: how the passage was read."),
    }, ["quote"])
    undercut = _object("Attacks the support link from -> to, not either claim.", {
        "from": _string("The supporting claim.", pattern=_REF),
        "to": _string("The supported claim.", pattern=_REF),
        **_BASIS,
    }, ["from", "to"])
    undercut["allOf"] = _needs_basis_keys()
    relation = _object("A relation that says whose it is (required across voices).", {
        "target": _string("The claim: an id of this map, or mapid/claimid.", pattern=_REF),
        **_BASIS,
    }, ["target"])
    relation["allOf"] = _needs_basis_keys()
    claim = _object("A claim of this voice, paraphrased in the map author's words.", {
        "id": _string("Unique in this map; cited elsewhere as mapid/claimid.", pattern=_SLUG),
        "text": _string("The claim, paraphrased."),
        "evidence": {"type": "array", "items": {"$ref": "#/$defs/evidence"}},
        "supports": _relations("Claims this claim is a reason for."),
        "attacks": _relations("Claims this claim argues against."),
        "undercuts": {"type": "array", "items": {"$ref": "#/$defs/undercut"}},
    }, ["id", "text"])
    stance = _object("This voice's position on a shared thesis.", {
        "thesis": _string("A thesis id from a `theses:` section.", pattern=_SLUG),
        "position": {"enum": ["agree", "disagree", "mixed"]},
        "because": {**_refs("Claims of this map that ground the position."), "minItems": 1},
        "note": _string("Free text."),
    }, ["thesis", "position", "because"])
    source = _object("A piece in the bibliography.", {
        "id": _string("Unique across the corpus.", pattern=_SLUG),
        "title": _string("Title of the piece."),
        "author": _string("Author(s) of the piece."),
        "container": _string("The journal, book or site the piece appeared in."),
        "publisher": _string("Publisher or outlet."),
        "date": _string("Publication date, e.g. 2024-11-22."),
        "url": _string("http(s) address; other schemes are never linked.", format="uri"),
        "doi": _string("DOI, e.g. 10.1000/xyz123."),
        "text": _string("File name of the full text in the sources folder, for checking quotes."),
        "cite": _string("FILE#KEY: an entry of a BibTeX (.bib) or CSL-JSON (.json) file beside "
                        "this one, which fills the fields left out here.",
                        pattern=r"^[^#]+\.(bib|json)#.+$"),
        "reference": _string("The reference as printed; made from `cite` in a CSL style when "
                             "left out."),
    }, ["id"])
    thesis = _object("A shared proposition that voices agree or disagree with.", {
        "id": _string("Unique across the corpus.", pattern=_SLUG),
        "text": _string("Worded so that it can be agreed or disagreed with."),
        "topic": _string("Optional grouping."),
        "questions": {"type": "array", "items": {"type": "string"},
                      "description": "Seminar questions."},
    }, ["id", "text"])
    # Scalars such as `date: 2024-11-22` are read as the text typed; YAML-typed editors see them
    # as dates, so allow those where a string is meant.
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "argmap map file, format v1",
        "description": "A file of an argmap corpus: sources, theses and/or one voice's map.",
        "type": "object",
        "properties": {
            "argmap": {"enum": [1, "1"], "description": "Format version: always 1."},
            "id": _string("Map id; defaults to the file name without .yaml.", pattern=_SLUG),
            "authors": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/author"}},
            "source": _string("Default source id for this map's evidence.", pattern=_SLUG),
            "claims": {"type": "array", "items": {"$ref": "#/$defs/claim"}},
            "stances": {"type": "array", "items": {"$ref": "#/$defs/stance"}},
            "sources_dir": {
                "description": "Folder of the source texts, relative to this file, or a list of "
                               "folders (searched in order); --sources and $ARGMAP_SOURCES win.",
                "oneOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]},
            "sources": {"type": "array", "items": {"$ref": "#/$defs/source"}},
            "theses": {"type": "array", "items": {"$ref": "#/$defs/thesis"}},
        },
        "required": ["argmap"],
        "additionalProperties": False,
        "$defs": {"author": author, "evidence": evidence, "relation": relation, "undercut": undercut,
                  "claim": claim,
                  "stance": stance, "source": source, "thesis": thesis},
    }
