"""Student-facing checks: ``core`` has the generic helpers, one module per notebook the rest."""

from .core import Checker, CheckFailed

__all__ = ["CheckFailed", "Checker"]
