"""The demo's online applications (网上申报): some demo persons have applied online for depth-3 and depth-4
items — a few wait for pre-review (for the visitor to try at /staff/prereview/ as `desk`), a few were returned
with a comment, a few were accepted as cases — all through the services the online hall and the pre-review
page call. The uploaded "scans" are small generated images."""

from __future__ import annotations

import io
import random

from django.db.models import F
from PIL import Image, ImageDraw

from onedoor.applications.services import (
    application_fill,
    application_start,
    application_submit,
    application_upload,
    material_plan,
    prereview_decide,
)
from onedoor.catalog.models import ItemVersion
from onedoor.core.errors import DomainError
from onedoor.districts.models import Staff
from onedoor.people.models import Person

COMMENTS = ("照片模糊，请重新拍摄清晰的原件照片", "缺少签名页，请补充上传", "证件已过有效期，请上传有效证件")


def _scan(text: str, rng: random.Random) -> bytes:
    image = Image.new("RGB", (320, 200), (250, 250, 245))
    draw = ImageDraw.Draw(image)
    draw.rectangle((8, 8, 311, 191), outline=(120, 120, 120))
    draw.text((20, 20), f"demo scan {text}", fill=(30, 30, 30))
    for y in range(50, 180, 14):
        draw.line((20, y, 20 + rng.randrange(120, 280), y), fill=(160, 160, 160))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _findings(application, fix: str | None) -> dict:
    findings = {}
    for n, row in enumerate(r for r in material_plan(application) if r["upload"] is not None):
        code = row["material"].code
        ok = fix is None or n > 0
        findings[code] = {
            "ok": ok,
            "comment": "" if ok else fix,
            "criteria": {c["id"]: True for c in row["material"].criteria or []},
        }
    return findings


def generate_applications(*, district, count: int, rng: random.Random) -> dict[str, int]:
    desk = Staff.objects.get(username="desk")
    versions = list(
        ItemVersion.objects.filter(
            item__district=district, item__current=F("pk"), depth__gte=3, item__subject="person"
        ).order_by("item__code")
    )
    persons = list(
        Person.objects.filter(district=district, identity_level__gte=4).exclude(phone="").order_by("id")[:500]
    )
    made = {"submitted": 0, "fix_needed": 0, "accepted": 0}
    for n, person in enumerate(rng.sample(persons, min(count, len(persons)))):
        version = rng.choice([v for v in versions if v.min_identity_level <= person.identity_level])
        try:
            application = application_start(
                person=person, level=person.identity_level, item_code=version.item.code
            )
            application_fill(
                person=person,
                public_id=application.public_id,
                phone=person.phone,
                address=person.address or "佛山市禅城区",
                purpose="",
                delivery="express" if version.express and rng.random() < 0.6 else "pickup",
            )
            for row in material_plan(application):
                if row["need"] == "upload":
                    application_upload(
                        person=person,
                        public_id=application.public_id,
                        code=row["material"].code,
                        filename=f"{row['material'].code}.png",
                        content=_scan(row["material"].code, rng),
                    )
            application_submit(person=person, public_id=application.public_id, level=person.identity_level)
            fate = ("submitted", "fix_needed", "accepted")[n % 3]
            if fate != "submitted":
                prereview_decide(
                    staff=desk,
                    public_id=application.public_id,
                    findings=_findings(application, rng.choice(COMMENTS) if fate == "fix_needed" else None),
                )
        except DomainError:  # e.g. an item with nothing to upload and a rule of its own: that person stopped
            continue
        made[fate] += 1
    return made
