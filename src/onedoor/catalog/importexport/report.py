"""What an import found and did: problems located by sheet, row and column, and what changed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

Location = tuple[str, int | None, str]  # (sheet, row, column); row is 1-based as a spreadsheet shows it


@dataclass(frozen=True)
class ImportProblem:
    sheet: str
    row: int | None
    column: str
    message: str
    code: str = ""

    def __str__(self) -> str:
        where = self.sheet + (f"!{self.row}" if self.row else "") + (f" {self.column}" if self.column else "")
        return f"{where}: {self.message}"

    def as_dict(self) -> dict:
        return {
            "sheet": self.sheet,
            "row": self.row,
            "column": self.column,
            "code": self.code,
            "message": self.message,
        }


@dataclass
class ImportReport:
    """`ok` is False when any blocking problem was found; then nothing was changed."""

    problems: list[ImportProblem] = field(default_factory=list)
    warnings: list[ImportProblem] = field(default_factory=list)
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    _located: set = field(default_factory=set, repr=False)

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, location: Location, message, code: str = "", *, blocking: bool = True) -> None:
        sheet, row, column = location
        target = self.problems if blocking else self.warnings
        problem = ImportProblem(sheet, row, column, str(message), code)
        # One problem per cell is enough: a value that failed conversion is not also reported by the lint.
        if blocking and column:
            if location in self._located:
                return
            self._located.add(location)
        target.append(problem)

    def summary(self) -> dict:
        return {"created": len(self.created), "updated": len(self.updated), "unchanged": len(self.unchanged)}


@dataclass
class ParsedItem:
    """One item read from a file: its canonical dict and where each of its fields came from."""

    data: dict
    locate: Callable[[str], Location]
