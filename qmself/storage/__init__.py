"""Files: the one YAML configuration, loaders that name file/line/field, atomic saves."""
