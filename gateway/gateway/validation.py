"""Validating an operation the way Apollo Server validates it: graphql-js 16's rules and words.

Apollo Server runs graphql-js 16's ``specifiedRules`` over the API schema. graphql-core 3.3
follows graphql-js 17 instead: it adds rules (known operation types, ``@defer``/``@stream``),
reports a few rules at other points of the traversal, checks literal values differently and
quotes names with single quotes. So the gateway runs graphql-core's rules where they agree with
graphql-js 16 (rewording their messages), and its own rules where they do not: literal values,
required arguments and the two variable-use rules. The rules run in graphql-js 16's order, which
decides the order of the errors.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from typing import Any, cast

from graphql import (
    BooleanValueNode,
    DirectiveDefinitionNode,
    DirectiveLocation,
    DirectiveNode,
    DocumentNode,
    EnumValueNode,
    FieldNode,
    FloatValueNode,
    GraphQLEnumType,
    GraphQLError,
    GraphQLInputObjectType,
    GraphQLSchema,
    IntValueNode,
    ListValueNode,
    Node,
    NullValueNode,
    ObjectFieldNode,
    ObjectValueNode,
    OperationDefinitionNode,
    ParallelVisitor,
    StringValueNode,
    TypeInfo,
    TypeInfoVisitor,
    ValueNode,
    VariableDefinitionNode,
    Visitor,
    get_named_type,
    get_nullable_type,
    is_input_object_type,
    is_input_type,
    is_leaf_type,
    is_list_type,
    is_non_null_type,
    is_required_argument,
    is_required_input_field,
    print_ast,
    visit,
)
from graphql.pyutils import Undefined, suggestion_list
from graphql.validation import (
    ASTValidationRule,
    ExecutableDefinitionsRule,
    FieldsOnCorrectTypeRule,
    FragmentsOnCompositeTypesRule,
    KnownArgumentNamesRule,
    KnownDirectivesRule,
    KnownFragmentNamesRule,
    KnownTypeNamesRule,
    LoneAnonymousOperationRule,
    MaxIntrospectionDepthRule,
    NoFragmentCyclesRule,
    NoUnusedFragmentsRule,
    OverlappingFieldsCanBeMergedRule,
    PossibleFragmentSpreadsRule,
    ScalarLeafsRule,
    SingleFieldSubscriptionsRule,
    UniqueArgumentNamesRule,
    UniqueDirectivesPerLocationRule,
    UniqueFragmentNamesRule,
    UniqueInputFieldNamesRule,
    UniqueOperationNamesRule,
    UniqueVariableNamesRule,
    ValidationContext,
    ValidationRule,
    VariablesAreInputTypesRule,
    VariablesInAllowedPositionRule,
)
from graphql.validation.validate import query_document_keys_to_validate

from gateway.js_messages import did_you_mean, print_value, quoted_names

__all__ = ["MAX_VALIDATION_ERRORS", "validate_operation"]

MAX_VALIDATION_ERRORS = 100
"""graphql-js's default ``maxErrors``: one more error says validation was aborted."""

_ABORTED = "Too many validation errors, error limit reached. Validation aborted."
_INT_RANGE = range(-(2**31), 2**31)


class _JsTypeInfo(TypeInfo):
    """TypeInfo with graphql-js 16's view inside a list literal given where no list goes.

    graphql-js then treats the items as being of the (nullable) location type itself, which
    decides how such a value's error is worded; graphql-core knows no type there.
    """

    def enter_list_value(self, node: ListValueNode) -> None:
        """Push the item type, or the location's nullable type when it is no list."""
        input_type = self.get_input_type()
        nullable = get_nullable_type(input_type) if input_type is not None else None
        item = nullable.of_type if is_list_type(nullable) else nullable
        self._default_value_stack.append(Undefined)
        self._input_type_stack.append(item if is_input_type(item) else None)


Translate = Callable[[str], str]


class _Reworded:
    """The shared validation context as one graphql-core rule sees it: its errors reworded.

    Sharing one context lets the rules share its caches (variable usages, fragments).
    """

    def __init__(self, context: ValidationContext, translate: Translate) -> None:
        self._context = context
        self._translate = translate

    def report_error(self, error: GraphQLError) -> None:
        """Report ``error``, worded as graphql-js words it."""
        error.message = self._translate(error.message)
        self._context.report_error(error)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._context, name)


