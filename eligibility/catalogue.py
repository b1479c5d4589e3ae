"""The policy catalogue: documents and their measures as plain models, for listing and filtering."""
from datetime import date

from pydantic import BaseModel

from .rulebook import Document, Rule, Rulebook


class MeasureSummary(BaseModel):
    """One measure as the catalogue lists it, with its clause."""

    rule_id: str
    title: str
    document_id: str
    document_number: str | None
    city: str
    strength: str
    award_kind: str
    support: str
    amount_yuan: int | None
    one_off: bool
    beneficiary: str
    responsible: str | None
    clause_path: str
    clause_text: str


class DocumentSummary(BaseModel):
    """A policy document with how many measures it has."""

    id: str
    issuer: str
    number: str | None
    title: str
    issued_on: date
    city: str
    division_code: str
    in_force_from: date
    in_force_to: date | None
    measure_count: int


def summarise(rule: Rule, document: Document) -> MeasureSummary:
    """A rule as a catalogue entry."""
    return MeasureSummary(
        rule_id=rule.id, title=rule.title, document_id=document.id, document_number=document.number,
        city=document.jurisdiction.name, strength=rule.strength, award_kind=rule.award.kind,
        support=rule.award.support, amount_yuan=rule.award.amount_yuan, one_off=rule.award.one_off,
        beneficiary=rule.beneficiary, responsible=rule.responsible, clause_path=rule.clause.path,
        clause_text=rule.clause.text,
    )


def measures(rulebook: Rulebook, city: str | None = None, document: str | None = None,
             award_kind: str | None = None, beneficiary: str | None = None,
             strength: str | None = None) -> list[MeasureSummary]:
    """Measures filtered by city (name or division code), document, award kind, beneficiary text and strength."""
    found = []
    for rule in rulebook.rules:
        doc = rulebook.document_of[rule.id]
        if city and city not in (doc.jurisdiction.name, doc.jurisdiction.division_code):
            continue
        if document and document != doc.id:
            continue
        if award_kind and award_kind != rule.award.kind:
            continue
        if beneficiary and beneficiary not in rule.beneficiary:
            continue
        if strength and strength != rule.strength:
            continue
        found.append(summarise(rule, doc))
    return found


def documents(rulebook: Rulebook) -> list[DocumentSummary]:
    """Every document with its measure count."""
    counts = {doc_id: 0 for doc_id in rulebook.documents}
    for rule in rulebook.rules:
        counts[rulebook.document_of[rule.id].id] += 1
    return [
        DocumentSummary(id=d.id, issuer=d.issuer, number=d.number, title=d.title, issued_on=d.issued_on,
                        city=d.jurisdiction.name, division_code=d.jurisdiction.division_code,
                        in_force_from=d.in_force.from_, in_force_to=d.in_force.to, measure_count=counts[d.id])
        for d in rulebook.documents.values()
    ]
