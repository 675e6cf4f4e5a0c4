"""Pydantic models of the catalogue: the standards' data and capplan's assumptions."""