_LOCATION = re.compile(r"(.* may not be used on )(.+)\.")


def _directive_location(message: str) -> str:
    # graphql-core names locations by their description ("fragment spread"), graphql-js by
    # their enum name (FRAGMENT_SPREAD).
    match = _LOCATION.fullmatch(message)
    if match:
        try:
            location = DirectiveLocation(match[2]).name
        except ValueError:
            location = match[2]
        message = f"{match[1]}{location}."
    return quoted_names(message)


class _NoUndefinedVariables(ValidationRule):
    """Every variable used is defined by the operation; checked when leaving it."""

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self._defined: set[str] = set()

    def enter_operation_definition(self, *_args: Any) -> None:
        """Start a new operation."""
        self._defined = set()

    def enter_variable_definition(self, node: VariableDefinitionNode, *_args: Any) -> None:
        """Note a defined variable."""
        self._defined.add(node.variable.name.value)

    def leave_operation_definition(self, operation: OperationDefinitionNode, *_args: Any) -> None:
        """Report each use of an undefined variable, directly or in spread fragments."""
        context = self.context
        for usage in context.get_recursive_variable_usages(operation):
            name = usage.node.name.value
            if name not in self._defined:
                message = (
                    f'Variable "${name}" is not defined by operation "{operation.name.value}".'
                    if operation.name
                    else f'Variable "${name}" is not defined.'
                )
                self.report_error(GraphQLError(message, [usage.node, operation]))


class _NoUnusedVariables(ValidationRule):
    """Every variable defined is used by the operation; checked when leaving it."""

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        self._definitions: list[VariableDefinitionNode] = []

    def enter_operation_definition(self, *_args: Any) -> None:
        """Start a new operation."""
        self._definitions = []

    def enter_variable_definition(self, node: VariableDefinitionNode, *_args: Any) -> None:
        """Note a definition."""
        self._definitions.append(node)

    def leave_operation_definition(self, operation: OperationDefinitionNode, *_args: Any) -> None:
        """Report each definition no usage refers to."""
        context = self.context
        used = {usage.node.name.value for usage in context.get_recursive_variable_usages(operation)}
        for definition in self._definitions:
            name = definition.variable.name.value
            if name not in used:
                message = (
                    f'Variable "${name}" is never used in operation "{operation.name.value}".'
                    if operation.name
                    else f'Variable "${name}" is never used.'
                )
                self.report_error(GraphQLError(message, definition))


class _ProvidedRequiredArguments(ValidationRule):
    """Required field and directive arguments are given; checked when leaving the node."""

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        required: dict[str, list[tuple[str, str]]] = {
            directive.name: [
                (name, str(argument.type))
                for name, argument in directive.args.items()
                if is_required_argument(argument)
            ]
            for directive in context.schema.directives
        }
        for definition in context.document.definitions:
            if isinstance(definition, DirectiveDefinitionNode):
                required[definition.name.value] = [
                    (argument.name.value, print_ast(argument.type))
                    for argument in definition.arguments or ()
                    if _is_non_null_type_node(argument.type) and argument.default_value is None
                ]
        self._required = required

    def leave_field(self, node: FieldNode, *_args: Any) -> None:
        """Report each required argument of the field not given."""
        context = self.context
        field = context.get_field_def()
        if field is None:
            return
        given = {argument.name.value for argument in node.arguments or ()}
        for name, argument in field.args.items():
            if name not in given and is_required_argument(argument):
                self.report_error(
                    GraphQLError(
                        f'Field "{node.name.value}" argument "{name}" of type "{argument.type}" '
                        "is required, but it was not provided.",
                        node,
                    )
                )

    def leave_directive(self, node: DirectiveNode, *_args: Any) -> None:
        """Report each required argument of the directive not given."""
        given = {argument.name.value for argument in node.arguments or ()}
        for name, type_text in self._required.get(node.name.value, ()):
            if name not in given:
                self.report_error(
                    GraphQLError(
                        f'Directive "@{node.name.value}" argument "{name}" of type "{type_text}" '
                        "is required, but it was not provided.",
                        node,
                    )
                )


def _is_non_null_type_node(node: Node) -> bool:
    """Whether a type reference of the AST is a non-null type."""
    return node.kind == "non_null_type"


