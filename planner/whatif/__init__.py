"""What-if analysis: scenario variants, their comparison, and budget–time trade-offs.

- ``scenario``, ``variants``: scenario documents (a base problem plus named variants) as data,
  and reading and deriving them;
- ``compare``: solve the base and every variant, and how each roadmap differs from the base;
- ``sweep``, ``budgets``: the budget–time efficient frontier, the minimum budget, and per-tier
  dates; the budget grid and its points;
- ``executor``: independent solves as tasks and outcomes, run in batches on an executor;
- ``pool``: the one executor stack (in-process, local process pool, Dask), also used by the
  risk analysis and the service;
- ``models``: the JSON-serialisable results (``Comparison``, ``VariantResult``, ``Sweep``);
- ``cli``: ``capplan compare`` and ``capplan sweep``.

The scenario file format is described in ``docs/whatif.md``.
"""
