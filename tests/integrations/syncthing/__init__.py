"""Tests of the syncthing integration."""
