from .notes import Note

__all__ = ["Note"]
