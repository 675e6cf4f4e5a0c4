"""The solve layer: plan(), the greedy baseline, the bounds and the CP-SAT backend (the only importer of ortools)."""
