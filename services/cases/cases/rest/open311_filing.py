"""Open311 filing: a posted form read as UTF-8 and turned into the ``ReportCase`` it asks for.

The fields and their meaning are those of ``POST requests.json`` (see ``open311``).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

from fastapi import Request
from starlette.datastructures import FormData

from cases.commands.cases import AnonymousReporter, ReportCase
from cases.domain.category import AttributeDefinition, Category
from cases.domain.errors import InvalidLocation, InvalidReporter
from cases.domain.kinds import AttributeType, CaseSource
from gridkit.errors import InvalidInput

TITLE_MAX_LENGTH = 40
"""A title cut from the description is at most this long: a line in a list."""
MAX_FIELDS = 1000
"""The most fields a posted form may have (as Starlette bounds its own forms)."""
_ATTRIBUTE_FIELD = re.compile(r"attribute\[([^\[\]]+)\](\[\])?")


async def form(request: Request) -> FormData:
    """The posted form: multipart, or urlencoded read as UTF-8; any other body is refused."""
    kind = request.headers.get("content-type", "").split(";", 1)[0].strip().lower()
    if kind == "multipart/form-data":
        return await request.form()
    if kind != "application/x-www-form-urlencoded":
        raise InvalidInput(
            "Post a service request as a form (application/x-www-form-urlencoded), as Open311 does."
        )
    # Open311 sends UTF-8; Starlette would read unescaped bytes (curl -d 1号楼) as Latin-1.
    try:
        body = (await request.body()).decode()
        fields = parse_qsl(body, keep_blank_values=True, max_num_fields=MAX_FIELDS)
    except UnicodeDecodeError:
        raise InvalidInput("The form is not UTF-8 text, as Open311 requires.") from None
    except ValueError:
        raise InvalidInput(f"The form has more than {MAX_FIELDS} fields.") from None
    return FormData([(name, value) for name, value in fields])


def text(form: FormData, name: str) -> str | None:
    """The field ``name`` of ``form``, stripped; None if it is missing, blank or a file."""
    value = form.get(name)
    if not isinstance(value, str) or not value.strip():
        return None
    return value.strip()


def report_command(form: FormData, category: Category, *, for_resident: bool) -> ReportCase:
    """The report an Open311 request asks for in ``category``.

    ``for_resident``: the requester files for a resident (an Open311 client), who must leave
    a phone to be called back on.
    """
    description = text(form, "description")
    latitude, longitude = _degrees(form, "lat"), _degrees(form, "long")
    if latitude is None or longitude is None:
        raise InvalidLocation(
            "Say where the problem is: give lat and long (WGS-84 degrees), which find its "
            "grid, and address_string if you have one; an address alone cannot be placed."
        )
    return ReportCase(
        title=_title(description, category),
        description=_with_media(description or category.name, text(form, "media_url")),
        category_code=category.code,
        attributes=_attributes(form, category),
        source=CaseSource.ONLINE,
        address=text(form, "address_string") or f"{latitude}, {longitude} (WGS-84)",
        longitude=longitude,
        latitude=latitude,
        anonymous_reporter=_resident(form, required=for_resident),
    )


def _degrees(form: FormData, name: str) -> float | None:
    given = text(form, name)
    if given is None:
        return None
    try:
        return float(given)
    except ValueError:
        raise InvalidLocation(
            f"{name} is a number of degrees (WGS-84), such as 36.69; got {given!r}.", field=name
        ) from None


def _title(description: str | None, category: Category) -> str:
    if description is None:
        return category.name
    line = description.splitlines()[0].strip()
    return line if len(line) <= TITLE_MAX_LENGTH else f"{line[: TITLE_MAX_LENGTH - 1]}…"


def _with_media(description: str, media_url: str | None) -> str:
    # The staff open the photo from the case; Open311 lists nothing of ours as media_url.
    if media_url is None:
        return description
    if not media_url.lower().startswith(("http://", "https://")):
        raise InvalidInput(f"media_url is a web address (http:// or https://); got {media_url!r}.")
    return f"{description}\n照片 (media_url): {media_url}"


def _attributes(form: FormData, category: Category) -> dict[str, object]:
    """``attribute[code]`` values as the domain takes them: text, or a list for ``[]`` fields.

    A form cannot tell one value of a list from a single value, so a multiple-choice
    attribute's value is a list however it was sent; the domain checks the rest.
    """
    given: dict[str, list[str]] = {}
    listed: set[str] = set()
    for field, value in form.multi_items():
        match = _ATTRIBUTE_FIELD.fullmatch(field)
        if match is None:
            if field.startswith("attribute"):
                raise InvalidInput(
                    f"{field} is no attribute field: send attribute[code]=value, and "
                    "attribute[code][]=value once per value of a list."
                )
            continue
        if isinstance(value, str):
            given.setdefault(match[1], []).append(value)
            if match[2]:
                listed.add(match[1])
    return {
        code: [v for v in values if v.strip()]
        if code in listed or len(values) > 1 or _is_list(category.attribute(code))
        else values[0]
        for code, values in given.items()
    }


def _is_list(definition: AttributeDefinition | None) -> bool:
    return definition is not None and definition.type is AttributeType.MULTIPLE_CHOICE


def _resident(form: FormData, *, required: bool) -> AnonymousReporter | None:
    phone = text(form, "phone")
    if phone is None:
        if required:
            raise InvalidReporter(
                "Give phone: the number the resident is called back on for the return visit "
                "(回访), such as 13812345678."
            )
        return None
    return AnonymousReporter(
        phone=phone, name=_name(text(form, "first_name"), text(form, "last_name"))
    )


def _name(first: str | None, last: str | None) -> str | None:
    parts = [part for part in (first, last) if part]
    if not parts:
        return None
    # A Chinese name is written family name first, without a space: 王 + 芳 is 王芳.
    if not any(part.isascii() for part in parts):
        return "".join(reversed(parts))
    return " ".join(parts)
