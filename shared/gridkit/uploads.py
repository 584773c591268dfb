"""Checking an uploaded file before it is stored: its size, its real type, its name.

The client's ``Content-Type`` and file name are claims; the bytes decide. The type
is sniffed from the content (puremagic's signatures, plus the ISO media brands
and Office archive members it cannot tell apart), must be one the policy allows,
and must agree with what the client declared: a ``.jpg`` that holds a PNG, or an
``image/png`` that holds a PDF, is refused rather than stored under a false type.
Reading stops as soon as the limit is passed, so an oversized upload costs at most
the limit in memory.

A route reads an upload in one line and stores what came through::

    @router.post("/cases/{case_id}/attachments")
    async def attach(file: UploadFile, caller: CallerDep) -> dict[str, str]:
        upload = await read_checked(file, EVIDENCE)
        stored = await blobs.put(upload.data, upload.content_type)
        ...  # a row with upload.filename, upload.sha256, upload.size

Starlette has already spooled a multipart ``UploadFile`` to a temporary file by
then; a route that takes the raw body passes ``request.stream()`` (with the name
and type from its headers) to stop reading the network itself at the limit.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
import unicodedata
import zipfile
from collections.abc import AsyncIterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import ClassVar

import puremagic
from starlette.datastructures import UploadFile

from gridkit.errors import InvalidInput

MIB = 1024 * 1024

JPEG = "image/jpeg"
PNG = "image/png"
WEBP = "image/webp"
HEIC = "image/heic"
PDF = "application/pdf"
MP4 = "video/mp4"
QUICKTIME = "video/quicktime"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ZIP = "application/zip"

LABELS: Mapping[str, str] = MappingProxyType(
    {
        JPEG: "JPEG",
        PNG: "PNG",
        WEBP: "WebP",
        HEIC: "HEIC",
        PDF: "PDF",
        MP4: "MP4",
        QUICKTIME: "MOV",
        DOCX: "Word (DOCX)",
        XLSX: "Excel (XLSX)",
        PPTX: "PowerPoint (PPTX)",
        ZIP: "ZIP",
    }
)
"""How a person names each format, for messages."""

MAX_FILENAME_BYTES = 255
"""The longest name (UTF-8) most file systems and archive tools accept."""

_CHUNK = 64 * 1024

# Names clients send for types we know under another name.
_ALIASES = {
    "image/jpg": JPEG,
    "image/pjpeg": JPEG,
    "image/x-png": PNG,
    "image/heif": HEIC,
    "image/heic-sequence": HEIC,
    "image/heif-sequence": HEIC,
    "application/x-pdf": PDF,
}
# Declared types that say nothing about the content: browsers send them for unknown files
# (a wildcard such as ``image/*`` claims nothing either).
_NO_CLAIM = frozenset({"", "application/octet-stream", "binary/octet-stream"})
_OFFICE = frozenset({DOCX, XLSX, PPTX})
# Office files are ZIP archives; the member that only each kind has tells them apart.
_OFFICE_MEMBERS = (
    ("word/document.xml", DOCX),
    ("xl/workbook.xml", XLSX),
    ("ppt/presentation.xml", PPTX),
)
# ISO base media files (MP4, MOV, HEIC) open with an ``ftyp`` box naming their brands.
_BRANDS = {
    **dict.fromkeys((b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx"), HEIC),
    **dict.fromkeys((b"qt  ",), QUICKTIME),
    **dict.fromkeys(
        (b"isom", b"iso2", b"iso4", b"iso5", b"iso6", b"mp41", b"mp42", b"avc1", b"M4V ",
         b"MSNV", b"dash", b"mmp4", b"3gp4", b"3gp5", b"3gp6"),
        MP4,
    ),
}  # fmt: skip
# Characters no file system or shell should meet in a name we hand back out.
_UNSAFE = re.compile(r'[<>:"/\\|?*]')
_WINDOWS_RESERVED = re.compile(r"(con|prn|aux|nul|com[1-9]|lpt[1-9])(\..*)?", re.IGNORECASE)


class AttachmentTooLarge(InvalidInput):
    """The file is larger than the policy allows (``details.max_bytes``)."""

    code: ClassVar[str] = "ATTACHMENT_TOO_LARGE"


class AttachmentTypeNotAllowed(InvalidInput):
    """The file's content is of a type the policy does not take (``details.allowed``)."""

    code: ClassVar[str] = "ATTACHMENT_TYPE_NOT_ALLOWED"


class AttachmentTypeMismatch(InvalidInput):
    """The declared type or the name's extension contradicts the file's content."""

    code: ClassVar[str] = "ATTACHMENT_TYPE_MISMATCH"


class AttachmentEmpty(InvalidInput):
    """The file has no bytes."""

    code: ClassVar[str] = "ATTACHMENT_EMPTY"


