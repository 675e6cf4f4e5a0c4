"""What leadership approves: initiatives (项目) and waves (阶段) over a roadmap, the executive
summary, and the Office exports (Excel, PowerPoint, Word, MS Project XML).

Solver-free: everything is recomputed from a PlanResult and the catalogue. The package's
``__init__`` imports nothing, so ``planner.model.problem`` can import ``planner.deliver.spec``.
"""
