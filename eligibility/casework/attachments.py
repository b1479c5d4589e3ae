"""The materials an enterprise hands in for its claims (the evidence items' files) and its answers to 需补充材料.

A file is accepted by its first bytes, not only its name: PDF, JPEG, PNG or OFD (a ZIP holding OFD.xml), at most
`max_bytes`. It is written under a temporary name in the attachments folder (instance/attachments) while its
SHA-256 is computed (`Batch.add`); then, inside the operation's `db.transaction`, `record` or `answer` renames it to
a random name and adds its row. A transaction that fails leaves no file: `Batch` removes every file it wrote unless
told the transaction committed; what a killed process leaves behind (a temporary file, a renamed file without a
row) is removed by `sweep` (`flask attachments sweep`). Files are only ever served as downloads.
"""
import hashlib
import os
import secrets
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

from sqlalchemy import BigInteger, DateTime, ForeignKey, String, Text, select
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from ..clock import utcnow
from .errors import CaseworkError
from .models import Application, Base, Claim, EvidenceItem
from .service import application_status, audit

# kind → what people call it, its media type, the file name endings it may carry.
KINDS = {
    "pdf": ("PDF", "application/pdf", (".pdf",)),
    "jpeg": ("JPEG 图片", "image/jpeg", (".jpg", ".jpeg")),
    "png": ("PNG 图片", "image/png", (".png",)),
    "ofd": ("OFD 版式文件", "application/ofd", (".ofd",)),
}
ACCEPT = ",".join(end for _, _, ends in KINDS.values() for end in ends)
ALLOWED_WORDS = "PDF、JPG、PNG、OFD"
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_FILES_PER_REQUEST = 10
MAX_FILES_PER_ITEM = 10
MAX_FILES_PER_APPLICATION = 60
MAX_BYTES_PER_APPLICATION = 200 * 1024 * 1024
MAX_ANSWER = 2000
MAX_NAME = 120
CHUNK = 64 * 1024
# Claims the enterprise may still hand in materials for; decided ones (and those under a second approver) are closed.
OPEN = ("pending", "more_info")
TEMP_SUFFIX = ".part"


class UploadError(CaseworkError):
    """A file refused (type, size, count) or an upload the claim's state does not allow; Chinese message."""


class ClaimAnswer(Base):
    """The enterprise's answer to a request for more material (需补充材料): its words; its files are attachments."""

    __tablename__ = "claim_answers"

    id: Mapped[int] = mapped_column(primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    request_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"))  # the 补充材料 decision answered
    text: Mapped[str] = mapped_column(Text)
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Attachment(Base):
    """One file handed in for a claim: for one of its evidence items, or with an answer."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id"), index=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id"), index=True)
    evidence_item_id: Mapped[int | None] = mapped_column(ForeignKey("evidence_items.id"), index=True)
    answer_id: Mapped[int | None] = mapped_column(ForeignKey("claim_answers.id"))
    original_name: Mapped[str] = mapped_column(String(255))
    kind: Mapped[str] = mapped_column(String(10))  # a key of KINDS
    size_bytes: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    stored_name: Mapped[str] = mapped_column(String(64), unique=True)
    uploaded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    uploaded_by: Mapped[str] = mapped_column(String(120))
    withdrawn_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))

    evidence_item: Mapped[EvidenceItem | None] = relationship(viewonly=True)

    @property
    def media_type(self) -> str:
        return KINDS[self.kind][1]

    @property
    def size_text(self) -> str:
        """The size as people read it: 356 KB, 2.4 MB."""
        if self.size_bytes >= 1024 * 1024:
            return f"{self.size_bytes / 1024 / 1024:.1f} MB"
        return f"{max(1, round(self.size_bytes / 1024))} KB"


# --- staging files -----------------------------------------------------------------------------------------------

@dataclass
class Staged:
    """A file written under a temporary name, checked, with its checksum; `path` is where it is now."""

    item_id: int | None
    name: str
    kind: str
    size: int
    sha256: str
    path: Path
    stored_name: str | None = None


def clean_name(filename: str | None) -> str:
    """The file's own name, as shown and offered on download: no folders, no control characters, not too long."""
    name = unicodedata.normalize("NFC", filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c) not in ("Cc", "Cf", "Zl", "Zp")).strip()
    stem, dot, end = name.rpartition(".")
    if len(name) > MAX_NAME:
        name = (stem[:MAX_NAME - len(end) - 1] + "." + end) if dot and len(end) <= 5 else name[:MAX_NAME]
    return name


def kind_of_name(name: str) -> str | None:
    lowered = name.lower()
    return next((kind for kind, (_, _, ends) in KINDS.items() if lowered.endswith(ends)), None)


def kind_of_content(path: Path) -> str | None:
    """The file's type by its first bytes (magic numbers); OFD is a ZIP package with OFD.xml at its root."""
    with path.open("rb") as file:
        head = file.read(8)
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if head == b"\x89PNG\r\n\x1a\n":
        return "png"
    if head.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(path) as package:
                if any(n.lower() == "ofd.xml" for n in package.namelist()):
                    return "ofd"
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
    return None