@dataclass(frozen=True)
class UploadPolicy:
    """What an endpoint accepts: a size limit and the allowed types."""

    max_bytes: int
    """Largest file accepted, in bytes."""
    allowed: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    """Content type → the file name extensions it may carry (lower case, with the dot),
    the first being the one given to a file named without one."""

    def __post_init__(self) -> None:
        if self.max_bytes <= 0:
            raise ValueError("max_bytes must be positive")
        for content_type, extensions in self.allowed.items():
            if not extensions or any(not ext.startswith(".") for ext in extensions):
                raise ValueError(f"{content_type} needs extensions such as '.jpg'")
        # A policy is shared by every request: nobody may change it under the others.
        object.__setattr__(self, "allowed", MappingProxyType(dict(self.allowed)))

    def labels(self) -> list[str]:
        """The allowed types as a person names them (``JPEG``, ``PDF``)."""
        return [LABELS.get(content_type, content_type) for content_type in self.allowed]


EVIDENCE = UploadPolicy(
    max_bytes=32 * MIB,
    allowed={
        JPEG: (".jpg", ".jpeg"),
        PNG: (".png",),
        WEBP: (".webp",),
        HEIC: (".heic", ".heif"),
        PDF: (".pdf",),
        MP4: (".mp4", ".m4v"),
        QUICKTIME: (".mov",),  # what iPhones record
        DOCX: (".docx",),
        XLSX: (".xlsx",),
    },
)
"""Case evidence: photos, scans, short phone videos, reports. 32 MiB at most."""


@dataclass(frozen=True)
class CheckedUpload:
    """An upload that passed its policy: the bytes and what they really are."""

    data: bytes
    """The whole file."""
    content_type: str
    """The type sniffed from the bytes, as the policy names it (``image/jpeg``)."""
    filename: str
    """The client's name made safe to store and hand back, ending in an extension of
    ``content_type``."""
    sha256: str
    """SHA-256 of ``data``, lower-case hex: the blob's name in a :mod:`gridkit.blobs` store."""
    size: int
    """Length of ``data`` in bytes."""


async def read_checked(
    upload: UploadFile | AsyncIterable[bytes],
    policy: UploadPolicy,
    *,
    filename: str | None = None,
    content_type: str | None = None,
) -> CheckedUpload:
    """Read ``upload`` within ``policy`` and answer what it holds.

    ``filename`` and ``content_type`` are the client's claims; an ``UploadFile``
    brings its own, which they override. Raises :class:`AttachmentTooLarge`
    (without reading past the limit), :class:`AttachmentEmpty`,
    :class:`AttachmentTypeNotAllowed` or :class:`AttachmentTypeMismatch`.
    """
    if isinstance(upload, UploadFile):
        filename = filename if filename is not None else upload.filename
        content_type = content_type if content_type is not None else upload.content_type
        if upload.size is not None and upload.size > policy.max_bytes:
            raise _too_large(policy)
        data = await _read_file(upload, policy)
    else:
        data = await _read_stream(upload, policy)
    if not data:
        raise AttachmentEmpty("The file is empty: choose the file again and resend it.")
    detected = _allowed_type(data, policy)
    name = sanitize_filename(filename)
    _check_declared_type(detected, content_type, name)
    return CheckedUpload(
        data=data,
        content_type=detected,
        filename=_with_extension(name, detected, policy),
        sha256=hashlib.sha256(data).hexdigest(),
        size=len(data),
    )


def sniff(data: bytes) -> list[str]:
    """The types ``data`` may be, most likely first, judged by its bytes alone."""
    return [content_type for content_type, _ in _sniff(data) if content_type]


def sanitize_filename(name: str | None, *, fallback: str = "attachment") -> str:
    """``name`` as a plain file name that is safe to store, log and send back.

    Directories are dropped (``../../etc/passwd`` → ``passwd``), control and
    direction-changing characters removed (a right-to-left mark can make
    ``photo‮gpj.exe`` look like a ``.jpg``), characters that file systems refuse
    replaced by ``_``, and the result kept within :data:`MAX_FILENAME_BYTES`.
    Chinese and other letters are kept as they are.
    """
    text = unicodedata.normalize("NFC", name or "")
    text = re.split(r"[/\\]", text)[-1]
    text = re.sub(r"\s", " ", text)  # tabs and line breaks separate words like spaces do
    text = "".join(ch for ch in text if unicodedata.category(ch) not in ("Cc", "Cf", "Zl", "Zp"))
    text = _UNSAFE.sub("_", text)
    text = " ".join(text.split()).strip(" .")
    if _WINDOWS_RESERVED.fullmatch(text):
        text = f"_{text}"
    if not text:
        return fallback
    stem, dot, extension = text.rpartition(".")
    if not dot or len(extension) > 10:
        stem, extension = text, ""
    suffix = f".{extension}" if extension else ""
    while len((stem + suffix).encode()) > MAX_FILENAME_BYTES:
        stem = stem[:-1]
    return (stem.rstrip(" .") or fallback) + suffix


