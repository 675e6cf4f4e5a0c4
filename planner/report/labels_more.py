"""Labels of the re-planning marks, the what-if "why", the staff peak and the max-tier words.

Kept apart from ``labels.py`` (which merges them into ``LABELS``) so that module stays short.
"""

from __future__ import annotations

MORE_LABELS: dict[str, tuple[str, str]] = {
    "no_higher_tier": (
        "现有条件下无法高于当前第{n}档，无需任何步骤",
        "As things stand no tier above the current tier {n} is reachable; no steps planned",
    ),
    "done_mark": ("已完成", "done"),
    "step_id_hint": (
        "步骤 id：在重新规划的 progress 中引用此步骤时使用",
        "step id: name the step by it in a re-planning progress",
    ),
    "now_line": ("现在（{date}）", "now ({date})"),
    "staff_of_at": (
        "{peak} / 当期可用 {cap} 人（{date}）",
        "{peak} of {cap} FTE available then ({date})",
    ),
    "why_route_switch": (
        "答案改变的原因：所选路径由{base}改为{route}，因此{effect}。",
        "What changed the answer: the route switched from {base} to {route}, so {effect}.",
    ),
    "why_scope_switch": (
        "答案改变的原因：仍按{row}，但范围由{base}改为{scope}，因此{effect}。",
        "What changed the answer: still {row}, but over {scope} instead of {base}, so {effect}.",
    ),
    "why_route_tradeoff": (
        "在此方案的条件下，原路径不再是最优：新路径较晚达成，投入较少是换路径的结果，而非同样的工作更便宜。",
        " Under this variant's limits the base route is no longer the best one: the new route "
        "reaches the target later, and costs less because it is other work, not the same work "
        "made cheaper.",
    ),
    "why_same_route": (
        "所选路径不变；{moved} 个步骤调整时间、新增 {added} 个、删除 {removed} 个，因此{effect}。",
        "The route is the same; {moved} moved, {added} added and {removed} removed, so {effect}.",
    ),
    "why_same_answer": ("与基准的答案相同。", "The same answer as the base."),
    "why_same_steps": (
        "所选路径和步骤不变，但步骤的工期或投入不同，因此{effect}。",
        "The route and its steps are the same, but their durations or costs differ, so {effect}.",
    ),
    "why_effect_later": ("达成推迟 {months}", "the target is reached {months} later"),
    "why_effect_earlier": ("达成提前 {months}", "the target is reached {months} earlier"),
    "why_effect_more": ("总投入增加 {cost} 万元", "the total cost rises by {cost} (CNY 10k)"),
    "why_effect_less": ("总投入减少 {cost} 万元", "the total cost falls by {cost} (CNY 10k)"),
    "why_effect_none": ("达成时间和投入不变", "date and cost stay as they were"),
}
