"""The whole configuration as one YAML document: ``config export`` and ``config apply``.

:mod:`.document` holds the pydantic models (the JSON Schema in ``config.schema.json`` is
generated from them), :mod:`.export` writes the store as a document with every secret as an
``env:NAME`` reference, and :mod:`.apply` makes the store match a document in one transaction.
"""
