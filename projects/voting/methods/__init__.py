"""The voting methods, one module each; importing this package registers them (ProjectsConfig.ready)."""

from projects.voting.methods import approval, budget, ranked

__all__ = ["approval", "budget", "ranked"]
