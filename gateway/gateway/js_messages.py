"""Error wording as graphql-js 16 writes it.

Apollo's gateway answers request errors with graphql-js's messages, which quote names with double
quotes, print values the JavaScript way (``inspect``, ``Number#toString``) and print literals
with graphql-js's printer. graphql-core words the same errors with single quotes and Python
reprs, so the gateway formats these messages itself.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from graphql import (
    BooleanValueNode,
    EnumValueNode,
    FloatValueNode,
    GraphQLError,
    IntValueNode,
    ListValueNode,
    NullValueNode,
    ObjectValueNode,
    StringValueNode,
    ValueNode,
    VariableNode,
)
from graphql.language.block_string import print_block_string
from graphql.language.print_string import print_string

__all__ = [
    "did_you_mean",
    "js_inspect",
    "js_locations",
    "js_number",
    "js_object_keys",
    "print_value",
    "quoted_names",
    "syntax_message",
]

_MAX_SUGGESTIONS = 5
_MAX_ARRAY_LENGTH = 10
_MAX_RECURSIVE_DEPTH = 2
_ARRAY_INDEX_MAX = 2**32 - 2


def did_you_mean(suggestions: Sequence[str], sub_message: str | None = None) -> str:
    """`` Did you mean "a", "b", or "c"?`` (at most five), or ``""`` without suggestions."""
    quoted = [f'"{suggestion}"' for suggestion in suggestions]
    if not quoted:
        return ""
    message = " Did you mean " + (f"{sub_message} " if sub_message else "")
    if len(quoted) == 1:
        return f"{message}{quoted[0]}?"
    if len(quoted) == 2:
        return f"{message}{quoted[0]} or {quoted[1]}?"
    selected = quoted[:_MAX_SUGGESTIONS]
    return f"{message}{', '.join(selected[:-1])}, or {selected[-1]}?"


def js_number(value: float) -> str:
    """``String(value)`` for a JavaScript number (JSON numbers are doubles there)."""
    if isinstance(value, int) and abs(value) < 2**53:
        return str(value)
    try:
        number = float(value)
    except OverflowError:  # an integer beyond any double: JavaScript reads it as Infinity
        number = math.inf if value > 0 else -math.inf
    if math.isnan(number):
        return "NaN"
    if math.isinf(number):
        return "Infinity" if number > 0 else "-Infinity"
    if number == 0:
        return "0"
    sign = "-" if number < 0 else ""
    # repr() gives the shortest round-tripping digits, as ECMAScript's Number#toString does;
    # only where the decimal point goes differs.
    _, digit_tuple, exponent = Decimal(repr(abs(number))).as_tuple()
    digits = "".join(map(str, digit_tuple)).rstrip("0") or "0"
    assert isinstance(exponent, int)
    point = exponent + len(digit_tuple)  # the position of the decimal point after digit 0
    count = len(digits)
    if count <= point <= 21:
        text = digits + "0" * (point - count)
    elif 0 < point <= 21:
        text = f"{digits[:point]}.{digits[point:]}"
    elif -6 < point <= 0:
        text = "0." + "0" * -point + digits
    else:
        power = point - 1
        mantissa = digits if count == 1 else f"{digits[0]}.{digits[1:]}"
        text = f"{mantissa}e{'+' if power >= 0 else '-'}{abs(power)}"
    return sign + text


def _is_array_index(key: str) -> bool:
    return (
        key.isdigit()
        and key.isascii()
        and (key == "0" or key[0] != "0")
        and (int(key) <= _ARRAY_INDEX_MAX)
    )


def js_object_keys(value: Mapping[str, Any]) -> list[str]:
    """The keys in JavaScript's order: array-index keys ascending first, then insertion order."""
    keys = list(value)
    indexes = [key for key in keys if _is_array_index(key)]
    if not indexes:
        return keys
    indexes.sort(key=int)
    return indexes + [key for key in keys if not _is_array_index(key)]


def js_inspect(value: Any) -> str:
    """graphql-js's ``inspect()`` of a JSON value, as error messages print request values."""
    return _inspect(value, 0)


def _inspect(value: Any, depth: int) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return js_number(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, Mapping):
        if not value:
            return "{}"
        if depth >= _MAX_RECURSIVE_DEPTH:
            return "[Object]"
        items = (f"{key}: {_inspect(value[key], depth + 1)}" for key in js_object_keys(value))
        return "{ " + ", ".join(items) + " }"
    if isinstance(value, list | tuple):
        if not value:
            return "[]"
        if depth >= _MAX_RECURSIVE_DEPTH:
            return "[Array]"
        shown = [_inspect(item, depth + 1) for item in value[:_MAX_ARRAY_LENGTH]]
        remaining = len(value) - len(shown)
        if remaining == 1:
            shown.append("... 1 more item")
        elif remaining > 1:
            shown.append(f"... {remaining} more items")
        return "[" + ", ".join(shown) + "]"
    return str(value)


