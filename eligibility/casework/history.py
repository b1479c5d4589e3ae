"""What the bureau already holds for an enterprise, by credit code: awards approved (the ledger) and claims still
being handled. The self-check's claim form warns with it before the enterprise applies for the same award again;
the ledger, not this warning, refuses a second payout."""
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Application, Claim, Enterprise, LedgerEntry

# Claims still being handled: not yet approved in the ledger, not rejected.
OPEN = ("pending", "more_info", "awaiting_second")


def award_key(ledger_key: str) -> str:
    """A ledger key without the per-claim suffix that awards paid more than once carry (key:claim:<id>)."""
    return ledger_key.split(":claim:", 1)[0]


@dataclass
class History:
    """Rule id → the ledger keys (identities of what was awarded) approved, and those of claims still open."""

    approved: dict[str, set[str]] = field(default_factory=dict)
    open: dict[str, set[str]] = field(default_factory=dict)


def of_enterprise(session: Session, credit_code: str) -> History:
    """The enterprise's approved awards and open claims."""
    history = History()
    for rule_id, key in session.execute(select(LedgerEntry.rule_id, LedgerEntry.ledger_key)
                                        .where(LedgerEntry.credit_code == credit_code)):
        history.approved.setdefault(rule_id, set()).add(award_key(key))
    query = (select(Claim.rule_id, Claim.ledger_key).join(Application).join(Enterprise)
             .where(Enterprise.credit_code == credit_code, Claim.status.in_(OPEN)))
    for rule_id, key in session.execute(query):
        history.open.setdefault(rule_id, set()).add(key)
    return history
