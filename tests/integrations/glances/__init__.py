"""Tests of the glances integration."""
