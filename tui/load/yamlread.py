"""Strict, safe YAML reading with a position for every value.

libyaml (through PyYAML's `CParser`) does the parsing. We build Python values from its event
stream ourselves instead of using a constructor for whole documents, because that lets us:

- keep the line/column of every key and value, for positioned messages;
- refuse anchors and aliases before anything is expanded (no alias bombs);
- refuse every explicit tag but the plain YAML ones (nothing runs: `!!python/...` is an error);
- report duplicate keys, which PyYAML silently overwrites;
- cap nesting without recursion, so 100,000 `[` cannot overflow a stack;
- turn *every* exception (huge ints, impossible dates, scanner errors) into a problem.

Keys are always taken as written (`on:` stays the text `on`), so YAML 1.1 conversions only touch
values, where the schema's strict types catch them.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode
from yaml.resolver import Resolver

from ..text import line_col
from .located import Path, YamlDoc, YamlProblem

try:
    from yaml import CSafeLoader as _Parser
except ImportError:  # pragma: no cover - libyaml missing: same events, slower
    from yaml import SafeLoader as _Parser  # type: ignore[assignment]

MAX_DEPTH = 32
"""Deepest nesting accepted: briefs need 4 levels; more is a mistake or an attack."""

_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_TAG + t for t in ("str", "int", "float", "bool", "null", "timestamp")}
_STR = _TAG + "str"
_RESOLVER = Resolver()


class _Stop(Exception):
    """Abandon the document: the problem has been recorded."""


class _Frame:
    __slots__ = ("container", "first_seen", "is_map", "key", "key_pos", "path")

    def __init__(self, container: dict[str, Any] | list[Any], path: Path) -> None:
        self.container = container
        self.is_map = type(container) is dict
        self.path = path
        self.key: str | None = None
        self.key_pos: tuple[int, int] = (0, 0)
        self.first_seen: dict[str, int] = {}


def _pos(mark: Any, base: int) -> tuple[int, int]:
    return (mark.line + base, mark.column + 1)


def read_yaml(text: str, first_line: int = 1) -> YamlDoc:
    """Read one YAML document strictly.

    Args:
        text: The YAML text (already decoded, newlines normalised).
        first_line: The file line where `text` starts; every position returned counts from it.

    Returns:
        A `YamlDoc`; fatal problems leave its `value` as None. Never raises.
    """
    doc = YamlDoc()
    try:
        _build(text, doc, first_line)
    except _Stop:
        doc.value = None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _pos(mark, first_line) if mark else (first_line, 1)
        context = exc.context or ""
        if context and exc.context_mark is not None and exc.context_mark is not mark:
            cline, ccol = _pos(exc.context_mark, first_line)
            context += f" (started at line {cline}, column {ccol})"
        message = ", ".join(p for p in (context, exc.problem or "") if p) or "invalid YAML"
        hint, code = "", "yaml-syntax"
        if mark and _char_at(text, mark.line, mark.column) == "\t":
            message = "tab character where YAML expects indentation or a value"
            hint, code = "indent with spaces: YAML does not allow tabs there", "yaml-tab"
        doc.problems.append(YamlProblem(line, col, code, message, hint))
        doc.value = None
    except yaml.reader.ReaderError as exc:
        line, col = line_col(text, exc.position)
        line += first_line - 1
        doc.problems.append(
            YamlProblem(
                line,
                col,
                "yaml-char",
                f"character U+{exc.character:04X} is not allowed in YAML"
                if isinstance(exc.character, int)
                else str(exc.reason),
                "remove it, or write it as an escape in a double-quoted string",
            )
        )
        doc.value = None
    except RecursionError:  # pragma: no cover - nothing here recurses, but never a traceback
        doc.problems.append(YamlProblem(1, 1, "yaml-depth", "nesting is too deep"))
        doc.value = None
    except Exception as exc:  # noqa: BLE001 - the loader promises problems, never exceptions
        doc.problems.append(YamlProblem(1, 1, "yaml-error", f"could not read YAML: {exc}"))
        doc.value = None
    return doc


def _char_at(text: str, line: int, col: int) -> str:
    lines = text.split("\n", line + 1)
    return lines[line][col : col + 1] if line < len(lines) else ""


def _build(text: str, doc: YamlDoc, base: int) -> None:
    # One tight loop over libyaml's events: this is most of a cold load (issue 12), so placing a
    # value is written out inline rather than in helper functions.
    parser = _Parser(text)
    constructor = SafeConstructor()
    stack: list[_Frame] = []
    top: _Frame | None = None  # stack[-1]
    documents = 0
    root_set = False
    at, key_at, raw = doc.at, doc.key_at, doc.raw
    plain = _RESOLVER.yaml_implicit_resolvers  # by first character: what a plain scalar may be
    assert None not in plain and not _RESOLVER.yaml_path_resolvers  # else `resolve` does more

    def fail(mark: Any, code: str, message: str, hint: str = "") -> None:
        line, col = _pos(mark, base)
        doc.problems.append(YamlProblem(line, col, code, message, hint))
        raise _Stop

    scalar_event, alias_event = yaml.ScalarEvent, yaml.AliasEvent
    mapping_start, sequence_start = yaml.MappingStartEvent, yaml.SequenceStartEvent
    mapping_end, sequence_end = yaml.MappingEndEvent, yaml.SequenceEndEvent
    key_tags = (None, "!", _TAG + "str")
    container_tags = (None, "!", _TAG + "map", _TAG + "seq")
    check_event, get_event = parser.check_event, parser.get_event
    while check_event():
        # libyaml's events are untyped: read as Any (every field used is checked by kind).
        event: Any = get_event()
        cls = type(event)
        if cls is scalar_event:
            if event.anchor is not None:
                fail(
                    event.start_mark,
                    "yaml-alias",
                    f"anchor `&{event.anchor}` is not allowed",
                    "write the value out in full: anchors and aliases are refused",
                )
            mark = event.start_mark
            if top is not None and top.is_map and top.key is None:
                if event.tag not in key_tags:
                    fail(mark, "yaml-key", "a mapping key must be plain text")
                top.key = event.value
                top.key_pos = (mark.line + base, mark.column + 1)
                continue
            value = event.value
            if event.tag is not None or (event.implicit[0] and (not value or value[0] in plain)):
                value = _scalar(event, constructor, fail)
            # else quoted, or plain text that no implicit type can start with: text as written
        elif cls is mapping_start or cls is sequence_start:
            mark = event.start_mark
            if event.anchor is not None:
                fail(
                    mark,
                    "yaml-alias",
                    f"anchor `&{event.anchor}` is not allowed",
                    "write the value out in full: anchors and aliases are refused",
                )
            if event.tag not in container_tags:
                fail(
                    mark,
                    "yaml-tag",
                    f"tag `{event.tag}` is not allowed",
                    "remove the tag: briefs use plain YAML values only",
                )
            if top is not None and top.is_map and top.key is None:
                fail(mark, "yaml-key", "a mapping key must be plain text")
            if len(stack) >= MAX_DEPTH:
                fail(
                    mark,
                    "yaml-depth",
                    f"nesting is deeper than {MAX_DEPTH} levels",
                    "briefs need only a few levels: check the brackets and indentation",
                )
            value = {} if cls is mapping_start else []
        elif cls is mapping_end or cls is sequence_end:
            stack.pop()
            top = stack[-1] if stack else None
            continue
        elif cls is alias_event:
            fail(
                event.start_mark,
                "yaml-alias",
                f"alias `*{event.anchor}` is not allowed",
                "write the value out in full: anchors and aliases are refused",
            )
            continue  # pragma: no cover - fail() raises
        else:
            if cls is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    fail(
                        event.start_mark,
                        "yaml-multi-doc",
                        "more than one YAML document",
                        "a brief is one document: remove the extra `---`",
                    )
            continue
        # Place the value (a scalar, or a container just opened) in its parent.
        pos = (mark.line + base, mark.column + 1)
        if top is None:
            path: Path = ()
            doc.value = value
            root_set = True
        elif top.is_map:
            key = top.key
            top.key = None
            assert key is not None
            path = (*top.path, key)
            first_seen = top.first_seen
            if key in first_seen:
                kline, kcol = top.key_pos
                doc.problems.append(
                    YamlProblem(
                        kline,
                        kcol,
                        "duplicate-key",
                        f"key `{key}` appears twice (first on line {first_seen[key]})",
                        "remove one of them: YAML would silently keep only the last",
                    )
                )
            else:
                first_seen[key] = top.key_pos[0]
                key_at[path] = top.key_pos
                top.container[key] = value  # type: ignore[call-overload]
        else:
            container = top.container
            path = (*top.path, len(container))
            container.append(value)  # type: ignore[union-attr]
        at[path] = pos
        if cls is scalar_event:
            if type(value) is not str:
                raw[path] = event.value
        else:
            # A duplicate key's container is still read (for its own problems), then dropped.
            top = _Frame(value, path)
            stack.append(top)
    if not root_set:
        doc.value = None


def _scalar(event: Any, constructor: SafeConstructor, fail: Any) -> Any:
    tag = event.tag
    if tag is None and not event.implicit[0]:
        return event.value  # quoted: always text
    if tag in (None, "!"):
        tag = _RESOLVER.resolve(
            ScalarNode, event.value, event.implicit if tag is None else (False, False)
        )
    elif tag not in _PLAIN_TAGS:
        fail(
            event.start_mark,
            "yaml-tag",
            f"tag `{tag}` is not allowed",
            "remove the tag: briefs use plain YAML values only",
        )
    if tag == _STR:
        return event.value
    node = ScalarNode(tag, event.value, event.start_mark, event.end_mark, event.style)
    try:
        return constructor.construct_object(node)
    except ValueError as exc:
        if "digits" in str(exc) or "int" in tag:
            fail(
                event.start_mark,
                "yaml-value",
                "number is too large",
                "quote it if it is meant as text",
            )
        fail(
            event.start_mark,
            "yaml-value",
            f"`{event.value[:40]}` is not a valid {_tag_name(tag)}: {exc}",
            "fix the value, or quote it if it is meant as text",
        )
    except Exception as exc:  # noqa: BLE001
        fail(
            event.start_mark,
            "yaml-value",
            f"cannot read `{event.value[:40]}`: {exc}",
            "quote the value if it is meant as text",
        )
    return None  # pragma: no cover - fail() raises


def _tag_name(tag: str) -> str:
    name = tag.rsplit(":", 1)[-1]
    return "date" if name == "timestamp" else name
