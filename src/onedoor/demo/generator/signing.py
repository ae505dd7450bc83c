"""Trust-first commitments signed by hand on the window's pad in the generated history (cases/signatures.py):
the generalist shows the commitment on the window's pad, the applicant signs, the window accepts — through
the same services as the desk and the pad. A window gets its pad (ratings.services.pad_pair) the first time
it is needed; the handwriting comes from its own random stream, so the rest of the history does not change."""

from __future__ import annotations

import math
import random

from onedoor.cases import signatures
from onedoor.cases.services import acceptance_preview, commitment_for
from onedoor.people.models import Enterprise, Person
from onedoor.ratings.services import pad_pair


def handwriting(rng: random.Random) -> list[list[list[float]]]:
    """Two to four strokes left to right, like a name written across the box."""
    strokes, x = [], rng.uniform(0.05, 0.15)
    for _ in range(rng.randint(2, 4)):
        width = rng.uniform(0.12, 0.22)
        wave, phase, tilt = rng.uniform(0.1, 0.25), rng.uniform(0, math.pi), rng.uniform(-0.1, 0.1)
        points = []
        for i in range(12):
            t = i / 11
            y = 0.5 + wave * math.sin(phase + t * 2 * math.pi) + tilt * t + rng.uniform(-0.02, 0.02)
            points.append([round(min(0.95, x + width * t), 4), round(min(0.95, max(0.05, y)), 4)])
        strokes.append(points)
        x = min(0.75, x + width + rng.uniform(0.02, 0.06))
    return strokes


class PadSigning:
    def __init__(self, district, seed: int) -> None:
        self.district, self.seed = district, seed
        self.pads: dict[int, object] = {}

    def signature_for(self, *, staff, window, item, applicant: str, materials: list[dict], n: int):
        """The id of the commitment the applicant (known to the district) signed on `window`'s pad for this
        acceptance of `item`; None when trust first is refused to them (the acceptance says why)."""
        pad = self.pads.get(window.pk)
        if pad is None:
            pad = self.pads[window.pk] = pad_pair(staff=staff, window=window)[0]
        if item.subject == "person":
            holder = {"person": Person.objects.get(district=self.district, id_number=applicant)}
        else:
            holder = {"enterprise": Enterprise.objects.get(district=self.district, uscc=applicant)}
        preview = acceptance_preview(staff=staff, item_code=item.code, **holder)
        if preview.trust_first_refusal is not None:  # the window tells them why; nothing to sign
            return None
        text = commitment_for(preview, {m["code"] for m in materials})
        request = signatures.signature_request(
            staff=staff, window=window, version=preview.version, applicant_number=applicant, text=text
        )
        strokes = handwriting(random.Random(f"signature-{self.seed}-{n}"))
        signatures.signature_sign(pad=pad, signature_id=request.pk, strokes=strokes)
        return request.pk
