"""Writes of the projects app, one module per sub-domain: needs, projects, stages, ideas, charter, moderation."""
