"""Uploads are judged by their bytes: size first, then the real type, then the client's claims."""

from __future__ import annotations

import hashlib
import io
import struct
import zipfile
from collections.abc import AsyncIterator

import pytest
from starlette.datastructures import Headers, UploadFile

from gridkit.errors import InvalidInput
from gridkit.uploads import (
    DOCX,
    EVIDENCE,
    HEIC,
    JPEG,
    MAX_FILENAME_BYTES,
    MP4,
    PDF,
    PNG,
    QUICKTIME,
    WEBP,
    XLSX,
    AttachmentEmpty,
    AttachmentTooLarge,
    AttachmentTypeMismatch,
    AttachmentTypeNotAllowed,
    CheckedUpload,
    UploadPolicy,
    read_checked,
    sanitize_filename,
)


def iso_media(major: bytes, *compatible: bytes) -> bytes:
    """An ISO base media file (MP4, MOV, HEIC): its ftyp box, then some payload."""
    payload = major + b"\x00\x00\x02\x00" + b"".join(compatible)
    return struct.pack(">I", 8 + len(payload)) + b"ftyp" + payload + b"\x00" * 256


def archive(*members: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        for member in members:
            zipped.writestr(member, "<x/>")
    return buffer.getvalue()


JPEG_BYTES = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00" + bytes(256)
PNG_BYTES = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(256)
WEBP_BYTES = b"RIFF" + struct.pack("<I", 260) + b"WEBPVP8 " + bytes(256)
PDF_BYTES = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< >>\n%%EOF\n"
DOCX_BYTES = archive("[Content_Types].xml", "_rels/.rels", "word/document.xml")
XLSX_BYTES = archive("[Content_Types].xml", "_rels/.rels", "xl/workbook.xml")


async def chunks(data: bytes, size: int = 1024) -> AsyncIterator[bytes]:
    for start in range(0, len(data), size):
        yield data[start : start + size]


async def check(
    data: bytes, *, filename: str | None = None, content_type: str | None = None
) -> CheckedUpload:
    return await read_checked(chunks(data), EVIDENCE, filename=filename, content_type=content_type)


@pytest.mark.parametrize(
    ("data", "expected", "filename"),
    [
        pytest.param(JPEG_BYTES, JPEG, "电梯噪音.jpg", id="jpeg"),
        pytest.param(PNG_BYTES, PNG, "截图.png", id="png"),
        pytest.param(WEBP_BYTES, WEBP, "微信图片.webp", id="webp"),
        pytest.param(iso_media(b"heic", b"mif1", b"heic"), HEIC, "IMG_0001.HEIC", id="heic"),
        pytest.param(iso_media(b"mif1", b"mif1", b"heic"), HEIC, "photo.heif", id="heif-brand"),
        pytest.param(PDF_BYTES, PDF, "检测报告.pdf", id="pdf"),
        pytest.param(iso_media(b"isom", b"isom", b"mp41"), MP4, "VID_2024.mp4", id="mp4"),
        pytest.param(iso_media(b"mp41", b"mp41", b"isom"), MP4, "clip.mp4", id="mp4-mp41"),
        pytest.param(iso_media(b"qt  ", b"qt  "), QUICKTIME, "IMG_0002.MOV", id="mov"),
        pytest.param(DOCX_BYTES, DOCX, "整改通知.docx", id="docx"),
        pytest.param(XLSX_BYTES, XLSX, "台账.xlsx", id="xlsx"),
    ],
)
async def test_every_evidence_format_is_recognised_by_its_bytes(
    data: bytes, expected: str, filename: str
) -> None:
    checked = await check(data, filename=filename)
    assert checked.content_type == expected
    assert checked.filename == filename
    assert checked.data == data
    assert checked.size == len(data)
    assert checked.sha256 == hashlib.sha256(data).hexdigest()


async def test_the_bytes_decide_the_type_when_the_client_names_none() -> None:
    checked = await check(PNG_BYTES, filename="scan", content_type="application/octet-stream")
    assert checked.content_type == PNG
    assert checked.filename == "scan.png"


async def test_a_name_with_an_extension_that_claims_nothing_gets_the_real_one() -> None:
    checked = await check(JPEG_BYTES, filename="现场 2024.05.01")
    assert checked.filename == "现场 2024.05.01.jpg"
    assert (await check(JPEG_BYTES)).filename == "attachment.jpg"


async def test_usual_spellings_of_the_real_type_are_accepted() -> None:
    for declared in ("image/jpg", "IMAGE/JPEG", "image/jpeg; charset=binary", "image/*"):
        checked = await check(JPEG_BYTES, filename="a.JPEG", content_type=declared)
        assert checked.content_type == JPEG
    heic = await check(iso_media(b"heic", b"heic"), filename="a.heic", content_type="image/heif")
    assert heic.content_type == HEIC


async def test_a_declared_type_that_contradicts_the_bytes_is_refused() -> None:
    with pytest.raises(AttachmentTypeMismatch) as refused:
        await check(PNG_BYTES, filename="photo.png", content_type="image/jpeg")
    assert refused.value.code == "ATTACHMENT_TYPE_MISMATCH"
    assert isinstance(refused.value, InvalidInput)
    assert refused.value.details == {"declared": JPEG, "detected": PNG}
    assert "photo.png was sent as JPEG, but its content is PNG" in refused.value.message


async def test_a_file_name_that_contradicts_the_bytes_is_refused() -> None:
    with pytest.raises(AttachmentTypeMismatch) as refused:
        await check(PDF_BYTES, filename="report.docx")
    assert refused.value.details == {"declared": DOCX, "detected": PDF}
    assert "Rename it to end in .pdf" in refused.value.message


async def test_a_type_the_policy_does_not_take_is_refused_with_what_it_takes() -> None:
    page = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"
    with pytest.raises(AttachmentTypeNotAllowed) as refused:
        await check(page, filename="photo.jpg", content_type="image/jpeg")
    assert refused.value.code == "ATTACHMENT_TYPE_NOT_ALLOWED"
    assert refused.value.details["allowed"] == list(EVIDENCE.allowed)
    assert refused.value.details["detected"] == "text/html"
    assert "HTML document" in refused.value.message
    assert "JPEG, PNG, WebP, HEIC, PDF, MP4" in refused.value.message


@pytest.mark.parametrize(
    ("data", "detected", "said"),
    [
        pytest.param(b"MZ" + bytes(300), "application/octet-stream", "Executable", id="exe"),
        pytest.param(archive("notes.txt"), "application/zip", "ZIP", id="plain-zip"),
        pytest.param(b"just some words", None, "not recognised", id="unknown"),
    ],
)
async def test_content_outside_the_policy_is_refused_whatever_its_name(
    data: bytes, detected: str | None, said: str
) -> None:
    with pytest.raises(AttachmentTypeNotAllowed) as refused:
        await check(data, filename="evidence.pdf", content_type=PDF)
    assert refused.value.details["detected"] == detected
    assert said in refused.value.message


async def test_a_policy_takes_only_its_own_types() -> None:
    photos = UploadPolicy(max_bytes=1024 * 1024, allowed={JPEG: (".jpg",)})
    with pytest.raises(AttachmentTypeNotAllowed) as refused:
        await read_checked(chunks(PDF_BYTES), photos, filename="a.pdf")
    assert refused.value.message.endswith("Files you can attach: JPEG.")


async def test_reading_stops_as_soon_as_the_limit_is_passed() -> None:
    policy = UploadPolicy(max_bytes=10 * 1024, allowed=EVIDENCE.allowed)
    pulled = 0

    async def endless() -> AsyncIterator[bytes]:
        nonlocal pulled
        yield JPEG_BYTES[:1024]
        while True:
            pulled += 1
            yield bytes(1024)

    with pytest.raises(AttachmentTooLarge) as refused:
        await read_checked(endless(), policy, filename="big.jpg")
    assert pulled == 10  # the chunk that passed 10 KiB was the last one read
    assert refused.value.code == "ATTACHMENT_TOO_LARGE"
    assert refused.value.details == {"max_bytes": 10 * 1024}
    assert "larger than 10 KB" in refused.value.message


async def test_an_upload_file_is_read_no_further_than_one_byte_past_the_limit() -> None:
    policy = UploadPolicy(max_bytes=100 * 1024, allowed=EVIDENCE.allowed)
    spooled = io.BytesIO(JPEG_BYTES + bytes(5 * 1024 * 1024))
    upload = UploadFile(spooled, filename="big.jpg")  # size unknown, as for a streamed part
    with pytest.raises(AttachmentTooLarge):
        await read_checked(upload, policy)
    assert spooled.tell() == 100 * 1024 + 1


async def test_an_upload_file_of_known_size_is_refused_before_reading() -> None:
    spooled = io.BytesIO(JPEG_BYTES)
    upload = UploadFile(spooled, size=EVIDENCE.max_bytes + 1, filename="big.jpg")
    with pytest.raises(AttachmentTooLarge):
        await read_checked(upload, EVIDENCE)
    assert spooled.tell() == 0


async def test_a_file_of_exactly_the_limit_is_accepted() -> None:
    data = JPEG_BYTES + bytes(4096 - len(JPEG_BYTES))
    policy = UploadPolicy(max_bytes=4096, allowed=EVIDENCE.allowed)
    checked = await read_checked(chunks(data, size=1000), policy, filename="a.jpg")
    assert checked.size == 4096


async def test_an_upload_file_brings_its_own_name_and_type() -> None:
    upload = UploadFile(
        io.BytesIO(PNG_BYTES),
        filename="../../村委会/公示.png",
        headers=Headers({"content-type": "image/jpeg"}),
    )
    with pytest.raises(AttachmentTypeMismatch):
        await read_checked(upload, EVIDENCE)
    upload = UploadFile(
        io.BytesIO(PNG_BYTES),
        filename="../../村委会/公示.png",
        headers=Headers({"content-type": "image/png"}),
    )
    checked = await read_checked(upload, EVIDENCE)
    assert (checked.filename, checked.content_type) == ("公示.png", PNG)


async def test_an_empty_file_is_refused() -> None:
    with pytest.raises(AttachmentEmpty) as refused:
        await check(b"", filename="photo.jpg", content_type=JPEG)
    assert refused.value.code == "ATTACHMENT_EMPTY"
    assert "empty" in refused.value.message
    with pytest.raises(AttachmentEmpty):
        await read_checked(UploadFile(io.BytesIO(b""), filename="photo.jpg"), EVIDENCE)


@pytest.mark.parametrize(
    ("sent", "kept"),
    [
        pytest.param("../../etc/passwd", "passwd", id="directories-dropped"),
        pytest.param("C:\\Users\\张三\\Desktop\\电梯噪音.jpg", "电梯噪音.jpg", id="windows-path"),
        pytest.param("photo\u202egpj.exe", "photogpj.exe", id="right-to-left-mark"),
        pytest.param("line\nbreak\x00\x1b.png", "line break.png", id="control-characters"),
        pytest.param('a<b>c:d|e?f*"g.png', "a_b_c_d_e_f__g.png", id="refused-by-file-systems"),
        pytest.param("  ..hidden.png. ", "hidden.png", id="leading-dots-and-spaces"),
        pytest.param("CON.png", "_CON.png", id="windows-device-name"),
        pytest.param("two   spaces\tand tab.pdf", "two spaces and tab.pdf", id="whitespace"),
        pytest.param("..", "attachment", id="nothing-left"),
        pytest.param(None, "attachment", id="no-name"),
    ],
)
def test_file_names_are_made_safe(sent: str | None, kept: str) -> None:
    assert sanitize_filename(sent) == kept


def test_a_long_name_is_shortened_and_keeps_its_extension() -> None:
    name = sanitize_filename("网格" * 200 + ".jpeg")
    assert name.startswith("网格网格")
    assert name.endswith(".jpeg")
    assert len(name.encode()) <= MAX_FILENAME_BYTES


def test_a_policy_cannot_be_changed_once_made() -> None:
    allowed = {JPEG: (".jpg",)}
    policy = UploadPolicy(max_bytes=1024, allowed=allowed)
    allowed[PDF] = (".pdf",)
    assert list(policy.allowed) == [JPEG]
    with pytest.raises(ValueError, match="positive"):
        UploadPolicy(max_bytes=0, allowed=allowed)
    with pytest.raises(ValueError, match="extensions"):
        UploadPolicy(max_bytes=1024, allowed={JPEG: ("jpg",)})
