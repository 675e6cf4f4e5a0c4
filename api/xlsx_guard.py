"""Bounds on an Excel body before openpyxl opens it (a zip bomb is refused unread).

An ``.xlsx`` is a zip archive. Python's zip reader never inflates a member past the size
its directory declares, so the declared sizes bound what reading can cost: their sum is
checked first, then the cells of every worksheet are counted while streaming it (in
chunks, never whole), before the workbook is handed to the questionnaire reader.
"""

from __future__ import annotations

import io
import re
import zipfile

from api.errors import ApiError
from api.schemas.problems import FieldError, Message
from catalog.models.base import Text

MAX_MEMBERS = 200
_CELL = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?c[\s>/]")
_CHUNK = 1 << 20


def check_xlsx(raw: bytes, max_bytes: int, max_cells: int) -> None:
    """Refuse a workbook that would expand past ``max_bytes`` or hold more than
    ``max_cells`` cells (413). A body that is no zip archive, or a damaged one, is left to
    the questionnaire reader, which says what it cannot read."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
    except (zipfile.BadZipFile, ValueError):
        return
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise _too_large(
                f"工作簿有 {len(members)} 个部件；最多 {MAX_MEMBERS} 个",
                f"the workbook has {len(members)} parts; at most {MAX_MEMBERS}",
            )
        expanded = sum(member.file_size for member in members)
        if expanded > max_bytes:
            raise _too_large(
                f"工作簿解压后为 {expanded} 字节；本服务最多读取工作簿的 {max_bytes} 字节"
                "（解压大小上限）",
                f"the workbook expands to {expanded} bytes; this service reads at most "
                f"{max_bytes} bytes of a workbook (the decompressed-size limit)",
            )
        cells = 0
        for member in members:
            if not member.filename.startswith("xl/worksheets/"):
                continue
            try:
                cells += _count_cells(archive, member, max_cells - cells)
            except _TooMany as exc:
                raise _too_large(
                    f"工作簿的单元格超过 {max_cells} 个（本服务的单元格数上限；仅 "
                    f"{member.filename} 就有 {exc.count} 个或更多）",
                    f"the workbook has more than {max_cells} cells (the cell-count limit of "
                    f"this service; {member.filename} alone has {exc.count} or more)",
                ) from exc
            except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError):
                return


def _count_cells(archive: zipfile.ZipFile, member: zipfile.ZipInfo, allowed: int) -> int:
    count = 0
    tail = b""
    with archive.open(member) as stream:
        while chunk := stream.read(_CHUNK):
            data = tail + chunk
            found = list(_CELL.finditer(data))
            # a tag cut at the chunk's end is counted with the next chunk
            keep = max(len(data) - 32, found[-1].end() if found else 0)
            count += len(found)
            tail = data[keep:]
            if count > allowed:
                raise _TooMany(count)
    return count


class _TooMany(Exception):
    def __init__(self, count: int) -> None:
        super().__init__(count)
        self.count = count


def _too_large(zh: str, en: str) -> ApiError:
    return ApiError(
        413,
        "workbook-too-large",
        Text(zh=f"请求体：{zh}", en=f"request body: {en}"),
        title=Text(
            zh="工作簿超出本服务可读取的大小", en="The workbook is larger than this service reads"
        ),
        errors=[FieldError(msg=zh, type="too_large", message=Message(zh=zh, en=en))],
    )
