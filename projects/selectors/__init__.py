"""Reads of the projects app, one module per sub-domain. Every query is scoped to the viewer's school."""