class _ValuesOfCorrectType(ValidationRule):
    """Literal values fit their location's type, checked and worded as graphql-js 16 does."""

    def enter_list_value(self, node: ListValueNode, *_args: Any) -> Any:
        """A list where no list goes is checked as a single value."""
        context = self.context
        parent = context.get_parent_input_type()
        if not is_list_type(get_nullable_type(parent) if parent is not None else None):
            self._check_leaf(node)
            return self.SKIP
        return None

    def enter_object_value(self, node: ObjectValueNode, *_args: Any) -> Any:
        """Required fields are present (an object where no input object goes is a value)."""
        context = self.context
        input_type = context.get_input_type()
        named = get_named_type(input_type) if input_type is not None else None
        if not isinstance(named, GraphQLInputObjectType):
            self._check_leaf(node)
            return self.SKIP
        given = {field.name.value: field for field in node.fields}
        for name, field in named.fields.items():
            if name not in given and is_required_input_field(field):
                self.report_error(
                    GraphQLError(
                        f'Field "{named.name}.{name}" of required type "{field.type}" was not '
                        "provided.",
                        node,
                    )
                )
        if getattr(named, "is_one_of", False):
            self._check_one_of(node, named, given)
        return None

    def _check_one_of(
        self,
        node: ObjectValueNode,
        input_type: GraphQLInputObjectType,
        given: dict[str, ObjectFieldNode],
    ) -> None:
        if len(given) != 1:
            self.report_error(
                GraphQLError(
                    f'OneOf Input Object "{input_type.name}" must specify exactly one key.',
                    [node],
                )
            )
            return
        name, field = next(iter(given.items()))
        if isinstance(field.value, NullValueNode):
            self.report_error(
                GraphQLError(f'Field "{input_type.name}.{name}" must be non-null.', [node])
            )

    def enter_object_field(self, node: ObjectFieldNode, *_args: Any) -> None:
        """A field the input object does not define."""
        context = self.context
        parent = context.get_parent_input_type()
        parent_type = get_named_type(parent) if parent is not None else None
        if context.get_input_type() is None and is_input_object_type(parent_type):
            assert isinstance(parent_type, GraphQLInputObjectType)
            suggestions = suggestion_list(node.name.value, list(parent_type.fields))
            self.report_error(
                GraphQLError(
                    f'Field "{node.name.value}" is not defined by type "{parent_type.name}".'
                    + did_you_mean(suggestions),
                    node,
                )
            )

    def enter_null_value(self, node: NullValueNode, *_args: Any) -> None:
        """``null`` where a non-null type goes."""
        context = self.context
        input_type = context.get_input_type()
        if is_non_null_type(input_type):
            self.report_error(
                GraphQLError(f'Expected value of type "{input_type}", found null.', node)
            )

    def enter_enum_value(self, node: EnumValueNode, *_args: Any) -> None:
        """Check an enum literal."""
        self._check_leaf(node)

    def enter_int_value(self, node: IntValueNode, *_args: Any) -> None:
        """Check an integer literal."""
        self._check_leaf(node)

    def enter_float_value(self, node: FloatValueNode, *_args: Any) -> None:
        """Check a float literal."""
        self._check_leaf(node)

    def enter_string_value(self, node: StringValueNode, *_args: Any) -> None:
        """Check a string literal."""
        self._check_leaf(node)

    def enter_boolean_value(self, node: BooleanValueNode, *_args: Any) -> None:
        """Check a boolean literal."""
        self._check_leaf(node)

    def _check_leaf(self, node: ValueNode) -> None:
        context = self.context
        location_type = context.get_input_type()
        if location_type is None:
            return
        named = get_named_type(location_type)
        if not is_leaf_type(named):
            self.report_error(
                GraphQLError(
                    f'Expected value of type "{location_type}", found {print_value(node)}.', node
                )
            )
            return
        problem = (
            _enum_literal_problem(named, node)
            if isinstance(named, GraphQLEnumType)
            else _scalar_literal_problem(named.name, node)
        )
        if problem is not None:
            self.report_error(GraphQLError(problem, node))


