"""Labels of the risk analysis (command line and report), in Chinese (default) and English."""

from __future__ import annotations

from catalog.labels import Labels

LABELS: dict[str, tuple[str, str]] = {
    "risk": ("进度与费用风险", "Schedule and cost risk"),
    "simulating": ("模拟中", "Simulating"),
    "runs": ("模拟次数", "Runs"),
    "seed": ("随机种子", "Seed"),
    "distribution": ("抽样分布", "Distribution"),
    "triangular": ("三角分布", "triangular"),
    "pert": ("PERT分布", "PERT"),
    "planned": ("计划", "Planned"),
    "target_date": ("目标达成日期", "Target date"),
    "total_cost": ("总投入（万元）", "Total cost (万元)"),
    "p_horizon": (
        "在规划期内达到目标的概率",
        "Probability of reaching the target within the horizon",
    ),
    "p_budget": ("不超出总预算的概率", "Probability of staying within the total budget"),
    "p_both": ("两者同时满足的概率", "Probability of both"),
    "tier": ("档次", "Tier"),
    "probability": ("概率", "Probability"),
    "criticality": (
        "关键性指数（决定目标日期的运行占比）",
        "Criticality index (share of runs in which the step drives the target date)",
    ),
    "step": ("步骤", "Step"),
    "index": ("指数", "Index"),
    "caps": ("年度上限的约束频率", "How often each yearly cap holds a step back"),
    "year": ("年份", "Year"),
    "cap": ("上限（万元）", "Cap (万元)"),
    "binding": ("起约束作用的运行占比", "Share of runs"),
    "never": ("未达到", "not reached"),
    "unplaced": ("有步骤无法安排的运行次数", "Runs in which a step could not be placed"),
    "commitment": (
        "置信水平{level}下的承诺日期：{date}（比计划晚{buffer}期）",
        "Date to commit to at {level} confidence: {date} ({buffer} periods of buffer over the plan)",
    ),
    "candidates": ("候选路线图（按P80日期选择）", "Candidate roadmaps (chosen by P80 date)"),
    "route": ("路径", "Route"),
    "chosen": ("已选", "chosen"),
    "distribution_chart": (
        "目标达成日期的分布（S曲线）",
        "Distribution of the target date (S-curve)",
    ),
    "share_by": ("截至该日达成的运行占比", "share of runs reached by the date"),
    "no_roadmap": ("没有可分析的路线图", "No roadmap to analyse"),
    "variant_risk": ("各情景的进度与费用风险", "Schedule and cost risk per variant"),
    "variant": ("情景", "Variant"),
    "p50": ("P50达成日期", "P50 date"),
    "p80": ("P80达成日期", "P80 date"),
    "cost_p80": ("P80总投入（万元）", "P80 total cost (万元)"),
    "replay": ("按最可能值重排的达成日期", "Target date replayed with the most likely figures"),
    "horizon_end": ("规划期末", "end of horizon"),
    "method": (
        "对每个步骤的周期、费用和人员按三点估计（最低、最可能、最高）抽样，按路线图的原有顺序和全部约束（前后置关系、年度上限、人员、资源）重新排程，不调用求解器；P50/P80/P90为相应比例的模拟次数不晚于（不高于）该值。",
        "Each step's months, cost and staff are drawn from their three-point estimates (low, most likely, high); each run reschedules the roadmap in its own order under every rule (precedence, yearly caps, staff, resources), without the solver; P50/P80/P90 is the value that 50/80/90% of runs do not exceed.",
    ),
}


label = Labels("risk", LABELS)
