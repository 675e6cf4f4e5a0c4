"""Labels of the assessment's command-line output, in Chinese (default) and English."""

from __future__ import annotations

from catalog.labels import Labels

LABELS: dict[str, tuple[str, str]] = {
    "assessment": ("成熟度评估", "Maturity assessment"),
    "organisation": ("组织", "Organisation"),
    "industry": ("行业", "Industry"),
    "overall_level": ("总体成熟度等级", "Overall maturity level"),
    "tier": ("水平档次", "Tier"),
    "row": ("表1行", "Table 1 row"),
    "scope": ("范围", "Scope"),
    "answered": ("已答复 {n} 项，未答复 {m} 项", "{n} items answered, {m} not answered"),
    "not_applicable_item": (
        "不适用：{clause}（理由：{reason}）",
        "not applicable: {clause} (reason: {reason})",
    ),
    "held_by_domains": ("受限于评价域", "Held back by the domains"),
    "levels": ("各评价域与子域等级", "Levels per domain and subdomain"),
    "domain": ("评价域", "Domain"),
    "subdomain": ("子域", "Subdomain"),
    "level": ("等级", "Level"),
    "held_back_by": ("未满足的下一等级要求项", "Items holding back the next level"),
    "table1": ("表1：广度与深度", "Table 1: breadth and depth"),
    "group": ("范围", "Scope"),
    "breadth": ("广度", "Breadth"),
    "depth": ("达到的深度", "Depth reached"),
    "next_tier": ("未达到下一档次的原因", "Why the next tier is not reached"),
    "top_tier": ("已达到最高档次", "The highest tier is reached"),
    "gap": ("差距分析：目标档次 {tier}", "Gap analysis: target tier {tier}"),
    "gap_reached": ("已达到目标档次 {tier}", "Target tier {tier} is already reached"),
    "gap_row": (
        "对照行 {row}（{level}），范围 {scope}",
        "Against row {row} ({level}), scope {scope}",
    ),
    "gap_items": ("仍需满足的要求项", "Requirement items still to meet"),
    "items": ("要求项（条款）", "Items (clauses)"),
    "gap_units": ("规划器需交付的能力单元", "Capability units the planner must deliver"),
    "unit": ("能力单元", "Unit"),
    "capability_level": ("能力等级", "Capability level"),
    "stage": ("深度阶段", "Depth stage"),
    "node": ("能力节点", "Node"),
    "modules": ("需组合的能力模块", "Modules to combine"),
    "gap_table1": ("表1关键要求差距", "Table 1 key requirements short"),
    "advisory": ("建议项", "advisory"),
    "not_met": ("不满足", "not met"),
    "partly_met": ("部分满足", "partly met"),
    "unanswered": ("未答复", "not answered"),
    "none": ("无", "none"),
    "written": ("已写出", "Written"),
    "nothing_to_write": (
        "请用 --xlsx 或 --yaml 指定输出文件",
        "Give an output file with --xlsx or --yaml",
    ),
}


label = Labels("assessment", LABELS)
