"""Extraction of the five sample documents against the hand-written gold in tests/data/gold/.

The floors are what a data scientist needs in order to trust the graph: the
papers themselves exactly right, the rest nearly so. `python tests/scoring.py
--errors` lists every fact behind a failure.
"""

from __future__ import annotations

import pytest

from tests.scoring import Score, format_errors, score_samples, stance_accuracy, total

EXACT_ON_PRIMARY_MOTIONS = (
    "motions",
    "motion.identifier",
    "motion.kind",
    "motion.date",
    "motion.title",
    "motion.city",
    "motion.submitters",
    "motion.submitter_type",
    "motion.signatories",
)

F1_FLOORS = {
    "consultations": 0.95,
    "consultation.role": 0.95,
    "consultation.public": 0.95,
    "motion.principles": 0.9,
    "persons": 0.95,
}

STATEMENT_RECALL_FLOOR = 0.95
STANCE_ACCURACY_FLOOR = 0.9


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, Score]]:
    scored = score_samples()
    assert len(scored) == 5
    return scored


@pytest.fixture(scope="module")
def totals(results: dict[str, dict[str, Score]]) -> dict[str, Score]:
    return total(results.values())


def _errors(results: dict[str, dict[str, Score]], field: str) -> str:
    return format_errors({document: {field: scores[field]} for document, scores in results.items()})


@pytest.mark.slow
@pytest.mark.parametrize("field", EXACT_ON_PRIMARY_MOTIONS)
def test_primary_motions_are_exactly_right(
    field: str, totals: dict[str, Score], results: dict[str, dict[str, Score]]
) -> None:
    score = totals[field]
    assert score.tp > 0
    assert (score.precision, score.recall) == (1.0, 1.0), _errors(results, field)


@pytest.mark.slow
@pytest.mark.parametrize("field", sorted(F1_FLOORS))
def test_f1_reaches_its_floor(
    field: str, totals: dict[str, Score], results: dict[str, dict[str, Score]]
) -> None:
    score = totals[field]
    assert score.tp > 0
    assert score.f1 >= F1_FLOORS[field], f"F1 {score.f1:.3f}\n" + _errors(results, field)


@pytest.mark.slow
def test_statements_are_found(
    totals: dict[str, Score], results: dict[str, dict[str, Score]]
) -> None:
    statements = totals["statements"]
    assert statements.recall >= STATEMENT_RECALL_FLOOR, (
        f"recall {statements.recall:.3f}\n" + _errors(results, "statements")
    )


@pytest.mark.slow
def test_statement_stances_are_right(
    totals: dict[str, Score], results: dict[str, dict[str, Score]]
) -> None:
    accuracy = stance_accuracy(totals)
    assert totals["statements"].tp > 0
    assert accuracy >= STANCE_ACCURACY_FLOOR, f"stance accuracy {accuracy:.3f}\n" + _errors(
        results, "statement.stance"
    )
