"""Valid operations Apollo's gateway refuses while building them for its query planner.

Before planning, Apollo's gateway rebuilds the operation over the API schema: the selected
operation's variable defaults first, then every fragment of the document in order, then the
operation's root type and selections. It refuses a root type the schema lacks and a ``Float``
literal too large for a double, which graphql-js validation lets through. Both answer 500
``INVALID_GRAPHQL``, after the variables have been checked.
"""

from __future__ import annotations

import math
import re
from typing import Any

from graphql import (
    BREAK,
    ArgumentNode,
    DocumentNode,
    FloatValueNode,
    FragmentDefinitionNode,
    GraphQLSchema,
    IntValueNode,
    Node,
    OperationDefinitionNode,
    TypeInfo,
    TypeInfoVisitor,
    Visitor,
    get_named_type,
    visit,
)

__all__ = ["unplannable"]

# A literal beyond a double's range has over 308 digits or a three-digit exponent.
_MAYBE_HUGE = re.compile(r"\d{309}|[eE]\+?\d{3}")


class _HugeFloat(Visitor):
    """Finds the first ``Float`` literal that reads as an infinity."""

    def __init__(self, type_info: TypeInfo) -> None:
        super().__init__()
        self.type_info = type_info
        self.arguments: list[str] = []
        self.problem: str | None = None

    def enter_argument(self, node: ArgumentNode, *_args: Any) -> None:
        """Remember whose value is being read."""
        self.arguments.append(node.name.value)

    def leave_argument(self, *_args: Any) -> None:
        """Done with an argument."""
        self.arguments.pop()

    def enter_int_value(self, node: IntValueNode, *_args: Any) -> Any:
        """An integer literal may stand for a float."""
        return self._check(node)

    def enter_float_value(self, node: FloatValueNode, *_args: Any) -> Any:
        """Check a float literal."""
        return self._check(node)

    def _check(self, node: IntValueNode | FloatValueNode) -> Any:
        input_type = self.type_info.get_input_type()
        named = get_named_type(input_type) if input_type is not None else None
        if named is None or named.name != "Float" or not math.isinf(float(node.value)):
            return None
        infinity = "Infinity" if float(node.value) > 0 else "-Infinity"
        problem = f"Float cannot represent non numeric value {infinity}."
        if self.arguments:
            problem = f'Invalid value for argument "{self.arguments[-1]}": {problem}'
        self.problem = problem
        return BREAK


def _huge_float(schema: GraphQLSchema, nodes: list[Node]) -> str | None:
    for node in nodes:
        type_info = TypeInfo(schema)
        finder = _HugeFloat(type_info)
        visit(node, TypeInfoVisitor(type_info, finder))
        if finder.problem is not None:
            return finder.problem
    return None


def unplannable(
    schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode, source: str
) -> str | None:
    """Why Apollo's gateway cannot build ``operation`` for planning, or ``None``."""
    huge = _MAYBE_HUGE.search(source) is not None
    if huge:
        problem = _huge_float(schema, list(operation.variable_definitions or ()))
        problem = problem or _huge_float(
            schema, [d for d in document.definitions if isinstance(d, FragmentDefinitionNode)]
        )
        if problem is not None:
            return problem
    if schema.get_root_type(operation.operation) is None:
        return f'The schema has no "{operation.operation.value}" root type defined'
    if huge:
        # The variable definitions were read first; the rest needs the operation's root type.
        body = OperationDefinitionNode(
            operation=operation.operation,
            directives=operation.directives,
            selection_set=operation.selection_set,
        )
        return _huge_float(schema, [body])
    return None
