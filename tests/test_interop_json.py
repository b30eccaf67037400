"""argmap JSON: the documented envelope and keys (docs/interop.md), and clear errors on bad input."""

from __future__ import annotations

import json

import attrs
from hypothesis import HealthCheck, given, settings

from argmap.interop.jsonmodel import from_json, to_json, to_plain
from argmap.model import (
    Author,
    Basis,
    Claim,
    Corpus,
    Evidence,
    Map,
    Position,
    Relation,
    Source,
    Stance,
    Thesis,
    Undercut,
)

from strategies import linked_corpora

PLAIN = {"basis": None, "note": None, "evidence": []}


def small_corpus() -> Corpus:
    return Corpus(sources=(Source(id="s", title="S"),), theses=(Thesis(id="t", text="T"),), maps=(
        Map(id="m", authors=(Author(name="M"),), source="s", claims=(
            Claim(id="a", text="A", evidence=(Evidence(quote="q"),), supports=("b",)),
            Claim(id="b", text="B"),
            Claim(id="u", text="U", undercuts=(Undercut(from_="a", to="b"),))),
            stances=(Stance(thesis="t", position=Position.AGREE, because=("a",)),)),))


class TestToJson:
    def test_envelope_and_keys(self):
        data = json.loads(to_json(small_corpus()))
        claim = data["maps"][0]["claims"][0]

        assert ("argmap-json", 1) == (data["format"], data["version"])
        assert ["format", "version", "sources", "theses", "maps", "relations"] == list(data)
        assert ["id", "name", "authors", "source", "claims", "stances"] == list(data["maps"][0])
        assert ["id", "ref", "text", "evidence", "supports", "attacks", "undercuts", "bases"] == list(claim)
        assert {"quote": "q", "kind": "quote", "source": None, "note": None} == claim["evidence"][0]
        assert ["id", "cite", "title", "author", "container", "publisher", "date", "url", "doi", "text",
                "reference"] == list(data["sources"][0])

    def test_references_are_qualified(self):
        data = json.loads(to_json(small_corpus()))

        assert ["m/b"] == data["maps"][0]["claims"][0]["supports"]
        assert [{"from": "m/a", "to": "m/b", **PLAIN}] == data["maps"][0]["claims"][2]["undercuts"]
        assert ["m/a"] == data["maps"][0]["stances"][0]["because"]

    def test_flat_relations(self):
        relations = json.loads(to_json(small_corpus()))["relations"]

        assert [{"type": "support", "from": "m/a", "to": "m/b", **PLAIN},
                {"type": "undercut", "from": "m/u", "to": {"from": "m/a", "to": "m/b", **PLAIN}, **PLAIN},
                {"type": "stance", "position": "agree", "from": "m/a", "to": "t", **PLAIN}] == relations

    def test_each_undercut_in_the_flat_list_carries_its_own_note(self):
        corpus = Corpus(maps=(Map(id="m", authors=(Author(name="M"),), claims=(
            Claim(id="a", text="A", supports=("b",)), Claim(id="b", text="B", supports=("c",)),
            Claim(id="c", text="C"),
            Claim(id="u", text="U", undercuts=(Undercut(from_="a", to="b", note="first"),
                                               Undercut(from_="b", to="c", note="second")))),),))
        relations = json.loads(to_json(corpus))["relations"]

        assert [("m/a", "m/b", "first"), ("m/b", "m/c", "second")] == \
            [(r["to"]["from"], r["to"]["to"], r["note"]) for r in relations if r["type"] == "undercut"]

    def test_whose_relation_travels(self):
        """A contrast and a reply across voices keep their basis, note and quotes (issue 18)."""
        corpus = attrs.evolve(small_corpus(), maps=small_corpus().maps + (
            Map(id="n", authors=(Author(name="N"),), source="s", claims=(
                Claim(id="x", text="X", attacks=(
                    Relation(target="m/a", basis=Basis.CONTRAST, note="Set side by side."),
                    Relation(target="m/b", basis=Basis.REPLY, evidence=(Evidence(quote="r"),))),
                    undercuts=(Undercut(from_="m/a", to="m/b", basis=Basis.CONTRAST, note="N."),)),)),))
        data = json.loads(to_json(corpus))
        claim = data["maps"][1]["claims"][0]

        assert [{"type": "attack", "to": "m/a", "basis": "contrast", "note": "Set side by side.",
                 "evidence": []},
                {"type": "attack", "to": "m/b", "basis": "reply", "note": None,
                 "evidence": [{"quote": "r", "kind": "quote", "source": None, "note": None}]}] == claim["bases"]
        assert {("m/a", "contrast"), ("m/b", "reply")} == {
            (r["to"], r["basis"]) for r in data["relations"] if r["type"] == "attack"}
        assert corpus == from_json(to_json(corpus), "x.json").corpus

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(corpus=linked_corpora())
    def test_plain_data_is_json_safe(self, corpus):
        assert to_plain(corpus) == json.loads(to_json(corpus))


class TestFromJson:
    def test_bare_ids_within_a_map(self):
        corpus = from_json(to_json(small_corpus()), "x.json").corpus

        assert ("b",) == tuple(r.target for r in corpus.maps[0].claim("a").supports)
        assert small_corpus() == corpus

    def test_a_script_that_reorders_the_lists_changes_nothing(self, corpus):
        """Sources, theses and maps come back sorted by id, as from any map folder."""
        data = json.loads(to_json(corpus))
        for key in ("sources", "theses", "maps"):
            data[key].reverse()

        assert from_json(to_json(corpus), "x.json").corpus == from_json(json.dumps(data), "x.json").corpus

    def test_evidence_without_a_kind_is_a_quote_as_in_a_map(self):
        data = json.loads(to_json(small_corpus()))
        data["maps"][0]["claims"][0]["evidence"] = [{"quote": "q"}, {"quote": "r", "kind": None}]
        claim = from_json(json.dumps(data), "x.json").corpus.maps[0].claim("a")

        assert [Evidence(quote="q"), Evidence(quote="r")] == list(claim.evidence)

    def test_not_json(self):
        problems = from_json("{", "x.json").problems

        assert [("error", "bad-json", 1, 2)] == [(p.severity.value, p.code, p.location.line, p.location.column)
                                                for p in problems]

    def test_wrong_envelope(self):
        (problem,) = from_json('{"format": "other"}', "x.json").problems

        assert 'not argmap JSON: no "format": "argmap-json"' == problem.message

    def test_wrong_field_names_its_path(self):
        data = json.loads(to_json(small_corpus()))
        data["maps"][0]["claims"][1]["text"] = 5
        (problem,) = from_json(json.dumps(data), "x.json").problems

        assert "not argmap JSON: maps[0].claims[1].text is missing or not str" == problem.message

    def test_bad_position(self):
        data = json.loads(to_json(small_corpus()))
        data["maps"][0]["stances"][0]["position"] = "maybe"
        (problem,) = from_json(json.dumps(data), "x.json").problems

        assert "maybe" in problem.message
