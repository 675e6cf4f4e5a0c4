"""The capplan catalogue: T/AIITRE 10004—2023 and T/AIITRE 20001—2021 as data."""

from catalog.catalog import Catalog
from catalog.errors import CatalogError, DataError
from catalog.loader import CATALOG_VERSION, load_catalog

__all__ = ["CATALOG_VERSION", "Catalog", "CatalogError", "DataError", "load_catalog"]
