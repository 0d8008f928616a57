"""Views of the projects app, one module per sub-domain. Each view: check access, parse, call one service, render."""
