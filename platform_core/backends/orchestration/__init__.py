"""The orchestration backend kind: see ``base`` for the interface."""
