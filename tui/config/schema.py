"""The validator of `config.yaml`: a strict pydantic model built from `Config`'s fields.

Imported only when a config file is read (`read.py`): pydantic costs about 80 ms at start, and
with no config file the reader needs only `Config`'s defaults. `Config` declares each setting
once (`model.py`); here its type is resolved with the limits of `CONSTRAINED`.
"""

from __future__ import annotations

from dataclasses import MISSING, fields
from functools import cache
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    create_model,
)

from . import model
from .model import FIELDS, Config


def _query(text: str) -> str:
    """A saved search's query, parsed: one that does not parse is a mistake in the file."""
    from ..search.query import QueryError, parse  # pure Python: no polars

    try:
        parse(text)
    except QueryError as exc:
        raise ValueError(f"not a query: {exc}") from None
    return text


CONSTRAINED: dict[str, object] = {
    "Text": Annotated[str, StringConstraints(min_length=1, max_length=4_096)],
    "Keys": Annotated[str, StringConstraints(min_length=1, max_length=200)],
    "Query": Annotated[
        str, StringConstraints(min_length=1, max_length=4_096), AfterValidator(_query)
    ],
}
"""The names `Config`'s types may use beyond builtins, as pydantic checks them."""


@cache
def validator() -> type[BaseModel]:
    """A strict, closed pydantic model with `Config`'s settings (built once)."""
    names = {**vars(model), **CONSTRAINED}
    spec: dict[str, Any] = {}
    for item in fields(Config):
        if item.name not in FIELDS:
            continue
        # The annotation as written in model.py (a string: postponed evaluation), resolved
        # with the limits of CONSTRAINED; trusted source code, not input.
        hint = eval(item.type, names) if isinstance(item.type, str) else item.type
        if item.default_factory is not MISSING:
            default: Any = Field(default_factory=item.default_factory)
        else:
            default = item.default
        spec[item.name] = (hint, default)
    # `theme: yes` is a mistake to report, not the text "True": strict, like the brief schema.
    settings = ConfigDict(strict=True, extra="forbid", frozen=True)
    built: type[BaseModel] = create_model("Config", __config__=settings, **spec)
    return built


def validate(data: dict[str, Any]) -> Config:
    """`data` as a `Config`; raises pydantic's `ValidationError` with every mistake."""
    checked = validator().model_validate(data)
    return Config(**{name: getattr(checked, name) for name in FIELDS})
