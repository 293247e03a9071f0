"""Framework estimates as data (JSON/YAML), CSV columns and terminal text.

The JSON shape is stable so that other tools can rely on it:
`frameworks: {gbt19580: {categories: [{id, title, max_points, points, band, coverage}],
total_points}, iso9004: {clauses: [{id, title, level, coverage}]}, iso9001: {clauses: [...]}}`,
plus a few keys that say what the numbers are (`estimate`, `edition`, `points_verified`).
"""

from __future__ import annotations

from typing import Any

from qmself.cjk import cell_width, wrap
from qmself.frameworks import CategoryEstimate, FrameworkEstimate, ItemEstimate
from qmself.model.common import pick
from qmself.model.crosswalk import Crosswalk


def _r(x: float | None, nd: int = 1) -> float | None:
    return None if x is None else round(x, nd)


def _item(i: ItemEstimate, lang: str, framework: str) -> dict[str, Any]:
    d: dict[str, Any] = {"id": i.id, "title": i.title(lang), "level": _r(i.level, 2), "coverage": _r(i.coverage, 2)}
    if framework == "gbt19580":
        d.update(max_points=i.max_points, points=_r(i.points), capped=i.capped)
    if framework == "iso9001":
        d["gap"] = i.gap
    d["questions"] = list(i.answered)
    return d


def _category(c: CategoryEstimate, lang: str, framework: str) -> dict[str, Any]:
    d: dict[str, Any] = {"id": c.id, "title": c.title(lang)}
    if framework == "gbt19580":
        d.update(
            kind=c.kind, max_points=c.max_points, points=_r(c.points), percent=_r(c.percent),
            band=c.band.label(lang) if c.band is not None else None, coverage=_r(c.coverage, 2),
            measured=c.measured, points_verified=c.points_verified,
        )
    else:
        d.update(level=_r(c.level, 2), coverage=_r(c.coverage, 2))
    d["items"] = [_item(i, lang, framework) for i in c.items]
    return d


def as_data(e: FrameworkEstimate, lang: str) -> dict[str, Any]:
    """One framework's estimate in the documented JSON shape."""
    base: dict[str, Any] = {
        "estimate": True, "crosswalk": e.crosswalk, "crosswalk_version": e.crosswalk_version,
        "edition": e.edition, "title": e.title(lang), "coverage": _r(e.coverage, 2),
        "note": e.estimate_note(lang),
    }
    if e.framework == "gbt19580":
        base["categories"] = [_category(c, lang, e.framework) for c in e.categories]
        base.update(total_points=_r(e.total_points), max_points=e.max_points,
                    points_verified=e.points_verified, bands_verified=e.bands_verified)
    else:
        base["clauses"] = [_category(c, lang, e.framework) for c in e.categories]
        if e.framework == "iso9001":
            base["gaps"] = [i.id for i in e.items if i.gap]
    return base


def frameworks_data(estimates: dict[str, FrameworkEstimate], lang: str) -> dict[str, Any]:
    return {fw: as_data(e, lang) for fw, e in estimates.items()}


def csv_header(crosswalks: list[Crosswalk]) -> list[str]:
    """One column per category (GB/T 19580 points, ISO 9004 levels, ISO 9001 coverage)."""
    cols: list[str] = []
    for cw in crosswalks:
        cols += [f"{cw.framework}_{c.id}" for c in cw.categories]
        if cw.framework == "gbt19580":
            cols.append("gbt19580_total")
        if cw.framework == "iso9001":
            cols.append("iso9001_gaps")
    return cols


def csv_cells(estimates: list[FrameworkEstimate]) -> list[Any]:
    row: list[Any] = []
    for e in estimates:
        for c in e.categories:
            if e.framework == "gbt19580":
                row.append(_r(c.points))
            elif e.framework == "iso9004":
                row.append(_r(c.level, 2) if c.level is not None else "")
            else:
                row.append(_r(c.coverage, 2))
        if e.framework == "gbt19580":
            row.append(_r(e.total_points))
        if e.framework == "iso9001":
            row.append(";".join(i.id for i in e.items if i.gap))
    return row


def _pad(s: str, cells: int) -> str:
    """`s` padded with spaces to `cells` terminal cells (never cut)."""
    return s + " " * max(1, cells - cell_width(s))


def _pct(x: float) -> str:
    return f"{100 * x:.0f}%"


def text(e: FrameworkEstimate, lang: str, width: int = 80) -> list[str]:
    """A terminal section: the estimate per category, labelled as an estimate."""
    out = wrap(pick(lang, f"对照 {e.title(lang)}（由自评推算的估计）",
                    f"Against {e.title(lang)} (an estimate from the self-assessment)"), width)
    if e.framework == "gbt19580":
        for c in e.categories:
            pts = f"{c.points or 0:.1f} / {c.max_points or 0:g}"
            band = f"{c.band.low:g}–{c.band.high:g}%" if c.band is not None else pick(lang, "未覆盖", "not covered")
            mark = "" if c.points_verified else " †"
            head = _pad(f"{c.id} {c.title(lang)}", 26)
            out += wrap(f"{head}{pts:>12}{mark or '  '} " + pick(lang, "覆盖 ", "coverage ")
                        + f"{_pct(c.coverage):>4}  " + pick(lang, "档次 ", "band ") + band, width, "  ", "        ")
        out.append(pick(lang, f"  合计 {e.total_points or 0:.1f} / {e.max_points or 0:g}（估计）",
                        f"  total {e.total_points or 0:.1f} / {e.max_points or 0:g} (estimate)"))
        if not e.points_verified or not e.bands_verified:
            out += wrap(pick(lang, "† 分值未能对照可引用的来源核实；评分档次同样未核实。",
                             "† point value not verified against a quotable source; the scoring bands are not verified either."),
                        width, "  ", "    ")
    else:
        for c in e.categories:
            lv = pick(lang, "未覆盖", "not covered") if c.level is None else f"{c.level:.2f}"
            line = _pad(f"{c.id} {c.title(lang)}", 30) + pick(lang, "等级 ", "level ") + f"{lv:>4}  " + pick(lang, "覆盖 ", "coverage ") + f"{_pct(c.coverage):>4}"
            out += wrap(line, width, "  ", "        ")
        if e.framework == "iso9001":
            gaps = [i.id for i in e.items if i.gap]
            out += wrap(pick(lang, "无任何题目达到 2 级的条款：", "clauses with no question at level 2 or above: ")
                        + (", ".join(gaps) or pick(lang, "无", "none")), width, "  ", "    ")
    out += wrap(e.estimate_note(lang), width, "  ", "  ")
    return out
