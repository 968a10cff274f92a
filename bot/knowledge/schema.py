"""Build typed records from YAML data, failing fast with the file and field at fault."""

from __future__ import annotations

import dataclasses
import typing
from typing import Any, Type, TypeVar

T = TypeVar("T")


class KnowledgeError(ValueError):
    """A knowledge file does not match the schema."""


def build(cls: Type[T], data: Any, file: str) -> T:
    """Return ``cls`` built from the YAML ``data`` of ``file``.

    Raises:
        KnowledgeError: naming the file and the field path at fault.

    """
    return _convert(cls, data, f"{file}:")


def _child(where: str, name: str) -> str:
    return f"{where} {name}" if where.endswith(":") else f"{where}.{name}"


def _fail(where: str, message: str) -> KnowledgeError:
    return KnowledgeError(f"{where} {message}" if where.endswith(":") else f"{where}: {message}")


def _convert(kind: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if origin is typing.Union:
        if value is None:
            return None
        inner = next(arg for arg in args if arg is not type(None))
        return _convert(inner, value, where)
    if origin is tuple:
        if not isinstance(value, list):
            raise _fail(where, f"expected a list, got {type(value).__name__}")
        return tuple(
            _convert(args[0], item, f"{where.rstrip(':')}[{i}]") for i, item in enumerate(value)
        )
    if origin is dict:
        if not isinstance(value, dict):
            raise _fail(where, f"expected a mapping, got {type(value).__name__}")
        return {
            _convert(args[0], key, _child(where, key)): _convert(args[1], item, _child(where, key))
            for key, item in value.items()
        }
    if dataclasses.is_dataclass(kind):
        return _build_record(kind, value, where)
    return _scalar(kind, value, where)


def _build_record(cls: Any, value: Any, where: str) -> Any:
    if not isinstance(value, dict):
        raise _fail(where, f"expected a mapping, got {type(value).__name__}")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown = sorted(set(value) - set(fields))
    if unknown:
        raise _fail(where, f"unknown field '{unknown[0]}'")
    arguments = {}
    for name, spec in fields.items():
        path = _child(where, name)
        required = (
            spec.default is dataclasses.MISSING and spec.default_factory is dataclasses.MISSING
        )
        if name not in value or value[name] is None:
            if required:
                raise _fail(path, f"missing required field '{name}'")
            continue
        converted = _convert(hints[name], value[name], path)
        if required and converted in ((), ""):
            raise _fail(path, f"required field '{name}' is empty")
        arguments[name] = converted
    return cls(**arguments)


def _scalar(kind: Any, value: Any, where: str) -> Any:
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if kind is int and isinstance(value, bool):
        raise _fail(where, "expected int, got bool")
    if not isinstance(value, kind):
        raise _fail(where, f"expected {kind.__name__}, got {type(value).__name__}")
    return value