def print_value(node: ValueNode) -> str:
    """A value literal printed as graphql-js 16 prints it (``{a: 1}``, not ``{ a: 1 }``)."""
    if isinstance(node, IntValueNode | FloatValueNode | EnumValueNode):
        return node.value
    if isinstance(node, StringValueNode):
        return print_block_string(node.value) if node.block else print_string(node.value)
    if isinstance(node, BooleanValueNode):
        return "true" if node.value else "false"
    if isinstance(node, NullValueNode):
        return "null"
    if isinstance(node, VariableNode):
        return "$" + node.name.value
    if isinstance(node, ListValueNode):
        return "[" + ", ".join(print_value(item) for item in node.values) + "]"
    if isinstance(node, ObjectValueNode):
        fields = (f"{field.name.value}: {print_value(field.value)}" for field in node.fields)
        return "{" + ", ".join(fields) + "}"
    raise TypeError(f"not a value node: {node!r}")


# --- locations ---------------------------------------------------------------------------------

_LINE_BREAK = re.compile(r"\r\n|[\n\r]")


def _has_astral(text: str) -> bool:
    return not text.isascii() and any(ord(char) > 0xFFFF for char in text)


def js_locations(error: GraphQLError) -> list[dict[str, int]]:
    """An error's locations as graphql-js counts them: columns in UTF-16 code units.

    graphql-core counts code points, so the two differ after a character beyond the BMP.
    """
    source = error.source
    positions = error.positions
    if source is None or positions is None or not _has_astral(source.body):
        return [{"line": loc.line, "column": loc.column} for loc in error.locations or ()]
    body = source.body
    locations = []
    for position in positions:
        line, line_start = 1, 0
        for match in _LINE_BREAK.finditer(body, 0, position):
            line, line_start = line + 1, match.end()
        units = position - line_start + sum(ord(c) > 0xFFFF for c in body[line_start:position])
        locations.append({"line": line, "column": units + 1})
    return locations


# --- syntax errors ---------------------------------------------------------------------------

_SYNTAX_PREFIX = "Syntax Error: "
_VALUED_TOKEN = re.compile(r"(Name|Int|Float|String|BlockString|Comment) '(.*)'", re.DOTALL)
_QUOTED = re.compile(r"'(.*)'", re.DOTALL)


def _token(description: str) -> str:
    """A token description (``Name 'x'``, ``'{'``, ``<EOF>``) with graphql-js's quotes."""
    valued = _VALUED_TOKEN.fullmatch(description)
    if valued:
        return f'{valued.group(1)} "{valued.group(2)}"'
    quoted = _QUOTED.fullmatch(description)
    return f'"{quoted.group(1)}"' if quoted else description


def _code_point(printed: str) -> str:
    # Both print the double quote character as '"'; other printable characters differ.
    return printed if printed == "'\"'" else _token(printed)


_Rewrite = Callable[[re.Match[str]], str]
_SYNTAX_REWRITES: tuple[tuple[re.Pattern[str], _Rewrite], ...] = (
    (
        re.compile(
            r"(Invalid number, unexpected digit after 0|Invalid number, expected digit but got"
            r"|Invalid character within String|Unexpected character|Invalid character): (.+)\.",
            re.DOTALL,
        ),
        lambda m: f"{m[1]}: {_code_point(m[2])}.",
    ),
    (
        re.compile(
            r"(Invalid Unicode escape sequence|Invalid character escape sequence): '(.*)'\.",
            re.DOTALL,
        ),
        lambda m: f'{m[1]}: "{m[2]}".',
    ),
    (
        re.compile(r"Expected (.+?), found (.+)\.", re.DOTALL),
        lambda m: f"Expected {_token(m[1])}, found {_token(m[2])}.",
    ),
    (
        re.compile(r"Unexpected variable '(.*)' in constant value\.", re.DOTALL),
        lambda m: f'Unexpected variable "{m[1]}" in constant value.',
    ),
    (
        re.compile(r"Unexpected (.+)\.", re.DOTALL),
        lambda m: f"Unexpected {_token(m[1])}.",
    ),
    (
        re.compile(r"(.+) is reserved and cannot be used for an enum value\.", re.DOTALL),
        lambda m: f"{_token(m[1])} is reserved and cannot be used for an enum value.",
    ),
)

# graphql-core's lexer explains these two mistakes; graphql-js only names the character.
_DOT_HINTS = (
    re.compile(r"Unexpected '\.\.', did you mean '\.\.\.'\?"),
    re.compile(r"Invalid number, expected digit before '\.', did you mean '0\.\d*'\?"),
)
_FIXED = frozenset(
    {
        "Unterminated string.",
        "Unexpected single quote character ('), did you mean to use a double quote (\")?",
        "Unexpected description, descriptions are not supported on shorthand queries.",
        "Unexpected description, only GraphQL definitions support descriptions.",
    }
)


def syntax_message(message: str) -> str:
    """graphql-js's text for one of graphql-core's ``Syntax Error: ...`` messages."""
    if not message.startswith(_SYNTAX_PREFIX):
        return message
    description = message[len(_SYNTAX_PREFIX) :]
    if description in _FIXED:
        return message
    if any(hint.fullmatch(description) for hint in _DOT_HINTS):
        return _SYNTAX_PREFIX + 'Unexpected character: ".".'
    for pattern, rewrite in _SYNTAX_REWRITES:
        match = pattern.fullmatch(description)
        if match:
            return _SYNTAX_PREFIX + rewrite(match)
    return message


def quoted_names(message: str) -> str:
    """A message whose quoted parts are all names or types, with graphql-js's double quotes.

    GraphQL names and type references never contain quote characters, so every single quote
    in such a message is a delimiter.
    """
    return message.replace("'", '"')
