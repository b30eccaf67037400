"""The makers (argmap._makers) make exactly what attrs' __init__ makes, and pickles find them."""

from __future__ import annotations

import pickle
import subprocess
import sys
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings

from argmap import _makers, cache, load, model
from argmap._makers import maker
from argmap.errors import Location

from strategies import corpora

_CLASSES = [Location, load.Document,
            *(cls for cls in vars(model).values() if isinstance(cls, type) and attrs.has(cls))]


def _made_again(obj: object) -> object:
    """`obj` made by its class's maker from its own fields' values."""
    cls = type(obj)
    return maker(cls)(**{field.name: getattr(obj, field.name) for field in attrs.fields(cls)})


def _same(a: object, b: object) -> None:
    assert type(a) is type(b)
    for field in attrs.fields(type(a)):
        assert getattr(a, field.name) is getattr(b, field.name), field.name


def _objects(value: object) -> list[object]:
    found: list[object] = []
    stack = [value]
    while stack:
        item = stack.pop()
        if attrs.has(type(item)):
            found.append(item)
            stack.extend(getattr(item, field.name) for field in attrs.fields(type(item)))
        elif isinstance(item, (tuple, frozenset)):
            stack.extend(item)
    return found


@settings(max_examples=30, deadline=None)
@given(corpus=corpora(max_maps=2))
def test_a_maker_makes_what_attrs_makes(corpus: model.Corpus) -> None:
    objects = _objects(corpus)
    assert {type(obj) for obj in objects} >= {model.Claim, model.Map, Location}
    for obj in objects:
        again = _made_again(obj)
        _same(obj, again)
        assert again == obj
        assert hash(again) == hash(obj)
        assert repr(again) == repr(obj)


@settings(max_examples=30, deadline=None)
@given(corpus=corpora(max_maps=2))
def test_a_located_maker_makes_the_object_and_its_location(corpus: model.Corpus) -> None:
    marks = object()
    for obj in _objects(corpus):
        cls = type(obj)
        if cls is Location or "location" not in attrs.fields_dict(cls):
            continue
        at = obj.location
        own = {field.name: getattr(obj, field.name) for field in attrs.fields(cls) if field.name != "location"}
        again = maker(cls, located=True)(**own, at_path=at.path, at_line=at.line, at_column=at.column,
                                         at_marks=marks)
        assert type(again) is cls and again == obj and repr(again) == repr(obj)
        assert all(getattr(again, name) is value for name, value in own.items())
        assert type(again.location) is Location and again.location is not at
        assert (again.location.path, again.location.line, again.location.column) == (at.path, at.line, at.column)
        assert again.location.marks is marks


@pytest.mark.parametrize("cls", _CLASSES, ids=lambda cls: cls.__name__)
def test_what_a_maker_makes_stays_frozen(cls: type) -> None:
    values = {field.name: (f"v-{field.name}" if field.default is attrs.NOTHING else
                           field.default.factory() if isinstance(field.default, attrs.Factory) else field.default)
              for field in attrs.fields(cls)}
    made = maker(cls)(**values)
    assert made == cls(**values)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        made.location = None  # type: ignore[attr-defined]


def test_a_maker_takes_every_field_in_field_order_too() -> None:
    where = Location(path="m.yaml", line=3, column=5)
    positional = maker(model.Claim)("a", "A claim.", (), (model.Relation(target="b"),), (), (), where)
    assert positional == model.Claim(id="a", text="A claim.", supports=("b",), location=where)
    assert positional.location is where
    with pytest.raises(TypeError):
        maker(model.Claim)(id="a", text="A claim.")   # no default applies


def test_pickles_find_each_maker_by_its_name() -> None:
    assert _makers.make_Claim is maker(model.Claim)
    assert _makers.make_Location is maker(Location)
    assert _makers.make_Document is maker(load.Document)
    assert _makers.make_Claim_located is maker(model.Claim, located=True)
    assert pickle.loads(pickle.dumps(maker(model.Evidence, located=True))) is maker(model.Evidence, located=True)
    assert pickle.loads(pickle.dumps(maker(model.Stance))) is maker(model.Stance)
    with pytest.raises(AttributeError):
        _makers.make_Nothing  # noqa: B018
    with pytest.raises(AttributeError):
        _makers.something_else  # noqa: B018


@settings(max_examples=30, deadline=None)
@given(corpus=corpora(max_maps=2))
def test_a_document_read_back_from_its_pickle_is_the_same(corpus: model.Corpus) -> None:
    """Every object and position; every Location holds the marks it is read back with."""
    for found in corpus.maps:
        document = load.Document(argmap="1", id=found.id, authors=found.authors, source=found.source,
                                 claims=found.claims, stances=found.stances, sources=corpus.sources,
                                 theses=corpus.theses, location=Location(path="m.yaml", line=1, column=1))
        marks = cache.DeferredMarks(Path("m.yaml"), "m.yaml", "0" * 64)
        again = cache.load_document(cache.dump_document(document), marks)
        assert again == document
        pairs = list(zip(_objects(document), _objects(again), strict=True))
        for before, after in pairs:
            assert type(before) is type(after)
            if isinstance(before, Location):
                assert (before.path, before.line, before.column) == (after.path, after.line, after.column)
                assert after.marks is marks



def test_a_pickle_made_here_is_read_by_a_fresh_process(tmp_path: Path) -> None:
    """(as the forked helper's and the cache's are: that process has made none of the makers
    the pickle names, `load.Document`'s located one included)"""
    where = Location(path="m.yaml", line=2, column=3)
    document = load.Document(argmap="1", id="m", location=where, claims=(
        model.Claim(id="a", text="A.", location=Location(path="m.yaml", line=5, column=5), evidence=(
            model.Evidence(quote="q", location=Location(path="m.yaml", line=8, column=9)),)),))
    blob = tmp_path / "document.pickle"
    blob.write_bytes(cache.dump_document(document))
    script = ("import sys; from pathlib import Path; from argmap import cache, load; "
              "d = cache.load_document(Path(sys.argv[1]).read_bytes(), cache.DeferredMarks(Path('m.yaml'), 'm.yaml', '0')); "
              "print(repr(d), d.location.line, d.claims[0].location.column, d.claims[0].evidence[0].location.line)")
    done = subprocess.run([sys.executable, "-c", script, str(blob)], capture_output=True, text=True, check=False)
    assert "" == done.stderr
    assert f"{document!r} 2 5 8" == done.stdout.strip()
