"""Progress output for import commands: a bar on a terminal, plain lines otherwise (logs, CI)."""

from __future__ import annotations

import time
from typing import IO


class ProgressOutput:
    def __init__(self, out: IO[str], label: str, enabled: bool = True) -> None:
        self.out = out
        self.label = label
        self.enabled = enabled
        self.tty = hasattr(out, "isatty") and out.isatty()
        self.last_percent = -1
        self.started = time.monotonic()

    def __call__(self, done: int, total: int) -> None:
        if not self.enabled or total <= 0:
            return
        percent = min(100, 100 * done // total)
        if self.tty:
            width = 40
            filled = width * percent // 100
            self.out.write(f"\r{self.label} [{'#' * filled}{'.' * (width - filled)}] {percent:3d}% ({total:,} rows)")
            if percent == 100:
                self.out.write("\n")
            self.out.flush()
        elif percent // 10 > self.last_percent // 10 or (percent == 100 and self.last_percent != 100):
            self.out.write(f"{self.label}: {percent}% of {total:,} rows ({time.monotonic() - self.started:.1f} s)\n")
        self.last_percent = percent
