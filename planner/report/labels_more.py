"""Labels of the re-planning marks, the what-if "why", the staff peak, the max-tier words and the
comparison page.

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
    # -- comparison --------------------------------------------------------------------------
    "variant": ("方案", "Variant"),
    "base": ("基准", "base"),
    "what_changes": ("调整内容", "What changes"),
    "dominated": ("被占优", "dominated"),
    "efficient": ("有效前沿", "efficient frontier"),
    "budget_axis": ("总预算（万元）", "Total budget (CNY 10k)"),
    "months_axis": ("达成所需月数", "Months to the target"),
    "added": ("新增", "added"),
    "removed": ("删除", "removed"),
    "moved": ("调整时间", "moved"),
    "change": ("变化", "Change"),
    "delta_note": (
        "达成月数和总投入下方的小字为相对基准的变化。",
        "The small figures under months and cost are the change against the base.",
    ),
    "delta_months": ("{n} 个月", "{n} months"),
    "no_differences": ("与基准没有差异。", "No differences from the base."),
    "no_diff_without_roadmap": (
        "该方案或基准没有路线图，无法比较步骤。",
        "The variant or the base has no roadmap, so steps cannot be compared.",
    ),
    "unreachable": ("不可达", "not reached"),
    "no_sweep": ("本次比较未包含预算扫描。", "This comparison has no budget sweep."),
    "no_variants": ("本次只做了预算扫描，没有方案比较。", "Only a budget sweep was run here."),
    "diff_summary": (
        "新增 {added} 项、删除 {removed} 项、调整时间 {moved} 项，{unchanged} 项不变",
        "{added} added, {removed} removed, {moved} moved, {unchanged} unchanged",
    ),
    "route_changed": ("路径改变", "route changed"),
    "base_start": ("基准开始", "Base start"),
    "variant_start": ("方案开始", "Variant start"),
    "shift": ("提前/推迟（月）", "Shift (months)"),
    "partial_run": (
        "比较被中断：只显示已完成的求解。未求解：{missing}",
        "Interrupted: only completed solves are shown. Not solved: {missing}",
    ),
    "min_budget": ("达成目标的最低总预算", "Least total budget reaching the target"),
    "min_budget_value": (
        "{budget} 万元（{below} 万元时无法达成；精度 {tol} 万元）",
        "{budget} (CNY 10k); {below} does not reach it; tolerance {tol}",
    ),
    "min_budget_exact": ("{budget} 万元（由最低成本求解直接得出）", "{budget} (CNY 10k), exact"),
    "min_budget_none": ("所试预算均无法达成目标", "No budget tried reaches the target"),
    "min_budget_line": ("最低预算", "minimum"),
    "caps_mode": ("年度上限：{mode}", "Yearly caps: {mode}"),
    "caps_scale": ("随总预算按比例缩放", "scaled with the total budget"),
    "caps_keep": ("保持不变", "kept as given"),
    "caps_drop": ("不设", "dropped"),
    "sweep_of": ("扫描对象：{variant}", "Variant swept: {variant}"),
    "source": ("来源", "Source"),
    "source_grid": ("预算网格", "grid"),
    "source_minimum": ("最低预算搜索", "minimum search"),
    "tier_dates": ("各档次最早达成时间", "Earliest date of each tier"),
    "tier_budget": (
        "按总预算 {budget} 万元求解",
        "solved with a total budget of {budget} (CNY 10k)",
    ),
    "unlimited": ("不限", "unlimited"),
    "validated": ("校验", "Checked"),
    "check_ok": ("通过", "passed"),
    "check_none": ("未校验", "not checked"),
    "spend_by_variant": ("各方案年度投入（万元）", "Spend per year by variant (CNY 10k)"),
}
