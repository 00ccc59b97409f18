"""The cases application: commands and queries over the event store."""

from zhixing.cases.application.cases import CasesApplication

__all__ = ["CasesApplication"]
