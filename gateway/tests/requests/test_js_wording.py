"""graphql-js's way of printing values, suggestions and syntax errors."""

from __future__ import annotations

import pytest
from graphql import GraphQLSyntaxError, parse, parse_value

from gateway.js_messages import (
    did_you_mean,
    js_inspect,
    js_number,
    js_object_keys,
    print_value,
    syntax_message,
)


@pytest.mark.parametrize(
    ("number", "printed"),
    [
        (0, "0"),
        (-0.0, "0"),
        (2.0, "2"),
        (1.5, "1.5"),
        (1e16, "10000000000000000"),
        (1e20, "100000000000000000000"),
        (1e21, "1e+21"),
        (1e-6, "0.000001"),
        (1.5e-7, "1.5e-7"),
        (12345678901234567890, "12345678901234567000"),
        (float("inf"), "Infinity"),
    ],
)
def test_numbers_print_as_javascript_prints_them(number: float, printed: str) -> None:
    assert js_number(number) == printed


def test_inspect_prints_objects_arrays_and_strings_the_javascript_way() -> None:
    value = {"b": 1, "2": [1, {"x": {"y": 1}}], "1": 'a"b', "n": None, "t": True, "e": {}}
    assert js_inspect(value) == ('{ 1: "a\\"b", 2: [1, [Object]], b: 1, n: null, t: true, e: {} }')


def test_inspect_shortens_long_and_deep_arrays() -> None:
    assert js_inspect(list(range(12))) == "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, ... 2 more items]"
    assert js_inspect(list(range(11))).endswith(", 9, ... 1 more item]")
    assert js_inspect([[[[1]]]]) == "[[[Array]]]"


def test_array_index_keys_come_first_in_ascending_order() -> None:
    assert js_object_keys({"b": 1, "10": 2, "2": 3, "01": 4}) == ["2", "10", "b", "01"]


def test_suggestions_are_quoted_and_at_most_five() -> None:
    assert did_you_mean([]) == ""
    assert did_you_mean(["a"]) == ' Did you mean "a"?'
    assert did_you_mean(["a", "b"]) == ' Did you mean "a" or "b"?'
    assert did_you_mean(list("abcdef"), "the enum value") == (
        ' Did you mean the enum value "a", "b", "c", "d", or "e"?'
    )


def test_object_and_list_literals_print_without_inner_padding() -> None:
    assert print_value(parse_value('{a: [1, "x", {b: null}], c: ENUM, d: $v}')) == (
        '{a: [1, "x", {b: null}], c: ENUM, d: $v}'
    )


def test_block_strings_print_as_block_strings() -> None:
    assert print_value(parse_value('"""two\nlines"""')) == '"""\ntwo\nlines\n"""'


def syntax_error(source: str) -> str:
    """The message graphql-core gives for ``source``, reworded."""
    with pytest.raises(GraphQLSyntaxError) as raised:
        parse(source, allow_empty_selection_sets=False)
    return syntax_message(raised.value.message)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{ me { name }", "Syntax Error: Expected Name, found <EOF>."),
        ("}", 'Syntax Error: Unexpected "}".'),
        ("query", 'Syntax Error: Expected "{", found <EOF>.'),
        ("{ me { } }", 'Syntax Error: Expected Name, found "}".'),
        ("fragment on User { id }", 'Syntax Error: Unexpected Name "on".'),
        ("{ a(x: 1.) }", 'Syntax Error: Invalid number, expected digit but got: ")".'),
        ("{ a(x: 01) }", 'Syntax Error: Invalid number, unexpected digit after 0: "1".'),
        ('{ a(x: "\\u12") }', 'Syntax Error: Invalid Unicode escape sequence: "\\u12")".'),
        ('{ a(x: "\\x") }', 'Syntax Error: Invalid character escape sequence: "\\x".'),
        (
            "query Q($a: Int = $b) { a }",
            'Syntax Error: Unexpected variable "$b" in constant value.',
        ),
        ("{ a } ..", 'Syntax Error: Unexpected character: ".".'),
        ("{ a(x: .5) }", 'Syntax Error: Unexpected character: ".".'),
        ('{ a } fragment "x"', 'Syntax Error: Expected Name, found String "x".'),
        ("{ a } &", 'Syntax Error: Unexpected "&".'),
        ("{ a } \u00e9", "Syntax Error: Unexpected character: U+00E9."),
        (
            "{ a } 'x'",
            "Syntax Error: Unexpected single quote character ('), did you mean to use "
            'a double quote (")?',
        ),
        ('{ a } "x', "Syntax Error: Unterminated string."),
    ],
)
def test_syntax_errors_read_as_graphql_js_writes_them(source: str, message: str) -> None:
    assert syntax_error(source) == message
