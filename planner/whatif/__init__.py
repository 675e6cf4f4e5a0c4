"""What-if analysis: scenario variants, their comparison, and budget–time trade-offs.

- ``variants``: scenario documents (a base problem plus named variants) and deriving them;
- ``compare``: solve the base and every variant, and how each roadmap differs from the base;
- ``sweep``: the budget–time efficient frontier, the minimum budget, and per-tier dates;
- ``executor``: independent solves run on a local process pool or a Dask cluster;
- ``models``: the JSON-serialisable results (``Comparison``, ``VariantResult``, ``Sweep``);
- ``cli``: ``capplan compare`` and ``capplan sweep``.

The scenario file format is described in ``docs/whatif.md``.
"""
