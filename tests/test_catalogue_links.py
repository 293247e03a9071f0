"""`lint` on an action's question links: each rule flags a made-up fault in the small test
catalogue (which has none), and the bundled catalogue has no such problem."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from qmself.lint import catalogue_problems
from qmself.model.actions import Action, Catalogue
from qmself.model.common import version_key
from qmself.model.questionnaire import Questionnaire
from qmself.storage.bundled import Catalog
from qmself.storage.loaders import load_catalogue
from tests.conftest import DATA


@pytest.fixture(scope="module")
def catalogue(mini: Questionnaire) -> Catalogue:
    return load_catalogue(DATA / "mini-actions.yaml", mini)


def changed(catalogue: Catalogue, action_id: str, **update: Any) -> Catalogue:
    """The catalogue with one action changed (validated again, as a file would be)."""
    actions = [Action.model_validate({**a.model_dump(), **update}) if a.id == action_id else a
               for a in catalogue.actions]
    return catalogue.model_copy(update={"actions": actions})


def problems(catalogue: Catalogue, q: Questionnaire) -> list[str]:
    return [p.en for p in catalogue_problems(catalogue, q) if p.severity == "error"]


def test_the_test_catalogue_is_clean(mini: Questionnaire, catalogue: Catalogue) -> None:
    assert problems(catalogue, mini) == []


@pytest.mark.parametrize(("action", "update", "message"), [
    # a question of another area than the action's (B-02 is in B; ACT-A-02 lists only A)
    ("ACT-A-02", {"questions": ["A-01", "B-02"]}, "question B-02 is in area B, not one of the action's areas A"),
    # an area listed with no question of it behind it
    ("ACT-A-02", {"areas": ["A", "B"]}, "the action lists area B but lifts no question of it"),
    # a module action whose links are all core questions
    ("ACT-F-01", {"questions": ["B-02"]}, "an action of the food module lifts no question of that module"),
    # a yes/no question (a statutory duty) lifted by an ordinary improvement step
    ("ACT-A-02", {"questions": ["A-01", "A-03"]}, "question A-03 is yes/no (a statutory duty, met or not)"),
    # a level outside the action's step
    ("ACT-A-03", {"aims": {"A-02": 3}}, "question A-02 aims at level 3, outside the action's step 3→4"),
    # no question at all: a plan could never say why it chose the action
    ("ACT-A-02", {"questions": []}, "an action must list the questions it lifts"),
])
def test_each_link_rule_flags_its_fault(mini: Questionnaire, catalogue: Catalogue, action: str,
                                        update: dict[str, Any], message: str) -> None:
    found = problems(changed(catalogue, action, **update), mini)
    assert any(message in m for m in found), found


def test_a_number_question_without_a_band_at_the_level(mini: Questionnaire, catalogue: Catalogue) -> None:
    data = mini.model_dump(mode="json", exclude_none=True)
    for x in data["questions"]:
        if x["id"] == "B-01":  # bands up to level 4 only: 99.5 and above is still level 4
            x["bands"] = [b for b in x["bands"] if b["level"] < 5]
            x["bands"][-1].pop("max", None)
    capped = Questionnaire.model_validate(data)
    assert problems(catalogue, mini) == []
    found = problems(catalogue, capped)
    assert any("number question B-01 has no band at level 5 (its highest is 4)" in m for m in found), found


def test_aims_name_only_linked_questions(catalogue: Catalogue) -> None:
    a = catalogue.action_by_id["ACT-A-03"]
    assert Action.model_validate({**a.model_dump(), "aims": {"A-02": 4}}).level_for("A-02") == 4
    with pytest.raises(ValidationError, match="not one of the action's questions"):
        Action.model_validate({**a.model_dump(), "aims": {"A-01": 4}})


def test_a_question_no_action_lifts_is_a_notice(mini: Questionnaire, catalogue: Catalogue) -> None:
    slim = catalogue.model_copy(update={"actions": [a for a in catalogue.actions if a.id != "ACT-F-01"]})
    notes = [p.en for p in catalogue_problems(slim, mini) if p.severity == "notice"]
    assert any("no action lifts question F-01" in n for n in notes), notes


def test_the_bundled_catalogue_links_cleanly() -> None:
    cat = Catalog()
    q = cat.questionnaire()
    assert problems(cat.catalogue(q), q) == []


def test_a_catalogue_older_than_its_questionnaire_is_a_notice(mini: Questionnaire, catalogue: Catalogue) -> None:
    def notes(c: Catalogue) -> list[str]:
        return [p.en for p in catalogue_problems(c, mini) if p.severity == "notice" and p.path == ("version",)]

    assert notes(catalogue.model_copy(update={"version": "1.9"})) == [
        "catalogue version 1.9 is older than questionnaire mini 2.0: review the actions against the new "
        "questionnaire and raise the catalogue's version"]
    assert notes(catalogue.model_copy(update={"version": "2.0"})) == []


def test_the_bundled_catalogue_is_as_new_as_its_questionnaire() -> None:
    cat = Catalog()
    q = cat.questionnaire()
    c = cat.catalogue(q)
    assert (c.version, q.version) == ("1.2", "1.1")  # the catalogue grew (every step of every question)
    assert version_key(c.version) >= version_key(q.version)
    assert [p for p in catalogue_problems(c, q) if p.path == ("version",)] == []


def test_every_step_of_every_question_has_an_action() -> None:
    """A plan lifts a question from level k with an action starting at k that links it; without one it
    can only say "no action in this plan". So every maturity or number question has, for each step up to
    its highest band, such an action, and a question every company is asked has one every company can
    take (no sector module, no company facts)."""
    cat = Catalog()
    q = cat.questionnaire()
    c = cat.catalogue(q)
    starts: dict[str, set[int]] = {}
    for a in c.actions:
        for qid in a.questions:
            if q.question_by_id[qid].module is None and (a.module is not None or a.applies_if is not None):
                continue
            starts.setdefault(qid, set()).add(a.from_level)
    missing = []
    for x in q.questions:
        if x.type == "yesno":
            continue  # a statutory duty: met or not, fixed by its red-line action
        top = max(b.level for b in x.bands) if x.type == "number" and x.bands else 5
        missing += [f"{x.id} {k}->{k + 1}" for k in range(1, top) if k not in starts.get(x.id, set())]
    assert missing == []
