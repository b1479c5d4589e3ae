"""Applications, verification, the award ledger and the audit log, on SQLAlchemy (no Flask here)."""
