"""A service certificate (志愿服务证明) as a PDF: A4, in Chinese, with a QR code to verify it.

The text is set in STSong-Light, Adobe's standard Simplified-Chinese font, as a CID font that
is not embedded: conforming readers supply it (poppler needs its poppler-data package) and the
file stays small. Text goes through the standard ``UniGB-UTF16-H`` CMap, not the
``UniGB-UCS2-H`` reportlab picks: that older CMap has no U+00B7, the middle dot of names such
as 阿依古丽·买买提, nor some 1,300 other characters (©, ™, Yi syllables), which readers would
drop. The bytes written are UTF-16BE either way, so readers (and pdfminer.six) map the text
back to Unicode: it can be searched and extracted. A character outside Adobe-GB1 (a rare 生僻字
beyond the Basic Multilingual Plane such as 𠮷) still prints as a blank box.

The first page is the whole certificate: number, statement, as many service lines as fit, and
the signature block with the QR code. Lines that do not fit continue on follow-on pages (附页)
that repeat the number and the table's header. The same certificate gives the same bytes.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Literal

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import Color, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen.canvas import Canvas

from volunteers.domain.certificate import ServiceCertificate, ServiceLine

__all__ = ["render_certificate"]

FONT = "STSong-Light-UTF16"
"""The name the font is registered under; the PDF names the face, STSong-Light."""
FONT_FACE = "STSong-Light"
FONT_ENCODING = "UniGB-UTF16-H"
# reportlab is untyped: its values get their types here.
PAGE_SIZE: tuple[float, float] = A4
PAGE_WIDTH, PAGE_HEIGHT = PAGE_SIZE
MM: float = mm
MARGIN = 20 * MM
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
TOP = PAGE_HEIGHT - MARGIN

TITLE_SIZE = 22
TEXT_SIZE = 12
TEXT_LEADING = 22
SIGNATURE_LEADING = 20
TABLE_SIZE = 10
TABLE_LEADING = 14
CELL_PADDING = 4
SMALL_SIZE = 8
SMALL_LEADING = 10
FOOTER_Y = 12 * MM

QR_SIZE = 30 * MM
QR_LEVEL = "M"
"""Error correction: a smudged or creased print still scans (15% of the code may be lost)."""
QR_TEXT_WIDTH = 62 * MM
SIGNATURE_WIDTH = 100 * MM

_FIRST_STATEMENT_Y = TOP - TITLE_SIZE - 24 * MM
_HEADING_GAP = 5 * MM
_CLOSING_GAP = 8 * MM
_NOTE_HEIGHT = TABLE_LEADING + 2 * MM

_HEADER_FILL = Color(0.92, 0.92, 0.92)
_COLUMNS = (12 * MM, 34 * MM, CONTENT_WIDTH - 72 * MM, 26 * MM)
_HEADER = ("序号", "日期", "服务内容", "时长（小时）")
# What stays whole on a line: a date, a run of ASCII (a number, the ID number) up to and with
# a slash, so that a URL breaks after one. CJK breaks between any two characters.
_TOKEN = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|[!-.0-~]+/?|/|\s+|.")
# Closing punctuation never starts a line (避头): it hangs into the margin instead.
_NO_LINE_START = frozenset("，。、；：？！）》」』”’")


_Align = Literal["left", "centre", "right"]
_ALIGNMENTS: tuple[_Align, ...] = ("centre", "left", "left", "right")


@dataclass(frozen=True)
class _Row:
    """A table row: the wrapped lines of each column."""

    cells: tuple[tuple[str, ...], ...]
    total: bool = False

    @property
    def height(self) -> float:
        return max(len(lines) for lines in self.cells) * TABLE_LEADING + 2 * CELL_PADDING


_HEADER_ROW = _Row(tuple((title,) for title in _HEADER))


def render_certificate(certificate: ServiceCertificate) -> bytes:
    """The certificate as PDF bytes to print or send; the same certificate, the same bytes."""
    _register_font()
    statement = _statement(certificate)
    closing_height = _closing_height(certificate)
    first_table_top = _first_table_top(len(statement))
    volunteer = _volunteer(certificate)
    follow_on_table_top = _follow_on_table_top(len(volunteer))
    rows = [_line_row(index, line) for index, line in enumerate(certificate.service_lines, 1)]
    rows.append(_total_row(certificate))
    pages = _paginate(
        rows,
        first=first_table_top - (MARGIN + closing_height + _CLOSING_GAP),
        rest=follow_on_table_top - MARGIN,
    )

    buffer = io.BytesIO()
    # PDF 1.5 is where the UTF-16 CMaps came in.
    pdf = Canvas(buffer, pagesize=A4, invariant=1, pdfVersion=(1, 5), lang="zh-CN")
    pdf.setTitle(f"志愿服务证明 {certificate.number}")
    pdf.setAuthor(certificate.issuing_team)
    pdf.setCreator("Pioneer Grid")
    for page, page_rows in enumerate(pages, 1):
        if page == 1:
            _draw_head(pdf, certificate, statement)
            bottom = _draw_table(pdf, page_rows, first_table_top, heading="志愿服务内容")
            if len(pages) > 1:
                note = f"（共 {len(certificate.service_lines)} 条，其余见附页）"
                _text(pdf, MARGIN, bottom - TABLE_LEADING, note, TABLE_SIZE)
                bottom -= _NOTE_HEIGHT
            # Right under the table, so that no blank is left to add lines in.
            _draw_closing(pdf, certificate, top=bottom - _CLOSING_GAP)
        else:
            _draw_follow_on_head(pdf, certificate, volunteer)
            _draw_table(pdf, page_rows, follow_on_table_top, heading="志愿服务内容（续）")
        _draw_footer(pdf, certificate, page, len(pages))
        pdf.showPage()
    pdf.save()
    return buffer.getvalue()


@cache
def _register_font() -> None:
    # reportlab knows no UTF-16 CMap by name, but writes whatever encodingName holds; the
    # font gets its own name, so that "STSong-Light" stays reportlab's for anyone else.
    font = UnicodeCIDFont(FONT_FACE)
    font.encodingName = FONT_ENCODING
    font.name = font.fontName = FONT
    pdfmetrics.registerFont(font)


# What the certificate says


def _statement(certificate: ServiceCertificate) -> list[tuple[float, str]]:
    """The statement's lines, each with its indent: two characters at a paragraph's start."""
    period = certificate.period
    sentence = (
        f"兹证明 {certificate.volunteer_name}（身份证号 {certificate.masked_id_number}，"
        f"志愿者编号 {certificate.volunteer_number}）于 {_day(period.start)}至{_day(period.end)} "
        f"参加志愿服务，累计服务时长 {certificate.total_hours} 小时。"
    )
    lines: list[tuple[float, str]] = []
    for paragraph in (sentence, "特此证明。"):
        indent = 2 * TEXT_SIZE
        for line in _wrap(paragraph, CONTENT_WIDTH, TEXT_SIZE, indent=indent):
            lines.append((indent, line))
            indent = 0
    return lines


def _signature(certificate: ServiceCertificate) -> list[str]:
    lines: list[str] = []
    for text in (
        f"出具组织：{certificate.issuing_team}",
        f"负责人：{certificate.person_in_charge}",
        f"出具日期：{_day(certificate.issued_on)}",
        "（盖章）",
    ):
        lines.extend(_wrap(text, SIGNATURE_WIDTH, TEXT_SIZE))
    return lines


def _volunteer(certificate: ServiceCertificate) -> list[str]:
    """Who the follow-on pages are about."""
    volunteer = f"志愿者：{certificate.volunteer_name}　志愿者编号：{certificate.volunteer_number}"
    return _wrap(volunteer, CONTENT_WIDTH, TABLE_SIZE)


def _qr_caption(certificate: ServiceCertificate) -> list[str]:
    return [
        "扫码或访问以下地址核验本证明：",
        *_wrap(certificate.verification_url, QR_TEXT_WIDTH, SMALL_SIZE),
    ]


def _line_row(index: int, line: ServiceLine) -> _Row:
    cells = (str(index), _day(line.date), line.content, str(line.hours))
    return _Row(
        tuple(
            tuple(_wrap(text, width - 2 * CELL_PADDING, TABLE_SIZE))
            for text, width in zip(cells, _COLUMNS, strict=True)
        )
    )


def _total_row(certificate: ServiceCertificate) -> _Row:
    return _Row((("合计",), ("",), ("",), (str(certificate.total_hours),)), total=True)


# Layout


def _first_table_top(statement_lines: int) -> float:
    return _FIRST_STATEMENT_Y - statement_lines * TEXT_LEADING - 4 * MM - _HEADING_GAP


def _follow_on_table_top(volunteer_lines: int) -> float:
    return TOP - TEXT_SIZE - 22 * MM - (volunteer_lines - 1) * TABLE_LEADING


def _closing_height(certificate: ServiceCertificate) -> float:
    qr_block = QR_SIZE + 2 * MM + len(_qr_caption(certificate)) * SMALL_LEADING
    return max(qr_block, len(_signature(certificate)) * SIGNATURE_LEADING)


def _paginate(rows: list[_Row], *, first: float, rest: float) -> list[list[_Row]]:
    """The rows of each page: ``first`` points of table on page 1, ``rest`` on the others."""
    room = first - _HEADER_ROW.height
    if sum(row.height for row in rows) <= room:
        return [rows]
    pages: list[list[_Row]] = [[]]
    room -= _NOTE_HEIGHT
    used = 0.0
    for row in rows:
        # A follow-on page takes at least one row, so even an outsized one finds a place.
        if used + row.height > room and (pages[-1] or len(pages) == 1):
            pages.append([])
            room, used = rest - _HEADER_ROW.height, 0.0
        pages[-1].append(row)
        used += row.height
    return pages


def _wrap(text: str, width: float, size: float, *, indent: float = 0) -> list[str]:
    """Lines of ``text`` no wider than ``width`` (the first one ``indent`` narrower)."""
    lines: list[str] = []
    line, room = "", width - indent
    for token in _TOKEN.findall(text):
        # A run wider than a whole line (a long URL) is cut anywhere.
        pieces = [token] if _width(token, size) <= width else list(token)
        for piece in pieces:
            if line and piece not in _NO_LINE_START and _width(line + piece, size) > room:
                lines.append(line.rstrip())
                line, room = piece.lstrip(), width
            else:
                line += piece
    lines.append(line.rstrip())
    return lines


def _width(text: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(text, FONT, size))


def _day(day: date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


# Drawing


def _draw_head(
    pdf: Canvas, certificate: ServiceCertificate, statement: list[tuple[float, str]]
) -> None:
    title_y = TOP - TITLE_SIZE
    _text(pdf, PAGE_WIDTH / 2, title_y, "志愿服务证明", TITLE_SIZE, align="centre")
    _text(
        pdf,
        PAGE_WIDTH - MARGIN,
        title_y - 12 * MM,
        f"证明编号：{certificate.number}",
        TABLE_SIZE,
        align="right",
    )
    for index, (indent, line) in enumerate(statement):
        _text(pdf, MARGIN + indent, _FIRST_STATEMENT_Y - index * TEXT_LEADING, line, TEXT_SIZE)


def _draw_follow_on_head(
    pdf: Canvas, certificate: ServiceCertificate, volunteer: list[str]
) -> None:
    y = TOP - TEXT_SIZE
    _text(pdf, MARGIN, y, "志愿服务证明（附页）", TEXT_SIZE)
    _text(pdf, PAGE_WIDTH - MARGIN, y, f"证明编号：{certificate.number}", TABLE_SIZE, align="right")
    for index, line in enumerate(volunteer):
        _text(pdf, MARGIN, y - 8 * MM - index * TABLE_LEADING, line, TABLE_SIZE)


def _draw_table(pdf: Canvas, rows: list[_Row], top: float, *, heading: str) -> float:
    """Draw the heading, the header row and ``rows`` from ``top`` down; return the bottom."""
    _text(pdf, MARGIN, top + _HEADING_GAP - 1 * MM, heading, TEXT_SIZE)
    y = top
    for row in (_HEADER_ROW, *rows):
        _draw_row(pdf, row, y, header=row is _HEADER_ROW)
        y -= row.height
    return y


def _draw_row(pdf: Canvas, row: _Row, top: float, *, header: bool) -> None:
    bottom = top - row.height
    # Centres a line of CJK (ascent about 0.88, descent 0.12 of the size) in its leading.
    first_baseline = top - CELL_PADDING - TABLE_LEADING / 2 - 0.38 * TABLE_SIZE
    if header:
        pdf.setFillColor(_HEADER_FILL)
        pdf.rect(MARGIN, bottom, CONTENT_WIDTH, row.height, stroke=0, fill=1)
        pdf.setFillColor(black)
    pdf.setLineWidth(0.5)
    pdf.rect(MARGIN, bottom, CONTENT_WIDTH, row.height, stroke=1, fill=0)
    left = MARGIN
    for column, (width, lines) in enumerate(zip(_COLUMNS, row.cells, strict=True)):
        # The total row's label spans the columns before the hours.
        if column and (not row.total or column == len(_COLUMNS) - 1):
            pdf.line(left, bottom, left, top)
        align: _Align = "centre" if header else _ALIGNMENTS[column]
        x = {
            "left": left + CELL_PADDING,
            "centre": left + width / 2,
            "right": left + width - CELL_PADDING,
        }[align]
        for index, line in enumerate(lines):
            _text(pdf, x, first_baseline - index * TABLE_LEADING, line, TABLE_SIZE, align=align)
        left += width


def _draw_closing(pdf: Canvas, certificate: ServiceCertificate, *, top: float) -> None:
    """The QR code and its caption on the left, the signature block on the right."""
    qr_y = top - QR_SIZE
    _draw_qr(pdf, certificate.verification_url, MARGIN, qr_y)
    for index, line in enumerate(_qr_caption(certificate)):
        _text(pdf, MARGIN, qr_y - 2 * MM - (index + 0.8) * SMALL_LEADING, line, SMALL_SIZE)
    left = PAGE_WIDTH - MARGIN - SIGNATURE_WIDTH
    for index, line in enumerate(_signature(certificate)):
        _text(pdf, left, top - TEXT_SIZE - index * SIGNATURE_LEADING, line, TEXT_SIZE)


def _draw_qr(pdf: Canvas, url: str, x: float, y: float) -> None:
    """The QR code of ``url``, with a link over it for whoever reads the PDF on a screen."""
    widget = QrCodeWidget(url, barLevel=QR_LEVEL, barWidth=QR_SIZE, barHeight=QR_SIZE)
    drawing = Drawing(QR_SIZE, QR_SIZE)
    drawing.add(widget)
    renderPDF.draw(drawing, pdf, x, y)
    pdf.linkURL(url, (x, y, x + QR_SIZE, y + QR_SIZE), relative=0, thickness=0)


def _draw_footer(pdf: Canvas, certificate: ServiceCertificate, page: int, pages: int) -> None:
    footer = f"证明编号 {certificate.number}　第 {page} 页　共 {pages} 页"
    _text(pdf, PAGE_WIDTH / 2, FOOTER_Y, footer, SMALL_SIZE, align="centre")


def _text(
    pdf: Canvas, x: float, y: float, text: str, size: float, *, align: _Align = "left"
) -> None:
    pdf.setFont(FONT, size)
    if align == "right":
        pdf.drawRightString(x, y, text)
    elif align == "centre":
        pdf.drawCentredString(x, y, text)
    else:
        pdf.drawString(x, y, text)
