"""capplan planner: problems, steps, the CP-SAT backend, roadmaps and their validation."""
