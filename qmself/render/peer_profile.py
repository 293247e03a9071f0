"""A peer profile as YAML text: a benchmark profile whose targets are the cohort's 75th percentiles."""

from __future__ import annotations

import datetime as dt
import io

from qmself.model.questionnaire import Questionnaire
from qmself.peers import Cohort
from qmself.storage.yamlio import round_trip

# benchmarking against peers is the 对标达标 duty
CITES = ["action-plan-2022 （二十一）", "guiding-opinions-2017 （十三）"]


def render_peer_profile(cohort: Cohort, q: Questionnaire, k: int, profile_id: str, today: dt.date) -> str:
    order = [a.id for a in q.areas]
    overall = cohort.overall(k, order)
    groups = cohort.groups_summary(k, order)
    targets = {}
    for area, peers in overall.areas.items():
        level = max(1.0, round(peers.p75, 1))
        targets[area] = {
            "level": level,
            "rationale": {
                "zh": f"队列中 {peers.n} 家企业该领域等级的第 75 百分位（中位数 {peers.p50:.2f}）：达到即进入同行前四分之一。",
                "en": f"The 75th percentile of this area's level among {peers.n} companies in the cohort "
                      f"(median {peers.p50:.2f}): reaching it puts a company in the top quarter of its peers.",
            },
            "cites": list(CITES),
        }
    doc = {
        "kind": "benchmark",
        "id": profile_id,
        "version": "1.0",
        "questionnaire": q.id,
        "title": {"zh": f"同行基准（{cohort.total} 家企业，{today.isoformat()}）",
                  "en": f"Peer benchmark ({cohort.total} companies, {today.isoformat()})"},
        "summary": {"zh": "由一批自评答卷生成的同行基准：各领域目标为同行第 75 百分位。",
                    "en": "A peer benchmark built from a cohort of self-assessments; each area's target is the peers' 75th percentile."},
        "rationale": {"zh": f"按 {', '.join(cohort.group_by)} 分组统计各领域等级的第 25、50、75、90 百分位；少于 {k} 家企业的组不公布数据。档案不含任何企业名称或代码。",
                      "en": f"Percentiles 25/50/75/90 of each area's level, grouped by {', '.join(cohort.group_by)}; groups of fewer than {k} companies are suppressed. The profile holds no company name or code."},
        "cites": list(CITES),
        "targets": targets,
        "peers": {
            "built": today.isoformat(),
            "cohort": cohort.total,
            "k": k,
            "group_by": list(cohort.group_by),
            "overall": overall.model_dump(),
            "groups": [g.model_dump() for g in groups],
        },
    }
    y = round_trip()
    buf = io.StringIO()
    buf.write(f"# qmself peer profile — built {today.isoformat()} from {cohort.total} answer files; no company is named.\n")
    buf.write("# Use it like any profile: qmself score FILE --benchmark THIS_FILE, or --peers THIS_FILE.\n")
    y.dump(doc, buf)
    return buf.getvalue()