class Batch:
    """Files staged for one operation. On leaving the `with` block every file it wrote is removed, unless
    `committed()` said the transaction that recorded them has committed."""

    def __init__(self, folder: Path, max_bytes: int = MAX_FILE_BYTES):
        self.folder, self.max_bytes, self._kept = Path(folder), max_bytes, False
        self.files: list[Staged] = []

    def __enter__(self) -> "Batch":
        return self

    def __exit__(self, *_exc) -> None:
        if not self._kept:
            for staged in self.files:
                staged.path.unlink(missing_ok=True)

    def committed(self) -> None:
        self._kept = True

    def add(self, stream, filename: str | None, item_id: int | None) -> Staged:
        """Write one uploaded file under a temporary name, checking its name, size and type; UploadError if refused."""
        if len(self.files) >= MAX_FILES_PER_REQUEST:
            raise UploadError(f"一次最多上传{MAX_FILES_PER_REQUEST}个文件,请分次上传")
        name = clean_name(filename)
        named = kind_of_name(name)
        if named is None:
            raise UploadError(f"“{name or '所选文件'}”不是可接受的文件类型:只接受 {ALLOWED_WORDS} 文件")
        self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        path = self.folder / f".{secrets.token_hex(16)}{TEMP_SUFFIX}"
        digest, size = hashlib.sha256(), 0
        staged = Staged(item_id=item_id, name=name, kind=named, size=0, sha256="", path=path)
        self.files.append(staged)  # from here on, leaving the batch removes it
        with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as out:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > self.max_bytes:
                    raise UploadError(f"“{name}”超过{self.max_bytes // 1024 // 1024} MB,请压缩或拆分后上传")
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        if size == 0:
            raise UploadError(f"“{name}”是空文件,请重新选择")
        found = kind_of_content(path)
        if found is None:
            raise UploadError(f"“{name}”的内容不是有效的 {ALLOWED_WORDS} 文件(按文件内容判断),请确认后重新选择")
        if found != named:
            raise UploadError(f"“{name}”的扩展名是{KINDS[named][0]},内容却是{KINDS[found][0]},请改正扩展名或重新选择")
        staged.size, staged.sha256 = size, digest.hexdigest()
        return staged

    def place(self, staged: Staged) -> str:
        """Give a staged file its random final name (inside the transaction, before it commits)."""
        stored = secrets.token_hex(16)
        final = self.folder / stored
        os.replace(staged.path, final)
        staged.path, staged.stored_name = final, stored
        return stored


# --- operations (inside db.transaction) ----------------------------------------------------------------------------

def _open_claim(session: Session, application: Application, claim_id: int) -> Claim:
    claim = session.get(Claim, claim_id, with_for_update=True, populate_existing=True) if claim_id > 0 else None
    if claim is None or claim.application_id != application.id:
        raise UploadError("没有这项申请奖励")
    if claim.status not in OPEN:
        raise UploadError("该奖励已作出决定或正待复核,不再接收材料")
    return claim


def live(session: Session, application_id: int) -> list[Attachment]:
    """An application's files not withdrawn, oldest first."""
    return list(session.scalars(select(Attachment).where(Attachment.application_id == application_id,
                                                         Attachment.withdrawn_at.is_(None)).order_by(Attachment.id)))


def _check_room(session: Session, application: Application, claim: Claim, batch: Batch) -> None:
    existing = live(session, application.id)
    if len(existing) + len(batch.files) > MAX_FILES_PER_APPLICATION:
        raise UploadError(f"每份申请最多上传{MAX_FILES_PER_APPLICATION}个文件")
    if sum(a.size_bytes for a in existing) + sum(f.size for f in batch.files) > MAX_BYTES_PER_APPLICATION:
        raise UploadError(f"每份申请上传的文件合计不超过{MAX_BYTES_PER_APPLICATION // 1024 // 1024} MB")
    items = {item.id: item for item in claim.evidence}
    for staged in batch.files:
        if staged.item_id is not None and staged.item_id not in items:
            raise UploadError("没有这项材料")
        kept = sum(a.claim_id == claim.id and a.evidence_item_id == staged.item_id for a in existing)
        if kept + sum(f.item_id == staged.item_id for f in batch.files) > MAX_FILES_PER_ITEM:
            label = items[staged.item_id].label if staged.item_id is not None else "其他补充材料"
            raise UploadError(f"“{label}”最多上传{MAX_FILES_PER_ITEM}个文件")
        if staged.item_id is not None and items[staged.item_id].status == "verified":
            raise UploadError(f"“{items[staged.item_id].label}”经办人已核验,无需再上传")


def _add_files(session: Session, batch: Batch, application: Application, claim: Claim, actor: str,
               answer: ClaimAnswer | None = None) -> list[Attachment]:
    labels: dict[int | None, str] = {item.id: item.label for item in claim.evidence}
    added = []
    for staged in batch.files:
        stored = batch.place(staged)
        attachment = Attachment(application_id=application.id, claim_id=claim.id, evidence_item_id=staged.item_id,
                                answer_id=answer.id if answer else None, original_name=staged.name,
                                kind=staged.kind, size_bytes=staged.size, sha256=staged.sha256, stored_name=stored,
                                uploaded_at=utcnow(), uploaded_by=actor)
        session.add(attachment)
        session.flush()
        audit(session, actor, "attachment_uploaded", "attachment", attachment.id, application.id, after={
            "claim": claim.title, "item": labels.get(staged.item_id, "其他补充材料"), "file": staged.name,
            "size_bytes": staged.size, "sha256": staged.sha256})
        added.append(attachment)
    return added


