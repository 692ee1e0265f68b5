"""Widgets used by more than one screen: the autosave text and the note editor built on it."""
