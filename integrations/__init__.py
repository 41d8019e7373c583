"""Integrations: the framework (base, models, errors, client, registry) and one sub-package per service.

This package's ``__init__`` stays empty on purpose: listing integration names must not import any
integration (or its dependencies). Import ``integrations.registry`` to look them up.
"""
