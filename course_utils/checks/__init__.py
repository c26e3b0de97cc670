"""Student-facing checks: ``core`` has the generic helpers, one module per notebook the rest."""

from .core import CheckFailed, Checker

__all__ = ["CheckFailed", "Checker"]
