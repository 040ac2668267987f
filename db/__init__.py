"""Typed SQL tables for cited facts, the engine, and query helpers."""
