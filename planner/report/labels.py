"""Every label of the HTML reports, in Chinese (default) and English."""

from __future__ import annotations

LABELS: dict[str, tuple[str, str]] = {
    "title": ("数字化转型能力建设路线图", "Digital transformation capability roadmap"),
    "summary": ("执行摘要", "Executive summary"),
    "current_tier": ("当前水平档次", "Current tier"),
    "target_tier": ("目标水平档次", "Target tier"),
    "reached_on": ("达成日期", "Reached on"),
    "total_cost": ("总投入（万元）", "Total cost (万元)"),
    "route": ("所选路径", "Route chosen"),
    "status": ("求解状态", "Solver status"),
    "gap": ("最优性差距", "Optimality gap"),
    "why_route": ("选择理由", "Why this route"),
    "trajectory": ("水平档次轨迹", "Tier trajectory"),
    "gantt": ("路线图甘特图", "Roadmap Gantt chart"),
    "spend": ("年度投入与上限", "Spend per year against caps"),
    "year": ("年度", "Year"),
    "spent": ("投入（万元）", "Spend (万元)"),
    "cap": ("上限（万元）", "Cap (万元)"),
    "steps": ("步骤明细", "Steps"),
    "step": ("步骤", "Step"),
    "kind": ("类型", "Kind"),
    "start": ("开始", "Start"),
    "end": ("结束", "End"),
    "cost": ("投入（万元）", "Cost (万元)"),
    "staff": ("人力", "Staff"),
    "clauses": ("条款", "Clauses"),
    "priorities": ("建设重点", "Building priorities"),
    "routes": ("路径比较", "Route comparison"),
    "row": ("表1行", "Table 1 row"),
    "periods": ("期数", "Periods"),
    "assumptions": ("假设与来源", "Assumptions and sources"),
    "derived": ("当前状态推定", "Derived current state"),
    "infeasible": ("无法达成的原因", "Why the target cannot be reached"),
    "no_roadmap": ("没有可行路线图。", "No feasible roadmap."),
    "chosen": ("已选", "chosen"),
    "months": ("个月", "months"),
    "decomposition": ("能力分解", "decomposition"),
    "upgrade": ("能力升级", "upgrade"),
    "deepening": ("深化", "deepening"),
    "combination": ("能力组合", "combination"),
    "assumption_note": (
        "成本、工期及水平档次到能力单元状态的映射为capplan的建模假设，并非标准要求，可在问题文件中覆盖。",
        "Costs, durations and the mapping of tiers to unit states are capplan's modelling "
        "assumptions, not requirements of the standards; override them in the problem file.",
    ),
    "sources": ("标准依据", "Standards"),
    "tier": ("档", "tier"),
    "milestone": ("达到", "reached"),
}


def label(key: str, lang: str) -> str:
    zh, en = LABELS[key]
    return zh if lang == "zh" else en
