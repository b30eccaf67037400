"""AIF JSON: what we write is well formed and reads back; real AIFdb, OVA and xAIF files import
with the counts `../shared/interop/README.md` describes, quirks included."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmap.check import check_corpus
from argmap.errors import Severity
from argmap.interop.aif import check_aif, from_aif, to_aif
from argmap.model import (
    Author,
    Claim,
    Corpus,
    Evidence,
    Kind,
    Map,
    Position,
    Stance,
    Thesis,
    Undercut,
)

from conftest import INTEROP, needs_shared

AIF_DIR = INTEROP / "aif"

# Per file: claims per voice, supports, attacks, and the node counts of the README (I, RA, CA).
REAL = {
    "carneades4-nodeset10.json": ({"carneades4-nodeset10": 4}, 3, 0, (4, 1, 0)),
    "carneades4-nodeset543.json": ({"carneades4-nodeset543": 19}, 16, 2, (19, 5, 2)),
    "carneades4-nodeset127.json": ({"speaker": 2, "vcbrown": 4}, 4, 1, (6, 4, 1)),
    "arguebuf-nodeset6064-dialogue.json": ({"cl": 7, "nl": 2}, 5, 0, (9, 5, 0)),
    "arguebuf-ts-xaif-ova.json": ({"participant-rachel": 2}, 1, 0, (2, 1, 0)),
}


def read(name: str) -> list[tuple[str, str]]:
    return [(name, (AIF_DIR / name).read_text(encoding="utf-8"))]


def node_counts(name: str) -> tuple[int, int, int]:
    data = json.loads((AIF_DIR / name).read_text(encoding="utf-8"))
    nodes = data.get("AIF", data)["nodes"]
    return tuple(sum(1 for n in nodes if n["type"] == kind) for kind in ("I", "RA", "CA"))


def small_corpus() -> Corpus:
    return Corpus(theses=(Thesis(id="t", text="T"),), maps=(
        Map(id="m", authors=(Author(name="Ann Lee"),), claims=(
            Claim(id="a", text="A", evidence=(Evidence(quote="q", kind=Kind.REPORTED, source="s"),),
                  supports=("b",)),
            Claim(id="b", text="B"),
            Claim(id="u", text="U", attacks=("b",), undercuts=(Undercut(from_="a", to="b"),))),
            stances=(Stance(thesis="t", position=Position.AGREE, because=("a", "u")),)),))


class TestToAif:
    def test_nodes_edges_and_shapes(self):
        data = json.loads(to_aif(small_corpus()))
        kinds = [n["type"] for n in data["nodes"]]

        assert [] == check_aif(data)
        assert {"I": 4, "L": 1, "YA": 1, "RA": 3, "CA": 2} == {k: kinds.count(k) for k in set(kinds)}
        assert [{"nodeID": "5", "personID": "1"}] == data["locutions"]
        assert "Ann Lee: q" == next(n["text"] for n in data["nodes"] if n["type"] == "L")

    def test_undercut_is_a_ca_into_the_ra_of_the_support(self):
        data = json.loads(to_aif(small_corpus()))
        types = {n["nodeID"]: n["type"] for n in data["nodes"]}
        into_ra = [e for e in data["edges"] if types[e["toID"]] == "RA" and types[e["fromID"]] == "CA"]

        assert 1 == len(into_ra)

    def test_shipped_corpus_is_well_formed(self, corpus):
        assert [] == check_aif(json.loads(to_aif(corpus)))


class TestCheckAif:
    def test_dangling_edge_and_unknown_type(self):
        data = {"nodes": [{"nodeID": 1, "text": "x", "type": "Q"}],
                "edges": [{"edgeID": 1, "fromID": 1, "toID": 2}]}

        assert ["node 1 has unknown type 'Q'", "edge 1 ends at unknown node 2"] == check_aif(data)

    def test_ra_without_conclusion(self):
        data = {"nodes": [{"nodeID": "1", "text": "a", "type": "I"}, {"nodeID": "2", "text": "RA", "type": "RA"}],
                "edges": [{"edgeID": "1", "fromID": "1", "toID": "2"}]}

        assert ["RA node 2 does not lead to exactly one I node"] == check_aif(data)


@needs_shared
@pytest.mark.parametrize("name", sorted(REAL))
class TestFromAifOnRealFiles:
    def test_the_readme_describes_the_file(self, name):
        assert REAL[name][3] == node_counts(name)

    def test_claims_speakers_and_relations(self, name):
        corpus = from_aif(read(name)).corpus
        voices, supports, attacks, (i_nodes, _ra, _ca) = REAL[name]

        assert voices == {m.id: len(m.claims) for m in corpus.maps}
        assert i_nodes == sum(voices.values())
        assert supports == sum(len(c.supports) for _m, c in corpus.claims())
        assert attacks == sum(len(c.attacks) for _m, c in corpus.claims())

    def test_passes_check(self, name):
        corpus = from_aif(read(name)).corpus

        assert [] == [p.format() for p in check_corpus(corpus) if p.severity is Severity.ERROR]

    def test_structurally_valid_input(self, name):
        assert [] == check_aif(json.loads((AIF_DIR / name).read_text(encoding="utf-8")))


@needs_shared
class TestFromAifQuirks:
    def test_speaker_prefix_is_taken_off_the_quote(self):
        corpus = from_aif(read("carneades4-nodeset127.json")).corpus
        quotes = {e.quote for _m, c in corpus.claims() for e in c.evidence}

        assert "semesterisation is a good idea" in quotes
        assert not any("says" in q for q in quotes)

    def test_dialogue_speakers_from_person_ids_and_prefixes(self):
        corpus = from_aif(read("arguebuf-nodeset6064-dialogue.json")).corpus

        assert {"cl": "CL", "nl": "NL"} == {m.id: m.name for m in corpus.maps}
        assert all(not e.quote.startswith(("CL", "NL", "M:")) for _m, c in corpus.claims() for e in c.evidence)

    def test_non_asserting_illocutions_are_noted(self):
        corpus = from_aif(read("arguebuf-nodeset6064-dialogue.json")).corpus
        notes = {e.note for _m, c in corpus.claims() for e in c.evidence}

        assert {None, "PopularConceding", "PureQuestioning"} == notes

    def test_analyst_nodes_and_dialogue_layer_are_reported_once_each(self):
        problems = from_aif(read("arguebuf-nodeset6064-dialogue.json")).problems
        messages = [p.message for p in problems]

        # three left-out groups, and what AIF records that no map holds (tests/test_import_losses.py)
        assert 6 == len(messages)
        assert 3 == sum("not carried" in m for m in messages)
        assert any(m.startswith("7 L-nodes") for m in messages)
        assert any(m.startswith("8 TA nodes") for m in messages)
        assert all(p.location.line > 1 for p in problems)

    def test_xaif_participants_and_int_ids(self):
        corpus = from_aif(read("arguebuf-ts-xaif-ova.json")).corpus
        (voice,) = corpus.maps

        assert "Participant Rachel" == voice.name
        assert {"A", "B"} == {e.quote for c in voice.claims for e in c.evidence}

    def test_ra_with_several_premises_is_one_support_each(self):
        corpus = from_aif(read("carneades4-nodeset10.json")).corpus
        conclusion = next(c.id for _m, c in corpus.claims() if c.text.startswith("every person"))

        assert 3 == sum(1 for _m, c in corpus.claims() if conclusion in {r.target for r in c.supports})

    def test_a_corpus_folder_is_read_whole(self):
        files = [(str(p), p.read_text(encoding="utf-8")) for p in sorted(AIF_DIR.glob("*.json"))]
        corpus = from_aif(files).corpus

        assert sum(v for voices, *_ in REAL.values() for v in voices.values()) == \
            sum(len(m.claims) for m in corpus.maps)
        assert [] == [p.format() for p in check_corpus(corpus) if p.severity is Severity.ERROR]


class TestFromAif:
    def test_string_and_int_ids_and_repeated_locutions(self):
        data = {"nodes": [{"nodeID": 1, "text": "p", "type": "I"}, {"nodeID": "2", "text": "c", "type": "I"},
                          {"nodeID": 3, "text": "RA", "type": "RA"},
                          {"nodeID": "4", "text": "Bo : p", "type": "L"},
                          {"nodeID": 5, "text": "Asserting", "type": "YA"}],
                "edges": [{"edgeID": 1, "fromID": "1", "toID": 3}, {"edgeID": "2", "fromID": 3, "toID": "2"},
                          {"edgeID": 3, "fromID": 4, "toID": 5}, {"edgeID": 4, "fromID": "5", "toID": 1}],
                "locutions": [{"nodeID": 4, "personID": 7}, {"nodeID": "4", "personID": "7"},
                              {"nodeID": 4, "personID": 8}]}
        imported = from_aif([("x.json", json.dumps(data))])

        assert {"bo": ["p"], "x": ["c"]} == {m.id: [c.text for c in m.claims] for m in imported.corpus.maps}
        assert ["mapped-as", "not-mapped"] == [p.code for p in imported.problems]
        assert imported.problems[1].message.startswith("AIF person id(s) 7, 8 not carried")

    def test_the_first_speaker_of_a_locution_keeps_it(self):
        data = {"nodes": [{"nodeID": "1", "text": "p", "type": "I"}, {"nodeID": "2", "text": "p", "type": "L"},
                          {"nodeID": "3", "text": "Asserting", "type": "YA"}],
                "edges": [{"fromID": "2", "toID": "3"}, {"fromID": "3", "toID": "1"}],
                "locutions": [{"nodeID": "2", "personID": "7"}, {"nodeID": "2", "personID": "8"}],
                "participants": [{"participantID": "7", "firstname": "Ann", "surname": "Lee"},
                                 {"participantID": "8", "firstname": "Bo", "surname": "Chan"}]}
        imported = from_aif([("x.json", json.dumps(data))])

        assert ["Ann Lee"] == [m.name for m in imported.corpus.maps]
        assert "mapped-as" in [p.code for p in imported.problems]

    def test_a_second_speakers_locution_of_a_proposition_is_left_out_with_a_warning(self):
        data = {"nodes": [{"nodeID": "1", "text": "p", "type": "I"},
                          {"nodeID": "2", "text": "Ann : p", "type": "L"}, {"nodeID": "3", "text": "Bo : p!", "type": "L"},
                          {"nodeID": "4", "text": "Asserting", "type": "YA"},
                          {"nodeID": "5", "text": "Asserting", "type": "YA"}],
                "edges": [{"fromID": "2", "toID": "4"}, {"fromID": "4", "toID": "1"},
                          {"fromID": "3", "toID": "5"}, {"fromID": "5", "toID": "1"}]}
        imported = from_aif([("x.json", json.dumps(data))])

        assert {"ann": ["p"]} == {m.id: [e.quote for c in m.claims for e in c.evidence]
                                  for m in imported.corpus.maps if m.claims}
        assert ["not-mapped"] == [p.code for p in imported.problems if "L-node 3" in p.message]

    def test_a_quote_with_a_colon_keeps_it_after_says(self):
        data = {"nodes": [{"nodeID": "1", "text": "p", "type": "I"},
                          {"nodeID": "2", "text": "Bo says 'the plan: cut taxes'", "type": "L"},
                          {"nodeID": "3", "text": "Asserting", "type": "YA"}],
                "edges": [{"fromID": "2", "toID": "3"}, {"fromID": "3", "toID": "1"}]}
        (voice,) = from_aif([("x.json", json.dumps(data))]).corpus.maps

        assert ("Bo", ["the plan: cut taxes"]) == (voice.name, [e.quote for e in voice.claims[0].evidence])

    def test_propositions_nobody_asserts_go_to_a_voice_per_file(self):
        def nodeset(text: str) -> str:
            return json.dumps({"nodes": [{"nodeID": "1", "text": text, "type": "I"}], "edges": []})

        corpus = from_aif([("dir/first.json", nodeset("a")), ("dir/second.json", nodeset("b"))]).corpus

        assert {"first": ["a"], "second": ["b"]} == {m.id: [c.text for c in m.claims] for m in corpus.maps}

    def test_every_node_of_a_kind_argmap_does_not_map_is_named(self):
        data = {"nodes": [{"nodeID": "1", "text": "a", "type": "I"}, {"nodeID": "2", "text": "b", "type": "I"},
                          {"nodeID": "3", "text": "Default Preference", "type": "PA"}],
                "edges": [{"fromID": "1", "toID": "3"}, {"fromID": "3", "toID": "2"}]}
        imported = from_aif([("x.json", json.dumps(data))])

        assert any(p.code == "not-mapped" and p.message.startswith("1 PA nodes") for p in imported.problems)

    def test_ca_into_ra_is_an_undercut(self):
        data = {"nodes": [{"nodeID": str(i), "text": t, "type": k} for i, t, k in
                          ((1, "a", "I"), (2, "b", "I"), (3, "u", "I"), (4, "RA", "RA"), (5, "CA", "CA"))],
                "edges": [{"fromID": a, "toID": b} for a, b in (("1", "4"), ("4", "2"), ("3", "5"), ("5", "4"))]}
        corpus = from_aif([("x.json", json.dumps(data))]).corpus
        (voice,) = corpus.maps

        assert (Undercut(from_="a", to="b"),) == voice.claim("u").undercuts

    def test_ma_is_a_support_with_a_warning(self):
        data = {"nodes": [{"nodeID": "1", "text": "a", "type": "I"}, {"nodeID": "2", "text": "b", "type": "I"},
                          {"nodeID": "3", "text": "MA", "type": "MA"}],
                "edges": [{"fromID": "1", "toID": "3"}, {"fromID": "3", "toID": "2"}]}
        imported = from_aif([("x.json", json.dumps(data))])

        assert ("b",) == tuple(r.target for r in imported.corpus.maps[0].claim("a").supports)
        assert [("mapped-as", 1)] == [(p.code, p.location.line) for p in imported.problems]

    def test_a_warning_points_at_the_nodes_id_in_the_file(self):
        text = ('{"nodes": [\n'
                '  {"nodeID": "1", "text": "a", "type": "I"},\n'
                '  {"nodeID": "2", "text": "b", "type": "I"},\n'
                '  {"type": "MA", "text": "MA", "nodeID": "3"}],\n'
                ' "edges": [{"fromID": "1", "toID": "3"}, {"fromID": "3", "toID": "2"}]}\n')
        imported = from_aif([("x.json", text)])

        assert [("mapped-as", 4, 32)] == [(p.code, p.location.line, p.location.column) for p in imported.problems]

    def test_not_json_is_an_error_at_its_position(self):
        imported = from_aif([("x.json", '{"nodes": [\n  oops]}')])

        assert [("error", "not-aif", 2, 3)] == [(p.severity.value, p.code, p.location.line, p.location.column)
                                               for p in imported.problems]

    def test_json_without_nodes_is_an_error(self):
        imported = from_aif([("x.json", '{"hello": 1}')])

        assert ["not-aif"] == [p.code for p in imported.problems]

    def test_mixed_stance_and_notes_travel_in_argmap_fields(self):
        corpus = Corpus(theses=(Thesis(id="t", text="T"),), maps=(Map(
            id="m", authors=(Author(name="M"),), claims=(Claim(id="a", text="A"),),
            stances=(Stance(thesis="t", position=Position.MIXED, because=("a",), note="n"),)),))
        back = from_aif([("x.json", to_aif(corpus))]).corpus

        assert corpus.maps[0].stances == back.maps[0].stances


_IDS = st.one_of(st.integers(0, 6), st.sampled_from(["1", "2", "3", "x"]))
_DOCUMENTS = st.fixed_dictionaries({
    "nodes": st.lists(st.fixed_dictionaries({
        "nodeID": _IDS, "type": st.sampled_from(["I", "L", "RA", "CA", "MA", "YA", "TA", "PA", "?", None]),
        "text": st.one_of(st.none(), st.sampled_from(["a", "Bo : a", "Ann says 'x'", "", "RA"]))}),
        max_size=8),
    "edges": st.lists(st.fixed_dictionaries({"fromID": _IDS, "toID": _IDS}), max_size=10),
    "locutions": st.lists(st.fixed_dictionaries({"nodeID": _IDS, "personID": _IDS}), max_size=3),
    "participants": st.lists(st.fixed_dictionaries({
        "participantID": _IDS, "firstname": st.sampled_from(["A", ""]),
        "surname": st.sampled_from(["B", ""])}), max_size=2),
})


class TestFromAifOnAnyInput:
    @settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(document=_DOCUMENTS)
    def test_never_raises_and_always_checks(self, document):
        corpus = from_aif([("f.json", json.dumps(document))]).corpus

        assert [] == [p.format() for p in check_corpus(corpus) if p.severity is Severity.ERROR]

    def test_fields_of_the_wrong_type_are_ignored(self):
        document = {"nodes": [{"nodeID": 1, "text": "a", "type": "I"}, 5], "edges": 3, "locutions": {},
                    "participants": "x", "argmap": {"sources": "y"}}
        corpus = from_aif([("f.json", json.dumps(document))]).corpus

        assert ["a"] == [c.text for _m, c in corpus.claims()]
