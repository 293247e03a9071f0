"""The screens of `qmself assess`, one module each, all on `qmself.ui.tui.base`."""