def record(session: Session, batch: Batch, application: Application, claim_id: int, actor: str) -> list[Attachment]:
    """Add the batch's files to a claim that is still open (待审核 or 需补充材料)."""
    if not batch.files:
        raise UploadError("请先选择要上传的文件")
    claim = _open_claim(session, application, claim_id)
    _check_room(session, application, claim, batch)
    return _add_files(session, batch, application, claim, actor)


def answer(session: Session, batch: Batch, application: Application, claim_id: int, text: str,
           actor: str) -> ClaimAnswer:
    """Answer a request for more material: the words and any files; the claim returns to review (待审核)."""
    claim = _open_claim(session, application, claim_id)
    if claim.status != "more_info":
        raise UploadError("经办人没有要求补充这项奖励的材料")
    text = text.strip()
    if not text:
        raise UploadError("请写明补充的内容或说明", "answer")
    if len(text) > MAX_ANSWER:
        raise UploadError(f"答复最多{MAX_ANSWER}字", "answer")
    if "\x00" in text:
        raise UploadError("答复含有空字符(NUL),请删除后再提交", "answer")
    _check_room(session, application, claim, batch)
    request = next((d for d in reversed(claim.decisions) if d.outcome == "more_info"), None)
    reply = ClaimAnswer(claim_id=claim.id, request_id=request.id if request else None, text=text,
                        answered_at=utcnow())
    session.add(reply)
    session.flush()
    files = _add_files(session, batch, application, claim, actor, reply)
    claim.status = "pending"
    previous = application.status
    application.status = application_status(application)
    audit(session, actor, "answered", "claim", claim.id, application.id, {"status": "more_info"},
          {"status": "pending", "answer": text, "files": [f.original_name for f in files]})
    if previous != application.status:
        audit(session, actor, "status_changed", "application", application.id, application.id,
              {"status": previous}, {"status": application.status})
    return reply


def withdraw(session: Session, application: Application, attachment_id: int, actor: str) -> Attachment:
    """The enterprise takes back a file it handed in by mistake, while the claim is open and the material has not
    been verified; the row stays (name, size, checksum) for the audit trail, the file itself is deleted after
    the transaction commits (`remove_file`)."""
    attachment = session.get(Attachment, attachment_id) if 0 < attachment_id < 2**63 else None
    if attachment is None or attachment.application_id != application.id or attachment.withdrawn_at is not None:
        raise UploadError("没有这个文件,或已撤回")
    claim = _open_claim(session, application, attachment.claim_id)
    item = attachment.evidence_item
    if item is not None and item.status == "verified":
        raise UploadError(f"“{item.label}”经办人已核验,文件不能再撤回")
    attachment.withdrawn_at = utcnow()
    audit(session, actor, "attachment_withdrawn", "attachment", attachment.id, application.id, after={
        "claim": claim.title, "item": item.label if item else "其他补充材料", "file": attachment.original_name,
        "sha256": attachment.sha256})
    return attachment


# --- files on disk ------------------------------------------------------------------------------------------------

def path_of(folder: Path, attachment: Attachment) -> Path | None:
    """Where a file that may be downloaded is, or None (withdrawn, or missing from the folder)."""
    if attachment.withdrawn_at is not None:
        return None
    path = Path(folder) / attachment.stored_name
    return path if path.is_file() else None


def remove_file(folder: Path, attachment: Attachment) -> None:
    """Delete a withdrawn file's bytes (its row stays)."""
    (Path(folder) / attachment.stored_name).unlink(missing_ok=True)


def sweep(session: Session, folder: Path, grace: timedelta = timedelta(hours=1)) -> list[str]:
    """Remove what failed or killed operations left: temporary files, files no live row names, withdrawn files.
    Files younger than `grace` are left alone (an upload may be between its rename and its commit)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    live_names = set(session.scalars(select(Attachment.stored_name).where(Attachment.withdrawn_at.is_(None))))
    cutoff = utcnow().timestamp() - grace.total_seconds()
    removed = []
    for path in folder.iterdir():
        if not path.is_file() or path.name in live_names:
            continue
        if path.stat().st_mtime <= cutoff:
            path.unlink(missing_ok=True)
            removed.append(path.name)
    return removed


def answers_of(session: Session, application_id: int) -> dict[int, list[ClaimAnswer]]:
    """Each claim's answers, oldest first."""
    found: dict[int, list[ClaimAnswer]] = {}
    query = (select(ClaimAnswer).join(Claim, Claim.id == ClaimAnswer.claim_id)
             .where(Claim.application_id == application_id).order_by(ClaimAnswer.id))
    for reply in session.scalars(query):
        found.setdefault(reply.claim_id, []).append(reply)
    return found

