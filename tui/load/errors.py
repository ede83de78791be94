"""Turning validation errors into messages that say what is wrong and what to do."""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

from pydantic import ValidationError
from rapidfuzz import fuzz, process

from ..model import Pos, Problem
from ..text import sanitize
from .yamlread import Path, YamlDoc

_KINDS: dict[type, str] = {
    bool: "true/false",
    int: "a number",
    float: "a number",
    dt.date: "a date",
    dt.datetime: "a date and time",
    list: "a list",
    dict: "a mapping",
    type(None): "nothing (null)",
    str: "text",
}


def describe(value: Any) -> str:
    """A value's kind as a user would say it: `true/false`, `a number`, `a list`..."""
    return _KINDS.get(type(value), type(value).__name__)


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`did you mean `x`?` for the closest choice, or "" when none is close.

    The answer is difflib's (`get_close_matches(word, choices, n=1, cutoff=0.6)`), found at C
    speed: rapidfuzz's ratio (2·LCS/length) is never below difflib's (2·matched/length), so
    difflib only needs to score the choices rapidfuzz ranks at least 0.6, best first, until
    none left could beat the best so far.
    """
    near = process.extract(word, list(choices), scorer=fuzz.ratio, score_cutoff=59.9, limit=None)
    near.sort(key=lambda found: -found[1])
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(word)
    best: tuple[float, str] | None = None
    for choice, score, _ in near:
        if best is not None and score / 100 < best[0] - 1e-9:
            break
        matcher.set_seq1(choice)
        ratio = matcher.ratio()
        if ratio >= 0.6 and (best is None or (ratio, choice) > best):
            best = (ratio, choice)
    return f"did you mean `{best[1]}`?" if best else ""


def unknown_keys(
    mapping: Mapping[str, Any],
    known: Sequence[str],
    where: Callable[[str], Pos],
    what: str = "field",
) -> list[Problem]:
    """A warning for each key of `mapping` that is not `known`, with a did-you-mean.

    Args:
        mapping: The mapping as read.
        known: The names this version knows (in the order the hint lists them).
        where: Where a key is written.
        what: The word for a key in the message ("field", "setting", "theme field").
    """
    return [
        Problem(
            where(key),
            "warning",
            "unknown-field",
            f"unknown {what} `{sanitize(key)}` (ignored)",
            did_you_mean(key, known) or f"known {what}s: {', '.join(known)}",
        )
        for key in mapping
        if key not in known
    ]


def _field(loc: Path) -> str:
    names = [part for part in loc if isinstance(part, str)]
    return names[-1] if names else "value"


def explain(err: Mapping[str, Any], loc: Path, doc: YamlDoc) -> tuple[str, str]:
    """Message and hint for one pydantic error at `loc` (the full path in the document)."""
    kind = err["type"]
    name = _field(loc)
    value = err.get("input")
    item = " items" if loc and isinstance(loc[-1], int) else ""
    if kind == "missing":
        return f"missing required field `{name}`", f"add `{name}: ...`"
    if kind == "string_type":
        raw = doc.raw.get(loc)
        hint = ""
        if raw is not None:
            hint = f'quote it: `"{raw}"` (unquoted, YAML reads {raw} as {describe(value)})'
        elif isinstance(value, (list, dict)):
            hint = "write a single line of text, quoted if it holds `:` or `#`"
        return f"`{name}`{item} must be text, not {describe(value)}", hint
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        shown = doc.raw.get(loc, repr(value) if not isinstance(value, str) else f"'{value}'")
        hint = f"allowed: {expected.replace(chr(39), '')}"
        if isinstance(value, str) and value.strip().isdigit():
            hint += " (write the number without quotes)"
        return f"`{name}` cannot be {shown}", hint
    if kind == "string_pattern_mismatch":
        ref = "or brief-id#claim-id " if name in ("from", "to") else ""
        return (
            f"`{name}` must be an id {ref}(letters, digits, `-`, `_`, `.`), not '{value}'",
            "ids start with a letter or digit and hold no spaces",
        )
    if kind == "string_too_short":
        return f"`{name}` must not be empty", f"write a value for `{name}` or remove the field"
    if kind == "string_too_long":
        limit = err.get("ctx", {}).get("max_length")
        return f"`{name}` is too long (over {limit} characters)", "shorten it"
    if kind in ("list_type", "dict_type", "model_type"):
        want = "a list" if kind == "list_type" else "a mapping (`key: value` lines)"
        return f"`{name}`{item} must be {want}, not {describe(value)}", ""
    if kind.startswith("date"):
        return (
            f"`{name}` must be a date like 2024-11-04, not {doc.raw.get(loc, repr(value))}",
            "write YYYY-MM-DD",
        )
    return f"`{name}`{item}: {_our_words(err)}", ""


def _our_words(err: Mapping[str, Any]) -> str:
    """The message of a pydantic error; for one our validator raised, its own words (pydantic
    puts `Value error, ` before them, which reads as pydantic's, not ours)."""
    if err.get("type") == "value_error" and err.get("ctx", {}).get("error") is not None:
        return str(err["ctx"]["error"])
    return str(err.get("msg", "")).removeprefix("Value error, ")


def errors_of(exc: ValidationError, base: Path) -> list[tuple[Path, Mapping[str, Any]]]:
    """The errors of a validation, each with its full path from the document root."""
    return [((*base, *err["loc"]), err) for err in exc.errors(include_url=False)]
