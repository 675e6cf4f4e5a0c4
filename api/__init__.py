"""The capplan REST service: ``api.main.create_app(settings)``; run it with ``capplan serve``."""
