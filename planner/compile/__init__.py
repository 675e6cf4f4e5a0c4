"""The compile layer: from a Problem to a frozen Instance: units, state, steps, DAG, routes; the one tier definition."""
