"""Tests of the prometheus integration."""
