"""PDF documents with the Chinese font embedded: the acceptance receipt (受理回执) and the electronic
certificate (电子证照). Pure rendering from plain dicts; no models, no database."""

from onedoor.documents.certificate import render_certificate
from onedoor.documents.receipt import render_receipt

__all__ = ["render_certificate", "render_receipt"]
