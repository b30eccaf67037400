"""GraphML for Gephi and yEd: well-formed XML, the data keys promised, the same graph as the view."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from hypothesis import HealthCheck, given, settings

from argmap.interop import export_text
from argmap.interop.graphml import to_graphml
from argmap.render.view import combined_view, map_view

from strategies import linked_corpora

NS = {"g": "http://graphml.graphdrawing.org/xmlns"}


def parse(text: str) -> ET.Element:
    return ET.fromstring(text.encode("utf-8"))


def data(element: ET.Element) -> dict[str, str]:
    return {d.get("key"): d.text or "" for d in element.findall("g:data", NS)}


class TestToGraphml:
    def test_same_nodes_and_edges_as_the_view(self, corpus):
        view = combined_view(corpus, evidence=True)
        root = parse(to_graphml(view))

        assert {n.id for n in view.nodes} == {n.get("id") for n in root.iter(f"{{{NS['g']}}}node")}
        assert len(view.edges) == len(root.findall(".//g:edge", NS))

    def test_keys_for_gephi_and_yed(self, corpus):
        root = parse(to_graphml(map_view(corpus, "lind")))
        keys = {(k.get("for"), k.get("attr.name")) for k in root.findall("g:key", NS)}
        claim = next(n for n in root.iter(f"{{{NS['g']}}}node") if n.get("id") == "lind/apology-fatigue")
        stance = next(e for e in root.iter(f"{{{NS['g']}}}edge") if data(e)["relation"] == "stance")

        assert {("node", "label"), ("node", "kind"), ("node", "voice"), ("edge", "relation")} <= keys
        assert ("claim", "lind", "Jennifer M. Lind") == (data(claim)["kind"], data(claim)["voice"],
                                                       data(claim)["voice_name"])
        assert data(stance)["position"] in {"agree", "disagree", "mixed"}

    def test_every_edge_ends_at_a_node(self, corpus):
        root = parse(export_text(corpus, "graphml"))
        ids = {n.get("id") for n in root.iter(f"{{{NS['g']}}}node")}

        assert all({e.get("source"), e.get("target")} <= ids for e in root.iter(f"{{{NS['g']}}}edge"))

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(generated=linked_corpora())
    def test_hostile_text_stays_well_formed(self, generated):
        view = combined_view(generated, evidence=True)
        root = parse(to_graphml(view))
        labels = {data(n).get("label") for n in root.iter(f"{{{NS['g']}}}node")}

        # XML 1.0 cannot hold the non-characters U+FFFE/U+FFFF even escaped: they arrive as U+FFFD.
        unrepresentable = str.maketrans({"\ufffe": "\ufffd", "\uffff": "\ufffd"})
        assert {c.text.translate(unrepresentable) for _m, c in generated.claims()} <= labels
