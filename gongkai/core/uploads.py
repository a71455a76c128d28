"""Checks every uploaded file passes before it is stored.

Size, an allow-list of extensions, and the file's real type read from its first bytes
(``filetype``) must agree: a renamed executable or HTML page is refused.
"""

from __future__ import annotations

import codecs
import hashlib
from dataclasses import dataclass
from pathlib import PurePath
from typing import IO

import filetype
from django.conf import settings

from gongkai.core.errors import OperationError

# extension -> the MIME types its content may be detected as (None: plain text, no signature)
ALLOWED: dict[str, set[str | None]] = {
    ".pdf": {"application/pdf"},
    ".jpg": {"image/jpeg"},
    ".jpeg": {"image/jpeg"},
    ".png": {"image/png"},
    ".doc": {"application/msword", "application/x-ole-storage", "application/x-cfb"},
    ".docx": {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "application/zip"},
    ".xls": {"application/vnd.ms-excel", "application/x-ole-storage", "application/x-cfb"},
    ".xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/zip"},
    ".ofd": {"application/zip"},
    ".txt": {None},
    ".csv": {None},
}


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    size: int
    sha256: str
    content_type: str


def _size_label(n: int) -> str:
    """20971520 -> "20MB", 10000 -> "9.8KB", 100 -> "100字节"."""
    for unit, label in ((1024 * 1024, "MB"), (1024, "KB")):
        if n >= unit:
            return f"{n / unit:.1f}".removesuffix(".0") + label
    return f"{n}字节"


def check_upload(f: IO[bytes], name: str, *, allowed: dict[str, set[str | None]] | None = None) -> CheckedUpload:
    allowed = allowed or ALLOWED
    clean_name = PurePath(name or "").name[:200]
    ext = PurePath(clean_name).suffix.lower()
    if ext not in allowed:
        kinds = "、".join(sorted(e.lstrip(".") for e in allowed))
        raise OperationError(f"文件“{clean_name}”的类型不允许上传（允许：{kinds}）", field="attachment")
    f.seek(0)
    head = f.read(8192)
    digest = hashlib.sha256(head)
    size = len(head)
    limit = settings.GONGKAI_ATTACHMENT_MAX_BYTES
    too_big = OperationError(f"文件“{clean_name}”超过{_size_label(limit)}，请压缩或分拆后上传", field="attachment")
    if size > limit:
        raise too_big
    for chunk in iter(lambda: f.read(1 << 20), b""):
        size += len(chunk)
        if size > limit:
            raise too_big
        digest.update(chunk)
    f.seek(0)
    if size == 0:
        raise OperationError(f"文件“{clean_name}”是空文件", field="attachment")
    kind = filetype.guess(head)
    mime = kind.mime if kind else None
    if None in allowed[ext]:
        # text files: must not carry a binary signature and must be valid UTF-8 or GB18030
        if mime is not None or b"\x00" in head:
            raise OperationError(f"文件“{clean_name}”的内容与扩展名不符", field="attachment")
        for enc in ("utf-8", "gb18030"):
            try:
                # final=False: the first 8 KB may end inside a multi-byte character.
                codecs.getincrementaldecoder(enc)().decode(head, final=False)
                break
            except UnicodeDecodeError:
                continue
        else:
            raise OperationError(f"文件“{clean_name}”不是可识别的文本文件", field="attachment")
        mime = "text/plain"
    elif mime not in allowed[ext]:
        raise OperationError(f"文件“{clean_name}”的内容与扩展名不符，可能已损坏或被改名", field="attachment")
    return CheckedUpload(clean_name, size, digest.hexdigest(), mime or "application/octet-stream")
