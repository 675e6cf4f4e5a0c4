"""Labels of the what-if command line output, in Chinese (default) and English."""

from __future__ import annotations

from catalog.labels import Labels

LABELS: dict[str, tuple[str, str]] = {
    "comparison": ("情景比较", "Scenario comparison"),
    "variant": ("情景", "Variant"),
    "base": ("基准", "base"),
    "changes": ("调整内容", "Changes"),
    "status": ("求解状态", "Status"),
    "reached_on": ("达成日期", "Reached on"),
    "periods": ("期数", "Periods"),
    "total_cost": ("总投入（万元）", "Total cost (CNY 10k)"),
    "route": ("所选路径", "Route"),
    "gap": ("差距", "Gap"),
    "steps_diff": ("步骤变化（增/删/移）", "Steps (+ added / − removed / ~ moved)"),
    "validated": ("校验", "Validated"),
    "spend": ("年度投入（万元）", "Spend per year (CNY 10k)"),
    "trajectory": ("水平档次轨迹", "Tier trajectory"),
    "errors": ("输入错误", "Input errors"),
    "sweep": ("预算—时间权衡", "Budget–time trade-off"),
    "budget": ("总预算（万元）", "Total budget (CNY 10k)"),
    "source": ("来源", "Source"),
    "grid": ("网格", "grid"),
    "minimum": ("最低预算搜索", "minimum search"),
    "frontier": ("有效前沿", "Frontier"),
    "efficient": ("有效", "efficient"),
    "dominated": ("被占优", "dominated"),
    "min_budget": ("达到目标的最低预算", "Minimum budget reaching the target"),
    "min_none": ("未找到", "not found"),
    "wan": ("万元", "(CNY 10k)"),
    "exact": ("由最低成本求解直接得到并验证", "from a cheapest-cost solve, confirmed"),
    "bracket": ("区间", "bracket"),
    "solves": ("次求解", "solves"),
    "tiers": ("各档次最早达成日期", "Earliest date of each tier"),
    "tier": ("档次", "Tier"),
    "tier_budget": ("预算", "budget"),
    "unlimited": ("不限", "unlimited"),
    "caps": ("年度上限", "yearly caps"),
    "caps_scale": ("随总预算按比例缩放", "scaled with the total budget"),
    "caps_keep": ("保持不变", "kept as given"),
    "caps_drop": ("不设", "dropped"),
    "partial": (
        "已中断：以下为已完成的部分结果",
        "Interrupted: partial results (completed solves only)",
    ),
    "missing": ("未求解", "not solved"),
    "solving": ("求解中", "Solving"),
    "run": ("执行器", "Executor"),
    "wall": ("用时", "wall time"),
    "no_html": (
        "本版本尚无比较报告的HTML渲染（planner.report.render_comparison）",
        "This version has no HTML comparison report (planner.report.render_comparison)",
    ),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
}


label = Labels("whatif", LABELS)
