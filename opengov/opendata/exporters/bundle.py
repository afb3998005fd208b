"""Everything in one download: a ZIP of every dataset's CSV with a Frictionless Data Package descriptor
(``datapackage.json``: each file's fields with their type and meaning, the licence and the credit), so a
researcher gets the whole platform in one file that tools such as CKAN or frictionless read as it is.

The archive is streamed: each CSV is compressed as its rows are read, and the bytes are handed to the
response as they come (zipfile writes to a stream it cannot seek with data descriptors), in constant memory.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from typing import Any

from . import entities

FILENAME = "ogp-open-data.zip"
FLUSH_BYTES = 256 * 1024

# The dictionary's types (entities._TYPES) as Table Schema types (https://specs.frictionlessdata.io/table-schema/).
_SCHEMA_TYPES = {
    "integer": "integer",
    "number": "number",
    "boolean": "boolean",
    "date (YYYY-MM-DD)": "date",
    "date and time (ISO 8601)": "datetime",
}


def _schema_field(column: entities.Column) -> dict[str, Any]:
    kind = column.type.removesuffix(", empty when unknown")
    described: dict[str, Any] = {
        "name": column.name,
        "type": _SCHEMA_TYPES.get(kind, "string"),
        "description": column.meaning + (f" Allowed values: {column.allowed}." if column.allowed else ""),
    }
    if kind == "URL":
        described["format"] = "uri"
    return described


def descriptor() -> dict[str, Any]:
    """The Data Package descriptor of the bundle (datapackage.json)."""
    return {
        "name": "ogp-open-data",
        "title": "Open Government Partnership: members, action plans, commitments, milestones, IRM assessments",
        "licenses": [{"name": "CC-BY-4.0", "title": entities.LICENCE, "path": entities.LICENCE_URL}],
        "sources": [{"title": entities.CREDIT}],
        "resources": [
            {
                "name": dataset.slug,
                "path": f"{dataset.slug}.csv",
                "title": str(dataset.title),
                "description": str(dataset.description),
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": [_schema_field(column) for column in dataset.columns]},
            }
            for dataset in entities.datasets().values()
        ],
    }


class _Sink(io.RawIOBase):
    """A write-only stream that keeps what zipfile writes until the generator hands it on."""

    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: Any) -> int:
        self.chunks.append(bytes(data))
        self.size += len(data)
        return len(data)

    def drain(self) -> bytes:
        out = b"".join(self.chunks)
        self.chunks, self.size = [], 0
        return out


def iter_zip() -> Iterator[bytes]:
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("datapackage.json", json.dumps(descriptor(), indent=2, ensure_ascii=False))
        for dataset in entities.datasets().values():
            with archive.open(f"{dataset.slug}.csv", "w", force_zip64=True) as member:
                for line in entities.iter_csv(dataset):
                    member.write(line.encode("utf-8"))
                    if sink.size >= FLUSH_BYTES:
                        yield sink.drain()
            yield sink.drain()
    yield sink.drain()
