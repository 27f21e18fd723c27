"""Where one numbered item of a court's order ends and the next begins.

An operative part lists its orders by number: "1. Menyatakan Terdakwa ... terbukti ...; 2.
Menjatuhkan pidana ...; 3. Menetapkan ...". Text taken from PDFs keeps the numbers but not always
the line breaks, so the next item is known by its number: after a line break, a space, a
semicolon or a full stop, one or two digits, a full stop, and a capital letter ("; 3.
Menetapkan"). A number inside a sentence ("Pasal 2 ayat (1)", "Rp2.500,00", "Tahun 2007.") is
not followed so, or is part of a longer figure.
"""

from __future__ import annotations

# A pattern to place inside the extractors' own, with their other stops around it. It starts
# at the mark before the number, so that the item before ends there.
NEXT_ITEM = r"(?:^|[\s;.])\s*\d{1,2}\s*\.\s+(?-i:[A-Z])"
