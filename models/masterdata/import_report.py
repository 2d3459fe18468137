"""What an import found: counts, and every bad row with its line number and reasons."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from models.errors import InputError
from models.masterdata.fields import FieldError, ValidationFailed

#: Called with the number of rows read so far, after every chunk.
ImportProgress = Callable[[int], None]

CHUNK_ROWS = 1_000


@dataclass(frozen=True)
class RowError:
    """One bad row: its line in the file (the header is line 1) and what is wrong with it."""

    line: int
    key: str
    problems: tuple[str, ...]

    def __str__(self) -> str:
        what = f" ({self.key})" if self.key else ""
        return f"line {self.line}{what}: " + "; ".join(self.problems)


@dataclass
class ImportReport:
    """The outcome of an import, or of a dry run (which writes nothing)."""

    file: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    dry_run: bool = False
    errors: list[RowError] = field(default_factory=list)

    def add_error(self, line: int, key: str, problems: list[FieldError] | list[str]) -> None:
        """Record a bad row."""
        self.errors.append(RowError(line, key, tuple(str(p) for p in problems)))

    def add_failure(self, line: int, key: str, failure: ValidationFailed) -> None:
        """Record a row whose fields were refused."""
        self.add_error(line, key, failure.errors)

    @property
    def summary(self) -> str:
        """One line for a status bar or a terminal."""
        if self.errors:
            return (f"{self.file}: {len(self.errors)} of {self.rows} rows are wrong; nothing "
                    "was imported.")
        done = "would create" if self.dry_run else "created"
        changed = "would update" if self.dry_run else "updated"
        return (f"{self.file}: {self.rows} rows, {done} {self.created}, {changed} "
                f"{self.updated}" + (" (dry run, nothing saved)." if self.dry_run else "."))


class ImportFailed(InputError):
    """An import with bad rows: nothing of it was saved; `report.errors` lists every row."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        super().__init__(report.summary)
