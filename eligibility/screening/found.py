"""What a screening found, for the desk: the enterprises due money, and enterprises and money per county."""
from ..vocabulary import division_name
from .rules_sql import STATUS_CODES
from .run import Screening


def due_money(screening: Screening) -> list[tuple[int, int, str]]:
    """(eid, line, credit_code) of the screened enterprises with at least one eligible explicit award."""
    return [tuple(r) for r in screening.db.rows(
        f"SELECT e.eid, e.line, e.credit_code FROM c_enterprises e WHERE e.eid IN (SELECT r.eid FROM r_outcomes r "
        f"JOIN d_rules d ON d.rule_index = r.rule_index WHERE r.status = {STATUS_CODES['eligible']} AND d.explicit) "
        f"ORDER BY e.eid")]


def per_county(screening: Screening) -> list[dict]:
    eligible = STATUS_CODES["eligible"]
    rows = screening.db.rows(
        "SELECT e.division_code, count(*) AS screened, count(t.eid) AS due, CAST(COALESCE(sum(t.yuan), 0) AS BIGINT) "
        "FROM c_enterprises e LEFT JOIN (SELECT r.eid, sum(r.amount_yuan) AS yuan FROM r_outcomes r JOIN d_rules d "
        f"ON d.rule_index = r.rule_index WHERE r.status = {eligible} AND d.explicit GROUP BY r.eid) t "
        "ON t.eid = e.eid GROUP BY e.division_code ORDER BY 4 DESC, 1")
    return [{"division_code": code, "name": division_name(code) or code, "screened": screened, "due": due,
             "amount_yuan": int(yuan)} for code, screened, due, yuan in rows]
