"""The model layer: the problem inputs (pure pydantic) and readers of inputs."""
