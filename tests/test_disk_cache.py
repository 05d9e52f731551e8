"""Values pickled once per machine: read back as built, rebuilt when what they are built from changes."""

from __future__ import annotations

from pathlib import Path

import pytest

from councilgraph import disk_cache
from councilgraph.city_index import CityIndex, city_index, gazetteer_path, read_postcodes
from ingest import validation


@pytest.fixture
def cache_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "councilgraph" / "values"


def test_a_value_is_built_once_and_read_back_after(cache_home: Path) -> None:
    built: list[int] = []

    def build() -> dict[str, list[int]]:
        built.append(1)
        return {"a": [1, 2]}

    key = disk_cache.digest("one", b"two")
    assert disk_cache.cached("value", key, build) == {"a": [1, 2]}
    assert disk_cache.cached("value", key, build) == {"a": [1, 2]}
    assert len(built) == 1
    assert disk_cache.cached("value", disk_cache.digest("one", b"three"), build) == {"a": [1, 2]}
    assert len(built) == 2  # another key: built again


def test_the_key_digests_a_file_s_bytes(tmp_path: Path) -> None:
    source = tmp_path / "source.txt"
    source.write_text("a")
    before = disk_cache.digest(source)
    source.write_text("b")
    assert disk_cache.digest(source) != before
    assert disk_cache.digest("ab", "c") != disk_cache.digest("a", "bc")


def test_an_unreadable_or_unwritable_cache_is_passed_by(cache_home: Path) -> None:
    key = disk_cache.digest("x")
    cache_home.mkdir(parents=True)
    (cache_home / f"value-{key}.pickle").write_bytes(b"not a pickle")
    assert disk_cache.cached("value", key, lambda: 7) == 7
    assert disk_cache.cached("value", key, lambda: 8) == 7  # the broken file was replaced
    blocked = disk_cache.digest("y")
    (cache_home / f"value-{blocked}.pickle").mkdir()  # a folder where the file would go
    assert disk_cache.cached("value", blocked, lambda: 9) == 9


def test_only_the_latest_values_of_a_name_are_kept(cache_home: Path) -> None:
    for number in range(disk_cache.KEPT_PER_NAME + 3):
        disk_cache.cached("value", disk_cache.digest(str(number)), lambda number=number: number)
    assert len(list(cache_home.glob("value-*.pickle"))) == disk_cache.KEPT_PER_NAME


@pytest.mark.slow(seconds=4)
def test_the_cached_gazetteer_index_and_statements_are_those_built_from_the_files(cache_home: Path) -> None:
    fresh = CityIndex.from_turtle(gazetteer_path(), read_postcodes())
    city_index.cache_clear()
    validation._gazetteer_statements.cache_clear()
    try:
        for _ in range(2):  # built and stored, then read back
            index = city_index()
            assert [vars(e) for e in index] == [vars(e) for e in fresh]
            assert vars(index).keys() == vars(fresh).keys()
            assert all(getattr(index, name) == getattr(fresh, name) for name in vars(fresh))
            statements = validation._gazetteer_statements("http://localhost:5000/")
            assert statements == validation._read_gazetteer_statements("http://localhost:5000/")
            city_index.cache_clear()
            validation._gazetteer_statements.cache_clear()
        assert len(list(cache_home.glob("*.pickle"))) == 2
    finally:
        city_index.cache_clear()
        validation._gazetteer_statements.cache_clear()
