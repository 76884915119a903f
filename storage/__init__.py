"""Persistence: durable TinyDB files, the library folder, the writer lock (DESIGN §4, §8).

Depends on the domain (``postmortem``) only; never on the UI.
"""
