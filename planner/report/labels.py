"""Every label of the HTML reports (and the CLI summary), in Chinese (default) and English.

One table: templates read ``L.<key>``, Python code calls ``label``/``fmt``. A key missing here
is an error at render time (the Jinja environment is strict), never a raw key on the page.
"""

from __future__ import annotations

from catalog.labels import Labels
from catalog.models.base import Lang
from planner.report.labels_more import MORE_LABELS

LABELS: dict[str, tuple[str, str]] = {
    # -- titles and sections ---------------------------------------------------------------
    "title": ("数字化转型能力建设路线图", "Digital transformation capability roadmap"),
    "comparison_title": ("路线图方案比较", "Roadmap variants compared"),
    "summary": ("执行摘要", "Executive summary"),
    "trajectory": ("水平档次轨迹", "Tier trajectory"),
    "gantt": ("路线图甘特图", "Roadmap Gantt chart"),
    "spend": ("年度投入与上限", "Spend per year against caps"),
    "steps": ("步骤明细", "Steps"),
    "routes": ("路径比较", "Route comparison"),
    "requirements": (
        "成熟度要求项（10004 5.2～5.6）",
        "Maturity requirement items (10004 5.2–5.6)",
    ),
    "req_level": ("等级", "Level"),
    "req_subdomain": ("子域", "Subdomain"),
    "req_counts": ("要求项", "Items"),
    "req_how": ("满足方式", "How they are met"),
    "assumptions": ("假设与来源", "Assumptions and sources"),
    "priorities_detail": ("建设重点原文", "Building priorities in full"),
    "infeasible": ("无法达成的原因", "Why the target cannot be reached"),
    "remedies": ("如何使目标可达", "What would make it reachable"),
    "remedy_budget": (
        "总预算提高到至少 {budget} 万元（现为 {now}）",
        "Raise the total budget to at least {budget} (CNY 10k; now {now})",
    ),
    "remedy_date": (
        "按现有预算，延长规划期限后最早可在 {date} 达成",
        "With the given budget, a longer horizon reaches the target by {date}",
    ),
    "remedy_tier": (
        "现有条件下最高可达第{n}档{row}",
        "As things stand, the highest tier is {n}{row}",
    ),
    "errors": ("输入错误", "Input errors"),
    "violations": ("校验发现的问题", "Problems found by the validator"),
    "moves": ("相对上一版路线图的调整", "Changes from the previous roadmap"),
    "previous_start": ("原开始", "Was to start"),
    "new_start": ("新开始", "Now starts"),
    "reason": ("原因", "Reason"),
    "variants": ("方案对比", "Variants side by side"),
    "tradeoff": ("预算与工期权衡", "Budget–time trade-off"),
    "differences": ("步骤差异", "Steps that differ"),
    "contents": ("目录", "Contents"),
    # -- summary ---------------------------------------------------------------------------
    "current_tier": ("当前水平档次", "Current tier"),
    "target_tier": ("目标水平档次", "Target tier"),
    "tiers": ("水平档次", "Tier"),
    "reached_on": ("达成时间", "Target reached"),
    "total_cost": ("总投入（万元）", "Total cost (CNY 10k)"),
    "budget": ("预算（万元）", "Budget (CNY 10k)"),
    "of_budget": ("占预算 {pct}", "{pct} of budget"),
    "no_budget": ("未设总预算", "no total budget set"),
    "route": ("所选路径", "Route chosen"),
    "status": ("求解状态", "Solver status"),
    "gap": ("最优性差距", "Optimality gap"),
    "why_route": ("选择理由", "Why this route"),
    "derived": ("当前状态推定", "Derived current state"),
    "peak_staff": ("人力峰值", "Peak staff"),
    "staff_of": ("{peak} / 可用 {cap} 人", "{peak} of {cap} FTE available"),
    "staff_fte": ("{peak} 人", "{peak} FTE"),
    "months_after": ("{months}个月后", "in {months} months"),
    "n_months": ("{n} 个月", "{n} months"),
    "n_quarters": ("{n} 个季度", "{n} quarters"),
    "date_by_end": ("{y}年{mon}底", "end of {mon} {y}"),
    "month_abbr": (
        "1月 2月 3月 4月 5月 6月 7月 8月 9月 10月 11月 12月",
        "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec",
    ),
    "plan_frame": (
        "计划起点 {start}，共 {horizon} 期（每期 {months} 个月）。",
        "Plan starts {start}: {horizon} periods of {months} month(s).",
    ),
    "route_desc": ("{row}（{level}，{breadth}，{depth}）", "{row} ({level}, {breadth}, {depth})"),
    "scope_label": ("范围", "Scope"),
    "route_scope": ("范围：{scope}", "scope: {scope}"),
    "scope_all_scenarios": ("全部主场景及全组织能力单元", "all main scenarios and org-wide units"),
    "scope_with_partners": ("全组织及合作伙伴", "whole organisation and partners"),
    "scope_with_ecosystem": ("全组织、合作伙伴及生态伙伴", "organisation, partners and ecosystem"),
    # -- solver status in plain words --------------------------------------------------------
    "status_optimal": ("已证明最优", "Proven optimal"),
    "status_optimal_words_fastest": (
        "没有更早达到目标的路线图，同一达成时间下也没有更省钱的路线图。",
        "No roadmap reaches the target earlier, and none reaches it as early for less.",
    ),
    "status_optimal_words_cheapest": (
        "没有更省钱的达标路线图，同等投入下也没有更早达标的路线图。",
        "No roadmap reaches the target for less, and none as cheap reaches it earlier.",
    ),
    "status_optimal_words_max_tier": (
        "在预算和期限内没有能达到更高档次的路线图；该档次已尽早、尽省地达成。",
        "No roadmap reaches a higher tier within the budget and horizon; this tier is reached "
        "as early, then as cheaply, as possible.",
    ),
    "status_feasible": ("可行，未证明最优", "Feasible, not proven optimal"),
    "status_gap_words": (
        "在时限内找到的最佳方案；投入最多比理论最优高 {gap}（下界 {bound} 万元）。",
        "Best roadmap found in the time limit; its cost is at most {gap} above the optimum "
        "(lower bound {bound}, CNY 10k).",
    ),
    "status_date_words": (
        "最早可能在 {date} 达成，尚未证明。",
        "The target might be reachable as early as {date}; not proven.",
    ),
    "status_infeasible": ("无法达成目标", "Target cannot be reached"),
    "status_infeasible_words": (
        "在给定的期限、预算、年度上限和人力下，没有任何路线图能达到目标档次。",
        "No roadmap reaches the target tier within the horizon, budget, yearly caps and staff.",
    ),
    "status_invalid_input": ("输入有误", "Invalid input"),
    "status_invalid_words": (
        "问题文件有误，未进行规划；请按下列错误修改。",
        "The problem has errors, so nothing was planned; fix the errors below.",
    ),
    "status_no_solution": ("时限内未找到方案", "No solution within the time limit"),
    "status_no_solution_words": (
        "求解时限内未找到路线图；请延长求解时限。",
        "No roadmap was found within the time limit; allow more time.",
    ),
    # -- why this route ----------------------------------------------------------------------
    "why_chosen": (
        "选择 {route}：{date}达到第{tier}档，总投入 {cost} 万元。",
        "Chosen: {route}, reaching tier {tier} by {date} for {cost} (CNY 10k).",
    ),
    "why_objective_fastest": (
        "规划目标：最早达到目标档次，其次是同期投入最低。",
        "Objective: reach the target tier as early as possible, then at the lowest cost.",
    ),
    "why_objective_cheapest": (
        "规划目标：在期限内以最低投入达到目标档次，其次是尽早达成。",
        "Objective: reach the target tier within the horizon at the lowest cost, then as early "
        "as possible.",
    ),
    "why_objective_max_tier": (
        "规划目标：在预算和期限内达到尽可能高的档次，其次是尽早、尽省。",
        "Objective: the highest tier within the budget and horizon, then as early, then as "
        "cheaply as possible.",
    ),
    "status_tier_words": (
        "可能达到更高的第{n}档，尚未证明。",
        "Tier {n} might be reachable; not proven.",
    ),
    "status_generic_gap": ("最优性差距 {gap}。", "Optimality gap {gap}."),
    "why_later": ("{row} 需多用 {months} 个月", "{row} would take {months} more months"),
    "why_earlier": (
        "{row} 可早 {months} 个月（路径比较中找到）",
        "{row} would be {months} months earlier (found in the route comparison)",
    ),
    "why_more": ("多投入 {cost} 万元", "cost {cost} more (CNY 10k)"),
    "why_less": ("少投入 {cost} 万元", "cost {cost} less (CNY 10k)"),
    "why_same": ("{row} 同样最早、投入相同", "{row} is as early and costs the same"),
    "why_same_date": ("{row} 同样最早", "{row} is as early"),
    "why_infeasible": (
        "{row} 在现有期限、预算和人力下无法达成",
        "{row} is infeasible within the horizon, budget and staff",
    ),
    "why_no_solution": ("{row} 在时限内未找到方案", "{row}: no roadmap found in the time limit"),
    "why_skipped_harder": (
        "{row} 未纳入比较：其范围、能力等级、深度和模块形态要求均不低于 {other}",
        "Not compared: {row}, asking at least as much as {other} on scope, level, depth and form",
    ),
    "why_skipped": ("{row} 未纳入比较：{reason}", "{row} was not compared: {reason}"),
    "why_not_compared": (
        "本次未比较其他路径（可开启路径比较）。",
        "Other routes were not compared in this run (turn on route comparison).",
    ),
    "why_only_route": (
        "这是本组织达到目标档次的唯一路径。",
        "This is the only route to the target tier in this organisation.",
    ),
    "list_sep": ("；", "; "),
    "colon": ("：", ": "),
    "and_sep": ("，", ", "),
    # -- charts ------------------------------------------------------------------------------
    "tier_n": ("第{n}档", "tier {n}"),
    "target_line": ("目标：第{n}档", "target: tier {n}"),
    "milestone": ("达到第{n}档", "tier {n} reached"),
    "milestone_legend": ("达到新档次", "new tier reached"),
    "critical_legend": ("关键链（决定达成时间的步骤）", "the chain that sets the date"),
    "critical_mark": ("关键链", "sets the date"),
    "target_reached_legend": ("达到目标", "target reached"),
    "legend": ("图例", "Legend"),
    "scenario_level": ("分解与组合", "decomposition and combination"),
    "perspective": ("视角", "Perspective"),
    "unit": ("能力单元", "Capability unit"),
    "scenario": ("主场景", "Main scenario"),
    "group_organisation": ("全组织", "Whole organisation"),
    "group_partners": ("合作伙伴", "Partners"),
    "group_ecosystem": ("生态圈", "Ecosystem"),
    "group_user": ("自定义工作", "User-defined work"),
    "persp_carrier": ("载体", "Carrier"),
    "persp_process": ("过程", "Process"),
    "persp_object": ("对象", "Object"),
    "persp_partner": ("合作伙伴", "Partner"),
    "persp_subject": ("主体", "Subject"),
    "persp_driving_element": ("驱动要素", "Driving elements"),
    "persp_none": ("其他", "Other"),
    "phase_plan": ("策划", "plan"),
    "phase_element": ("要素", "element"),
    "phase_management": ("管理", "management"),
    "phase_evaluate": ("评测改进", "evaluate"),
    "node": ("节点", "node"),
    "flow": ("能力流", "flow"),
    "network": ("能力网络", "network"),
    "ecosystem": ("能力生态", "ecosystem"),
    # -- spend -------------------------------------------------------------------------------
    "year": ("年度", "Year"),
    "spent": ("投入（万元）", "Spend (CNY 10k)"),
    "cap": ("上限（万元）", "Cap (CNY 10k)"),
    "use": ("使用率", "Use of cap"),
    "headroom": ("余量（万元）", "Headroom (CNY 10k)"),
    "total": ("合计", "Total"),
    "no_cap": ("无上限", "no cap"),
    "over_cap": ("超出上限", "over the cap"),
    # -- steps -------------------------------------------------------------------------------
    "step": ("步骤", "Step"),
    "kind": ("类型", "Kind"),
    "start": ("开始月份", "Start month"),
    "end": ("结束月份（含当月）", "End month (inclusive)"),
    "duration": ("工期（月）", "Months"),
    "cost": ("投入（万元）", "Cost (CNY 10k)"),
    "staff": ("人力", "Staff"),
    "clauses": ("条款", "Clauses"),
    "priorities": ("建设重点", "Building priorities"),
    "where": ("场景 / 能力单元", "Scenario / unit"),
    "no_roadmap": ("没有可行路线图。", "No feasible roadmap."),
    # step kinds, by their id (planner/cli/__init__.py looks them up the same way)
    "requirement": ("要求项工作", "requirement work"),
    "model": ("范围模型", "scope model"),
    "scope": ("范围建设重点", "scope work"),
    "decomposition": ("能力分解", "decomposition"),
    "upgrade": ("能力升级", "upgrade"),
    "deepening": ("深化", "deepening"),
    "combination": ("能力组合", "combination"),
    "user": ("自定义工作", "user-defined work"),
    # -- routes table ------------------------------------------------------------------------
    "row": ("表1行", "Table 1 row"),
    "periods": ("期数", "Periods"),
    "chosen": ("已选", "chosen"),
    "rationale": ("理由", "Rationale"),
    # -- assumptions -------------------------------------------------------------------------
    "assumption_note": (
        "成本、工期、人力及水平档次到能力单元状态的映射均为 capplan 的建模假设，并非标准要求，"
        "可在问题文件中覆盖。条款编号和建设重点原文出自下列标准。",
        "Costs, durations, staff and the mapping of tiers to unit states are capplan's "
        "modelling assumptions, not requirements of the standards; override them in the "
        "problem file. Clause numbers and building-priority texts come from the standards below.",
    ),
    "sources": ("标准依据", "Standards (source of the clauses)"),
    "capplan_assumption": ("capplan 假设", "capplan assumption"),
    "effort": ("工作量假设（默认值）", "Effort assumptions (defaults)"),
    "overrides": ("问题文件中的覆盖", "Overrides in the problem file"),
    "multipliers": (
        "全局系数：投入 ×{cost}，工期 ×{duration}",
        "Multipliers: cost ×{cost}, duration ×{duration}",
    ),
    "scope_multiplier": ("范围系数", "Scope multipliers"),
    "reasoning": ("依据", "Reasoning"),
    "scope_internal": ("组织内部", "internal"),
    "scope_partner": ("合作伙伴", "partner"),
    "scope_ecosystem": ("生态伙伴", "ecosystem partner"),
    "months_short": ("月", "months"),
    "item": ("项目", "Item"),
    "selector": ("适用于", "Applies to"),
    "tier_mapping": ("水平档次映射", "Tier mapping"),
    "breadth": ("广度", "Breadth"),
    "depth": ("深度", "Depth"),
    "level_form": ("等级与模块形态", "Level and module form"),
    "min_level": ("最低能力等级", "Minimum capability level"),
    "in_comparison": ("本次比较的行", "rows compared in this plan"),
    "all": ("全部", "all"),
    # -- attached assessment (T/AIITRE 10004 levels and tier) ---------------------------------
    "assessment": ("评估结果", "Assessment"),
    "assessment_title": ("数字化转型成熟度评估", "Digital transformation maturity assessment"),
    "assessed_org": ("评估对象：{name}（{industry}）", "Assessed: {name} ({industry})"),
    "assessed_answered": (
        "已答复 {n} 项要求，未答复 {m} 项。",
        "{n} requirement items answered, {m} not answered.",
    ),
    "overall_level": ("总体成熟度等级", "Overall maturity level"),
    "assessed_tier": ("评估水平档次", "Assessed tier"),
    "items_to_meet": ("待满足的要求项", "Requirement items still to meet"),
    "subdomains_below": ("{n} 个子域低于目标等级", "{n} subdomains below the target level"),
    "tier_differs": (
        "评估得出的水平档次（第{assessed}档）与路线图的起点（第{plan}档）不一致。",
        "The assessed tier ({assessed}) differs from the tier the roadmap starts from ({plan}).",
    ),
    "no_assessment_target": (
        "未给出目标档次，只显示现状等级。",
        "No target tier: only the current levels are shown.",
    ),
    "assessment_reached": (
        "评估结果已达到目标第{tier}档。",
        "The assessment already reaches the target tier {tier}.",
    ),
    "against_row": ("差距对照表1行 {row}。", "Gaps measured against Table 1 row {row}."),
    "level_chart": (
        "各子域成熟度等级：现状与目标",
        "Maturity level per subdomain: current and target",
    ),
    "current_level": ("现状等级", "Current level"),
    "target_level": ("目标等级", "Target level"),
    "level_zero": ("L0：未达到L1", "L0: L1 not met"),
    "main_gaps": ("主要差距", "Main gaps"),
    "domain": ("评价域", "Domain"),
    "subdomain": ("子域", "Subdomain"),
    "level": ("等级", "Level"),
    "item_count": ("待满足项数", "Items to meet"),
    "gap_items": ("主要待满足要求项（条款）", "Main items still to meet (clauses)"),
    "more_items": ("另有 {n} 项：{clauses}", "{n} more: {clauses}"),
    "advisory": ("建议项", "advisory"),
    "answer_not_met": ("不满足", "not met"),
    "answer_partly_met": ("部分满足", "partly met"),
    "answer_unanswered": ("未答复", "not answered"),
    "item_answer": ("（{answer}）", "({answer})"),
    "table1_gap": ("表1关键要求差距", "Table 1 key requirements not yet met"),
}

if set(LABELS) & set(MORE_LABELS):  # one key, one wording
    raise RuntimeError(f"labels defined twice: {sorted(set(LABELS) & set(MORE_LABELS))}")
LABELS.update(MORE_LABELS)


label = Labels("report", LABELS)
fmt = label  # a label with ``{placeholders}`` filled in


def labels(lang: Lang) -> dict[str, str]:
    """Every label in one language (what templates see as ``L``)."""
    return {key: label(key, lang) for key in LABELS}
