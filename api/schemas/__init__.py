"""Request and response schemas of the REST API (separate from the planner's domain models)."""
