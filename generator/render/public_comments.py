"""Public comment rounds (パブリックコメント) as the pages show them: status on a day, counts per 反映区分,
where materials are used. Pure functions of the data; the front page asks `open_rounds` for rounds open today."""

from __future__ import annotations

import datetime
from typing import Literal, get_args

from generator.model.process import CommentAnswer, PublicCommentRound, ReflectionCategory
from generator.model.project import Project
from generator.render.materials import material_uses, materials_by_kind

RoundStatus = Literal["募集前", "募集中", "募集終了", "結果公表済"]
OPEN: RoundStatus = "募集中"
CATEGORIES: tuple[str, ...] = get_args(ReflectionCategory)  # 反映した, 既に記載, 参考とする, その他: the order pages show


def round_status(round_: PublicCommentRound, today: datetime.date) -> RoundStatus:
    """募集前 before the first day, 募集中 to the last day (inclusive), then 募集終了 until the results are published."""
    if today < round_.start:
        return "募集前"
    if today <= round_.end:
        return "募集中"
    if round_.results_published is not None and round_.results_published <= today:
        return "結果公表済"
    return "募集終了"


def open_rounds(project: Project) -> list[PublicCommentRound]:
    """The rounds taking opinions on the project's day, in the data's order."""
    return [r for r in project.public_comments.rounds if round_status(r, project.today) == OPEN]


def category_counts(answers: list[CommentAnswer]) -> list[tuple[str, int]]:
    """How many opinions fell in each 反映区分, every category in order, zeros included."""
    return [(category, sum(1 for answer in answers if answer.category == category)) for category in CATEGORIES]


def rounds_newest_first(rounds: list[PublicCommentRound]) -> list[PublicCommentRound]:
    return sorted(rounds, key=lambda r: (r.start, r.end, r.id), reverse=True)


def page_helpers(project: Project) -> dict[str, object]:
    """What the パブリックコメント and 資料 pages call, added to every page's context."""
    return {
        "round_status": lambda round_: round_status(round_, project.today),
        "category_counts": category_counts,
        "rounds_newest_first": rounds_newest_first,
        "open_rounds": open_rounds(project),
        "materials_by_kind": materials_by_kind,
        "material_uses": material_uses(project),
    }
