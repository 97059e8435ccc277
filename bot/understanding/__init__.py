"""How the assistant decides it has not understood a message at all (see component.py)."""
