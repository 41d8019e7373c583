"""Tests of the caddy integration."""
