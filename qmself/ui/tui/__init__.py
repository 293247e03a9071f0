"""The full-screen Textual app behind `qmself assess`."""
