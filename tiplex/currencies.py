"""The currencies amounts are written in across the member states, and the marks that name them.

Judgments write "Rp5.000.000", "RM 10,000", "S$2,000", "₱50,000" and "10.000 baht"; questions
write "100 million rupiah" and "50,000 pesos". The case coder (`nlp.quantities`) and the
question reader (`index.money_bounds`) both look for every mark here and name its currency from
these tables, so a mark added here is read in judgments and in questions alike. The coder adds
forms only judgments use (the bare peso sign "P300,000.00", "Rp." with its full stop).
"""

from __future__ import annotations

# ISO 4217 codes: the ten member states' currencies and the US dollar some judgments use.
CURRENCIES = ("IDR", "MYR", "PHP", "SGD", "THB", "VND", "KHR", "LAK", "MMK", "BND", "USD")

# Written before a figure, lower-cased: "Rp 5.000.000", "RM 10,000", "S$ 2,000", "₱ 50,000".
CURRENCY_SIGNS: dict[str, str] = {
    "rp": "IDR",
    "idr": "IDR",
    "rm": "MYR",
    "myr": "MYR",
    "php": "PHP",
    "₱": "PHP",
    "s$": "SGD",
    "sgd": "SGD",
    "us$": "USD",
    "usd": "USD",
    "thb": "THB",
    "฿": "THB",
    "vnd": "VND",
}

# Written after a figure, lower-cased: "5 juta rupiah", "10,000 ringgit", "50,000 pesos".
CURRENCY_NAMES: dict[str, str] = {
    "rupiah": "IDR",
    "ringgit": "MYR",
    "peso": "PHP",
    "pesos": "PHP",
    "baht": "THB",
    "dong": "VND",
    "đồng": "VND",
    "riel": "KHR",
    "kip": "LAK",
    "kyat": "MMK",
    "singapore dollars": "SGD",
    "us dollars": "USD",
}
