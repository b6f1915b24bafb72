"""Enums whose members carry the Indonesian words people read, beside the stable value programs read."""

from __future__ import annotations

from enum import StrEnum
from typing import Self


class Worded(StrEnum):
    """A member is written ``NAME = "value", "kata-kata"``: ``str(member)`` is the value, ``.words`` the words."""

    words: str

    @classmethod
    def of(cls, value: str) -> Self:
        """The member whose value is ``value`` (as ``cls(value)``, which a type checker cannot follow here)."""
        return cls._value2member_map_[value]  # type: ignore[return-value]

    def __new__(cls, value: str, words: str) -> Worded:
        member = str.__new__(cls, value)
        member._value_ = value
        member.words = words
        return member
