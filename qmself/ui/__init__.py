"""User interfaces: the Textual app (`ui.tui`) and the prompt mode (`ui.prompts`)."""
