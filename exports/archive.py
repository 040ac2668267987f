"""A zip archive of an export's files, streamed: each chunk is compressed and handed on as it comes, so that memory
stays flat however large the files."""

import time
import zipfile
from collections.abc import AsyncIterator
from typing import IO, cast

from exports.chunks import Chunk


class _Pending:
    """Where the archive writes: bytes kept until taken. It has no `tell`, so zipfile writes a stream (sizes after
    each file's data) rather than seeking back."""

    def __init__(self) -> None:
        self.parts: list[bytes] = []

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        return len(data)

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts.clear()
        return data


async def zipped(chunks: AsyncIterator[Chunk]) -> AsyncIterator[bytes]:
    """The zip archive of the chunks' files (deflated, UTF-8), in pieces as they are ready."""
    pending = _Pending()
    with zipfile.ZipFile(cast(IO[bytes], pending), "w", compression=zipfile.ZIP_DEFLATED) as archive:
        name, entry = None, None
        async for chunk in chunks:
            if chunk.name != name:
                if entry is not None:
                    entry.close()
                member = zipfile.ZipInfo(chunk.name, date_time=time.localtime()[:6])
                member.compress_type = zipfile.ZIP_DEFLATED
                name, entry = chunk.name, archive.open(member, "w")
            assert entry is not None
            entry.write(chunk.text.encode("utf-8"))
            if data := pending.take():
                yield data
        if entry is not None:
            entry.close()
    yield pending.take()
