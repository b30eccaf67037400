"""A graph view as GraphML, for Gephi and yEd.

The nodes and edges are `render.view`'s, the same graph the Graphviz diagrams draw: claims,
theses, evidence, claims of other voices a relation names, and the link points that undercuts
attack (a support split in two, so an undercut can end somewhere). Every node carries `label`
(its full text; Gephi shows this key), `kind`, `voice` and `voice_name`; every edge carries
`relation` (support, attack, undercut, evidence, stance) and, for stances, `position`.
Properties that tools cannot know about argmap (evidence kind, source, topic) are data keys too.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape, quoteattr

from argmap.render.view import View

__all__ = ["to_graphml"]

# Characters XML 1.0 cannot hold, even escaped.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

_NODE_KEYS = (("label", "string"), ("kind", "string"), ("voice", "string"), ("voice_name", "string"),
              ("evidence_kind", "string"), ("source", "string"), ("topic", "string"),
              ("evidence_count", "int"))
_EDGE_KEYS = (("relation", "string"), ("position", "string"), ("cross_voice", "boolean"))


def _text(value: str) -> str:
    return escape(_NOT_XML.sub("\ufffd", value), {"\r": "&#13;"})


def _attr(value: str) -> str:
    return quoteattr(_NOT_XML.sub("\ufffd", value), {"\n": "&#10;", "\r": "&#13;", "\t": "&#9;"})


def to_graphml(view: View) -> str:
    names = {v.id: v.name for v in view.voices}
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns"'
            ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"'
            ' xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns'
            ' http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">'),
           '  <key id="title" for="graph" attr.name="title" attr.type="string"/>']
    for name, kind in _NODE_KEYS:
        out.append(f'  <key id="{name}" for="node" attr.name="{name}" attr.type="{kind}"/>')
    for name, kind in _EDGE_KEYS:
        out.append(f'  <key id="{name}" for="edge" attr.name="{name}" attr.type="{kind}"/>')
    out.append(f'  <graph id={_attr(view.name)} edgedefault="directed">')
    out.append(f'    <data key="title">{_text(view.title)}</data>')
    for node in view.nodes:
        values = {
            "label": node.text or node.id, "kind": node.kind.value, "voice": node.voice,
            "voice_name": names.get(node.voice) if node.voice else None,
            "evidence_kind": node.evidence_kind.value if node.evidence_kind else None,
            "source": node.source, "topic": node.topic,
            "evidence_count": str(node.evidence_count) if node.evidence_count else None,
        }
        out.append(f"    <node id={_attr(node.id)}>")
        out += [f'      <data key="{k}">{_text(v)}</data>' for k, v in values.items() if v is not None]
        out.append("    </node>")
    for number, edge in enumerate(view.edges, start=1):
        out.append(f'    <edge id="e{number}" source={_attr(edge.tail)} target={_attr(edge.head)}>')
        out.append(f'      <data key="relation">{edge.kind.value}</data>')
        if edge.position is not None:
            out.append(f'      <data key="position">{edge.position.value}</data>')
        out.append(f'      <data key="cross_voice">{"true" if edge.cross else "false"}</data>')
        out.append("    </edge>")
    out += ["  </graph>", "</graphml>"]
    return "\n".join(out) + "\n"
