"""Fetch text: a group printed as the GraphQL document its subgraph receives.

A root fetch is the operation's own keyword with the selections placed there; an entity fetch is
``query($representations: [_Any!]!) { _entities(...) { ... on T { ... } } }``. Each document
declares only the client variables it uses, with their types and defaults as the client wrote.
"""

from __future__ import annotations

from graphql import (
    OperationDefinitionNode,
    VariableDefinitionNode,
    VariableNode,
    Visitor,
    parse,
    print_ast,
    strip_ignored_characters,
    visit,
)

from gateway.planning.grouping import Group
from gateway.planning.plan import EntityInput, Fetch


def fetch_of(
    group: Group,
    operation: OperationDefinitionNode,
    known: set[int],
    concrete: dict[str, list[str]],
) -> Fetch:
    """The fetch of ``group``; ``known`` holds the ids of the plan's groups (others are gone)."""
    if group.root is not None:
        body = print_ast(group.root.to_ast())
    else:
        fragments = " ".join(
            f"... on {type_name} {print_ast(builder.to_ast())}"
            for type_name, builder in group.fragments.items()
        )
        body = f"{{ _entities(representations: $representations) {{ {fragments} }} }}"
    used = _variables_used(body)
    definitions = [
        definition
        for definition in operation.variable_definitions or ()
        if definition.variable.name.value in used
    ]
    declared = ", ".join(_print_variable(definition) for definition in definitions)
    if group.is_entity:
        declared = "$representations: [_Any!]!" + (", " + declared if declared else "")
    keyword = operation.operation.value if group.root is not None else "query"
    header = f"{keyword}({declared}) " if declared else f"{keyword} "
    return Fetch(
        id=group.id,
        service=group.graph,
        operation=strip_ignored_characters(header + body),
        variable_usages=tuple(d.variable.name.value for d in definitions),
        entities=tuple(
            EntityInput(
                path=item.path,
                type_names=frozenset(
                    {*concrete.get(item.type_name, [item.type_name]), item.type_name}
                ),
                requires=tuple(item.requires),
                typename_as=item.typename_as,
                filtered=item.filtered,
            )
            for item in group.inputs
        ),
        depends_on=tuple(sorted(d for d in group.depends_on if d in known)),
    )


class _VariableCollector(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.names: set[str] = set()

    def enter_variable(self, node: VariableNode, *_: object) -> None:
        self.names.add(node.name.value)


def _variables_used(body: str) -> set[str]:
    collector = _VariableCollector()
    visit(parse(body), collector)
    collector.names.discard("representations")
    return collector.names


def _print_variable(definition: VariableDefinitionNode) -> str:
    text = f"${definition.variable.name.value}: {print_ast(definition.type)}"
    if definition.default_value is not None:
        text += f" = {print_ast(definition.default_value)}"
    return text