async def _read_file(upload: UploadFile, policy: UploadPolicy) -> bytes:
    buffer = bytearray()
    while True:
        # Never ask for more than one byte past the limit: that byte proves it was passed.
        chunk = await upload.read(min(_CHUNK, policy.max_bytes + 1 - len(buffer)))
        if not chunk:
            return bytes(buffer)
        buffer += chunk
        if len(buffer) > policy.max_bytes:
            raise _too_large(policy)


async def _read_stream(stream: AsyncIterable[bytes], policy: UploadPolicy) -> bytes:
    buffer = bytearray()
    async for chunk in stream:
        if len(buffer) + len(chunk) > policy.max_bytes:
            raise _too_large(policy)
        buffer += chunk
    return bytes(buffer)


def _too_large(policy: UploadPolicy) -> AttachmentTooLarge:
    return AttachmentTooLarge(
        f"The file is larger than {_size(policy.max_bytes)}, the most that can be attached. "
        "Send a smaller or compressed file.",
        max_bytes=policy.max_bytes,
    )


def _allowed_type(data: bytes, policy: UploadPolicy) -> str:
    found = _sniff(data)
    for content_type, _ in found:
        if content_type in policy.allowed:
            return content_type
    allowed = ", ".join(policy.labels())
    if not found:
        message = f"The type of this file is not recognised. Files you can attach: {allowed}."
    else:
        content_type, description = found[0]
        message = (
            f"This file cannot be attached (its content is: "
            f"{LABELS.get(content_type, description)}). Files you can attach: {allowed}."
        )
    raise AttachmentTypeNotAllowed(
        message, allowed=list(policy.allowed), detected=found[0][0] if found else None
    )


def _check_declared_type(detected: str, declared: str | None, filename: str) -> None:
    claimed = _canonical((declared or "").partition(";")[0].strip().lower())
    if claimed not in _NO_CLAIM and "*" not in claimed and claimed != detected:
        raise AttachmentTypeMismatch(
            f"{filename} was sent as {LABELS.get(claimed, claimed)}, but its content is "
            f"{LABELS.get(detected, detected)}. Save it again as {LABELS.get(claimed, claimed)}, "
            "or choose the right file.",
            declared=claimed,
            detected=detected,
        )


def _with_extension(name: str, detected: str, policy: UploadPolicy) -> str:
    stem, dot, extension = name.rpartition(".")
    extension = f".{extension.lower()}" if dot and stem else ""
    if extension in policy.allowed[detected]:
        return name
    claimed = next((t for t, exts in policy.allowed.items() if extension in exts), None)
    if claimed is not None:
        raise AttachmentTypeMismatch(
            f"{name} is named as {LABELS.get(claimed, claimed)}, but its content is "
            f"{LABELS.get(detected, detected)}. Rename it to end in "
            f"{policy.allowed[detected][0]}, or choose the right file.",
            declared=claimed,
            detected=detected,
        )
    # An unknown or missing extension claims nothing; give the file its real one.
    return sanitize_filename(name + policy.allowed[detected][0])


def _canonical(content_type: str) -> str:
    return _ALIASES.get(content_type, content_type)


def _sniff(data: bytes) -> list[tuple[str, str]]:
    """(content type or '', what the signature calls it) for each type the bytes match."""
    found: dict[str, str] = {}
    try:
        matches = puremagic.magic_string(data)  # no file name: it would count as evidence
    except puremagic.PureError:
        matches = []
    for match in matches:
        if match.offset < 0:
            continue  # a match on the last bytes says nothing about how the file begins
        content_type = _canonical(match.mime_type)
        if content_type in _OFFICE:
            content_type = _office_type(data)  # any ZIP archive matches every Office type
        found.setdefault(content_type, match.name)
    brand = _media_brand(data)
    if brand is not None:
        found.setdefault(brand, LABELS[brand])
    # Named types first: a signature without a media type only serves a message.
    return sorted(found.items(), key=lambda item: not item[0])


def _office_type(data: bytes) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())  # the directory only: nothing is decompressed
    except (zipfile.BadZipFile, ValueError):
        return ZIP
    if "[Content_Types].xml" in names:
        for member, content_type in _OFFICE_MEMBERS:
            if member in names:
                return content_type
    return ZIP


def _media_brand(data: bytes) -> str | None:
    if len(data) < 16 or data[4:8] != b"ftyp":
        return None
    (size,) = struct.unpack(">I", data[:4])
    end = min(max(size, 16), len(data), 4096)
    brands = [data[8:12]] + [data[at : at + 4] for at in range(16, end - 3, 4)]  # major first
    return next((_BRANDS[brand] for brand in brands if brand in _BRANDS), None)


def _size(count: int) -> str:
    if count >= MIB:
        return f"{count / MIB:.3g} MB"
    return f"{count / 1024:.3g} KB" if count >= 1024 else f"{count} bytes"
