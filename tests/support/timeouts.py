"""How long a test lets one request to a loopback server (or a live service) take.

Generous on purpose: it only bounds a failing test. A client timeout of a few seconds made
the suite depend on the machine's speed: under ``stress-ng`` on two cores a loopback login
once took longer than 3 s and a good answer became ``TimeoutError`` (``npm`` offline tests).
Tests of the timeout itself use their own short value against a server that never answers.
"""

REQUEST_TIMEOUT = 60.0
"""Seconds: the ``Target.timeout`` / client timeout of tests that are not about timeouts."""
