"""Tests of the netdata integration."""
