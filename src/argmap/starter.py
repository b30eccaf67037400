"""`argmap new`: a starter map whose comments teach the format as it is filled in."""

from __future__ import annotations

__all__ = ["starter_map", "source_entry"]


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def starter_map(map_id: str, author: str, source: str | None = None) -> str:
    source_line = (f"source: {source}" if source
                   else "source: my-source                # default source id for evidence (see sources.yaml)")
    return f"""\
# Editor completion: `argmap schema -o argmap.schema.json`, then see docs/editors.md
# A map of one voice: an author, or co-authors writing together. Reference: docs/format.md
argmap: 1                          # format version
id: {map_id}                       # optional: defaults to the file name
authors:
  - name: {_yaml_string(author)}
    # affiliation: University or institute, as the source gives it
{source_line}
claims:
  # Each claim is the voice's position in YOUR words; evidence is the voice's words, verbatim.
  - id: first-claim                # lower-case slug, unique in this map
    text: One sentence that paraphrases what the author argues.
    evidence:
      - quote: "copy the words exactly as they appear in the source text"
        kind: quote                # quote | reported | statistic | event | survey
        # source: other-source     # only when it differs from the map's default source
    # supports: [second-claim]     # claims of this map this one is a reason for
    # attacks:                     # claims this one argues against
    #   - other-claim              # within this map: the plain id
    #   - target: othermap/claim   # another voice's claim: say whose relation it is
    #     basis: contrast          # contrast: you, the mapper, set the two side by side...
    #     note: why you set them side by side, e.g. written a year apart, never citing each other
    #   - target: othermap/claim2
    #     basis: reply             # ...reply: this text itself answers that voice or point
    #     evidence:
    #       - quote: "the words in which this text answers the other"
    # undercuts:                   # attacks a support link rather than a claim
    #   - {{from: othermap/reason, to: othermap/conclusion, basis: contrast, note: why}}
stances: []
  # The voice's position on shared theses (defined in theses.yaml):
  # - thesis: thesis-id
  #   position: agree              # agree | disagree | mixed
  #   because: [first-claim]       # at least one claim of this map
  #   note: how an ambiguous passage was read
"""


def source_entry(source_id: str, sources_file: str) -> str:
    """What to add to the corpus's sources file for a source the corpus does not know yet
    (`argmap new` prints it: argmap never edits a file it did not just create)."""
    return f"""\
source '{source_id}' is not in the corpus yet; add it to {sources_file} (under `sources:`):

  - id: {source_id}
    title: "The title of the piece"
    date: "2025-01-31"    # as the source gives it
    text: {source_id}.txt    # its full text, in the sources folder (sources_dir)
"""