def _scalar_literal_problem(scalar: str, node: ValueNode) -> str | None:
    """What graphql-js's ``parseLiteral`` of a built-in scalar throws, if anything.

    Other scalars of the API schema keep graphql-js's default ``parseLiteral``, which takes any
    literal.
    """
    if scalar == "Int":
        if not isinstance(node, IntValueNode):
            return f"Int cannot represent non-integer value: {print_value(node)}"
        if int(node.value) not in _INT_RANGE:
            return f"Int cannot represent non 32-bit signed integer value: {node.value}"
    elif scalar == "Float":
        if not isinstance(node, IntValueNode | FloatValueNode):
            return f"Float cannot represent non numeric value: {print_value(node)}"
    elif scalar == "String":
        if not isinstance(node, StringValueNode):
            return f"String cannot represent a non string value: {print_value(node)}"
    elif scalar == "Boolean":
        if not isinstance(node, BooleanValueNode):
            return f"Boolean cannot represent a non boolean value: {print_value(node)}"
    elif scalar == "ID" and not isinstance(node, StringValueNode | IntValueNode):
        return f"ID cannot represent a non-string and non-integer value: {print_value(node)}"
    return None


def _enum_literal_problem(enum: GraphQLEnumType, node: ValueNode) -> str | None:
    printed = print_value(node)
    suggestions = did_you_mean(suggestion_list(printed, list(enum.values)), "the enum value")
    if not isinstance(node, EnumValueNode):
        return f'Enum "{enum.name}" cannot represent non-enum value: {printed}.{suggestions}'
    if node.value not in enum.values:
        return f'Value "{printed}" does not exist in "{enum.name}" enum.{suggestions}'
    return None


# graphql-js 16's specifiedRules, in its order; ``None`` marks the gateway's own wording.
_RULES: tuple[tuple[type[ASTValidationRule], Translate | None], ...] = (
    (ExecutableDefinitionsRule, quoted_names),
    (UniqueOperationNamesRule, quoted_names),
    (LoneAnonymousOperationRule, quoted_names),
    (SingleFieldSubscriptionsRule, quoted_names),
    (KnownTypeNamesRule, quoted_names),
    (FragmentsOnCompositeTypesRule, quoted_names),
    (VariablesAreInputTypesRule, quoted_names),
    (ScalarLeafsRule, quoted_names),
    (FieldsOnCorrectTypeRule, quoted_names),
    (UniqueFragmentNamesRule, quoted_names),
    (KnownFragmentNamesRule, quoted_names),
    (NoUnusedFragmentsRule, quoted_names),
    (PossibleFragmentSpreadsRule, quoted_names),
    (NoFragmentCyclesRule, quoted_names),
    (UniqueVariableNamesRule, quoted_names),
    (_NoUndefinedVariables, None),
    (_NoUnusedVariables, None),
    (KnownDirectivesRule, _directive_location),
    (UniqueDirectivesPerLocationRule, quoted_names),
    (KnownArgumentNamesRule, quoted_names),
    (UniqueArgumentNamesRule, quoted_names),
    (_ValuesOfCorrectType, None),
    (_ProvidedRequiredArguments, None),
    (VariablesInAllowedPositionRule, quoted_names),
    (OverlappingFieldsCanBeMergedRule, quoted_names),
    (UniqueInputFieldNamesRule, quoted_names),
    (MaxIntrospectionDepthRule, quoted_names),
)


class _Aborted(Exception):
    """Too many errors: stop the traversal."""


def validate_operation(schema: GraphQLSchema, document: DocumentNode) -> list[GraphQLError]:
    """graphql-js 16's ``validate(schema, document)``: its errors, words and order."""
    errors: list[GraphQLError] = []

    def on_error(error: GraphQLError) -> None:
        if len(errors) >= MAX_VALIDATION_ERRORS:
            errors.append(GraphQLError(_ABORTED))
            raise _Aborted
        errors.append(error)

    type_info = _JsTypeInfo(schema)
    context = ValidationContext(schema, document, type_info, on_error)
    visitors: list[Visitor] = [
        rule(
            context if translate is None else cast(ValidationContext, _Reworded(context, translate))
        )
        for rule, translate in _RULES
    ]
    with contextlib.suppress(_Aborted):
        visit(
            document,
            TypeInfoVisitor(type_info, ParallelVisitor(visitors)),
            query_document_keys_to_validate,
        )
    return errors
