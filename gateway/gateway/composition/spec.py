"""The specs a supergraph links (``link``, ``join``, ``tag``, ``inaccessible``) and their
definitions, as the supergraph must declare them.

The ``join`` version follows the newest federation version a subgraph links, as Apollo's
composer picks it: ``v0.3`` up to federation 2.6, ``v0.4`` (``overrideLabel``) for 2.7 and
``v0.5`` (``contextArguments``) from 2.8.
"""

from __future__ import annotations

from collections.abc import Iterable

__all__ = [
    "LINK_LINK",
    "directive_definitions",
    "inaccessible_link",
    "join_link",
    "join_version",
    "tag_link",
    "type_definitions",
]

LINK_LINK = '@link(url: "https://specs.apollo.dev/link/v1.0")'
_TAG_URL = "https://specs.apollo.dev/tag/v0.3"
_INACCESSIBLE_URL = "https://specs.apollo.dev/inaccessible/v0.2"

_JOIN_FIELD_ARGUMENTS = {
    "0.3": "graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, "
    "type: String, external: Boolean, override: String, usedOverridden: Boolean",
    "0.4": "graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, "
    "type: String, external: Boolean, override: String, usedOverridden: Boolean, "
    "overrideLabel: String",
    "0.5": "graph: join__Graph, requires: join__FieldSet, provides: join__FieldSet, "
    "type: String, external: Boolean, override: String, usedOverridden: Boolean, "
    "overrideLabel: String, contextArguments: [join__ContextArgument!]",
}
_ELEMENTS = (
    "FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM "
    "| ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION"
)
_LINK_PURPOSE = '''enum link__Purpose {
  """
  `SECURITY` features provide metadata necessary to securely resolve fields.
  """
  SECURITY

  """
  `EXECUTION` features provide metadata necessary for operation execution.
  """
  EXECUTION
}'''
_CONTEXT_ARGUMENT = """input join__ContextArgument {
  name: String!
  type: String!
  context: String!
  selection: join__FieldValue!
}"""


def join_version(federation_versions: Iterable[tuple[int, int] | None]) -> str:
    """The ``join`` spec version for subgraphs linking these federation versions."""
    newest = max((version[1] for version in federation_versions if version), default=0)
    if newest >= 8:
        return "0.5"
    if newest == 7:
        return "0.4"
    return "0.3"


def join_link(version: str) -> str:
    """The schema's ``@link`` to the join spec."""
    return f'@link(url: "https://specs.apollo.dev/join/v{version}", for: EXECUTION)'


def _import(spec: str, name: str) -> str:
    return "" if name == spec else f', import: [{{name: "@{spec}", as: "@{name}"}}]'


def tag_link(name: str) -> str:
    """The schema's ``@link`` to the tag spec, whose directive is called ``@name``."""
    return f'@link(url: "{_TAG_URL}"{_import("tag", name)})'


def inaccessible_link(name: str) -> str:
    """The schema's ``@link`` to the inaccessible spec, its directive called ``@name``."""
    return f'@link(url: "{_INACCESSIBLE_URL}", for: SECURITY{_import("inaccessible", name)})'


def directive_definitions(
    version: str, *, tag: str | None, inaccessible: str | None
) -> list[tuple[str, str]]:
    """``(name, definition)`` of the spec directives the supergraph declares.

    ``tag`` and ``inaccessible`` name those directives when the supergraph uses them.
    """
    definitions = [
        (
            "join__enumValue",
            "directive @join__enumValue(graph: join__Graph!) repeatable on ENUM_VALUE",
        ),
        (
            "join__field",
            f"directive @join__field({_JOIN_FIELD_ARGUMENTS[version]}) repeatable on "
            "FIELD_DEFINITION | INPUT_FIELD_DEFINITION",
        ),
        ("join__graph", "directive @join__graph(name: String!, url: String!) on ENUM_VALUE"),
        (
            "join__implements",
            "directive @join__implements(graph: join__Graph!, interface: String!) repeatable on "
            "OBJECT | INTERFACE",
        ),
        (
            "join__type",
            "directive @join__type(graph: join__Graph!, key: join__FieldSet, "
            "extension: Boolean! = false, resolvable: Boolean! = true, "
            "isInterfaceObject: Boolean! = false) repeatable on "
            "OBJECT | INTERFACE | UNION | ENUM | INPUT_OBJECT | SCALAR",
        ),
        (
            "join__unionMember",
            "directive @join__unionMember(graph: join__Graph!, member: String!) repeatable "
            "on UNION",
        ),
        (
            "link",
            "directive @link(url: String, as: String, for: link__Purpose, "
            "import: [link__Import]) repeatable on SCHEMA",
        ),
    ]
    if version != "0.3":
        definitions.append(
            (
                "join__directive",
                "directive @join__directive(graphs: [join__Graph!], name: String!, "
                "args: join__DirectiveArguments) repeatable on "
                "SCHEMA | OBJECT | INTERFACE | FIELD_DEFINITION",
            )
        )
    if inaccessible is not None:
        definitions.append((inaccessible, f"directive @{inaccessible} on {_ELEMENTS}"))
    if tag is not None:
        definitions.append(
            (tag, f"directive @{tag}(name: String!) repeatable on {_ELEMENTS} | SCHEMA")
        )
    return definitions


def type_definitions(version: str) -> list[tuple[str, str]]:
    """``(name, definition)`` of the spec types, except ``join__Graph`` (built per graph)."""
    definitions = [
        ("join__FieldSet", "scalar join__FieldSet"),
        ("link__Import", "scalar link__Import"),
        ("link__Purpose", _LINK_PURPOSE),
    ]
    if version != "0.3":
        definitions.append(("join__DirectiveArguments", "scalar join__DirectiveArguments"))
    if version == "0.5":
        definitions.append(("join__ContextArgument", _CONTEXT_ARGUMENT))
        definitions.append(("join__FieldValue", "scalar join__FieldValue"))
    return definitions
