"""Import and export of a whole catalog, as XLSX or as one JSON text (docs/catalog-format.md)."""

from onedoor.catalog.importexport.export import catalog_export_json, catalog_export_xlsx, catalog_items
from onedoor.catalog.importexport.jsonfile import dump_json
from onedoor.catalog.importexport.load import catalog_import, validate_only
from onedoor.catalog.importexport.report import ImportProblem, ImportReport

__all__ = [
    "ImportProblem",
    "ImportReport",
    "catalog_export_json",
    "catalog_export_xlsx",
    "catalog_import",
    "catalog_items",
    "dump_json",
    "validate_only",
]
