"""The certificate as a PDF: A4, Chinese text that reads back, a QR code of the verification
address, and follow-on pages for a long list of service."""

from __future__ import annotations

import io
from collections.abc import Iterable, Iterator
from datetime import date, timedelta
from decimal import Decimal

from pdfminer.high_level import extract_pages, extract_text
from pdfminer.layout import LTFigure, LTRect
from pdfminer.pdfdocument import PDFDocument
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from reportlab.graphics.barcode import qrencoder
from volunteers_certificate_testing import VERIFICATION_URL, certificate

from volunteers.certificates import render_certificate
from volunteers.certificates.pdf import QR_LEVEL

QUIET_ZONE = 4
"""Modules of white around a QR code (reportlab's default border)."""


def test_the_certificate_is_an_a4_pdf() -> None:
    data = render_certificate(certificate())

    assert data.startswith(b"%PDF-")
    (page,) = _pages(data)
    assert [round(float(side), 1) for side in page.mediabox] == [0, 0, 595.3, 841.9]


def test_the_certificate_reads_back_in_chinese_with_name_id_number_and_total() -> None:
    text = extract_text(io.BytesIO(render_certificate(certificate())))
    joined = "".join(text.split())

    assert "志愿服务证明" in text
    for shown in ("王小芳", "3701**********1234", "V37011200000123", "ZYFW-2026-000123", "12.5"):
        assert shown in text
    assert "累计服务时长12.5小时" in joined
    assert "于2026年6月1日至2026年6月30日参加志愿服务" in joined
    for content in ("“六一”儿童节游园活动", "独居老人入户走访", "社区防汛巡查"):
        assert content in text
    for shown in (
        "出具组织：历城区洪家楼街道第二网格志愿服务队",
        "负责人：李明",
        "出具日期：2026年7月1日",
    ):
        assert shown in joined


def test_a_name_with_the_middle_dot_of_minority_names_keeps_it() -> None:
    # The UCS-2 CMap reportlab picks by default has no U+00B7; readers would drop the dot.
    text = extract_text(
        io.BytesIO(render_certificate(certificate(volunteer_name="阿依古丽·买买提")))
    )
    assert "阿依古丽·买买提" in text


def test_the_font_is_the_standard_song_face_not_embedded() -> None:
    data = render_certificate(certificate())
    assert b"/BaseFont /STSong-Light" in data
    assert b"/Encoding /UniGB-UTF16-H" in data
    assert b"/FontFile" not in data


def test_the_qr_code_links_to_the_verification_address() -> None:
    data = render_certificate(certificate())

    (page,) = _pages(data)
    links = [resolve1(annotation) for annotation in resolve1(page.annots)]
    assert [resolve1(link["A"])["URI"].decode() for link in links] == [VERIFICATION_URL]
    x0, y0, x1, y1 = (float(side) for side in resolve1(links[0]["Rect"]))
    assert round(x1 - x0, 1) == round(y1 - y0, 1) > 0


def test_the_squares_under_the_link_are_the_qr_code_of_the_verification_address() -> None:
    # No QR decoder among the dependencies: compare the dark modules drawn with the encoder's.
    data = render_certificate(certificate())
    (page,) = _pages(data)
    link = resolve1(resolve1(page.annots)[0])
    x0, _, x1, y1 = (float(side) for side in resolve1(link["Rect"]))
    expected = _qr_modules(VERIFICATION_URL)
    module = (x1 - x0) / (len(expected) + 2 * QUIET_ZONE)

    drawn: set[tuple[int, int]] = set()
    (layout,) = extract_pages(io.BytesIO(data))
    for square in _rects(layout):
        if square.fill and x0 <= square.x0 and square.x1 <= x1 and square.y1 <= y1:
            row = round((y1 - square.y1) / module) - QUIET_ZONE
            column = round((square.x0 - x0) / module) - QUIET_ZONE
            drawn.update((row, column + k) for k in range(round(square.width / module)))

    assert drawn == {
        (row, column)
        for row, modules in enumerate(expected)
        for column, dark in enumerate(modules)
        if dark
    }


def test_the_same_certificate_gives_the_same_bytes() -> None:
    assert render_certificate(certificate()) == render_certificate(certificate())


def test_a_long_list_of_service_continues_on_follow_on_pages() -> None:
    june = [date(2026, 6, 1) + timedelta(days=n // 2) for n in range(60)]
    records = [(day, f"第{n + 1}次入户走访", Decimal("1.5")) for n, day in enumerate(june)]
    data = render_certificate(certificate(records=records))

    pages = [
        extract_text(io.BytesIO(data), page_numbers=[number]) for number in range(len(_pages(data)))
    ]
    assert len(pages) >= 2
    assert "其余见附页" in pages[0]
    assert "累计服务时长90.0小时" in "".join(pages[0].split())
    assert VERIFICATION_URL.rsplit("/", 1)[-1] in pages[0]
    for number, text in enumerate(pages, 1):
        assert f"证明编号 ZYFW-2026-000123　第 {number} 页　共 {len(pages)} 页" in text
    for follow_on in pages[1:]:
        assert "志愿服务证明（附页）" in follow_on
        assert "王小芳" in follow_on
    whole = "\n".join(pages)
    for n in range(1, 61):
        assert whole.count(f"第{n}次入户走访") == 1
    assert "合计" in pages[-1]
    assert "90.0" in pages[-1]


def _pages(data: bytes) -> list[PDFPage]:
    return list(PDFPage.create_pages(PDFDocument(PDFParser(io.BytesIO(data)))))


def _rects(items: Iterable[object]) -> Iterator[LTRect]:
    for item in items:
        if isinstance(item, LTRect):
            yield item
        elif isinstance(item, LTFigure):
            yield from _rects(item)


def _qr_modules(text: str) -> list[list[bool]]:
    code = qrencoder.QRCode(None, getattr(qrencoder.QRErrorCorrectLevel, QR_LEVEL))
    code.addData(text)
    code.make()
    return [[bool(dark) for dark in row] for row in code.modules]
