"""The Malaysian demo documents: team-written, in English (the Act) and Malay (the judgment).

The Act is an extract (Part IV, ss 24-26) of the Anti-Trafficking in Persons and Anti-Smuggling
of Migrants Act 2007 (Act 670) written in our own words in the reprint's drafting style (shoulder
notes above bare section numbers); s 25 keeps its real number and subject (a trafficked person is
not liable to criminal prosecution for illegal entry, unlawful residence and false travel
documents). The case is invented. Each document says it is demo content.
"""

from __future__ import annotations

from typing import Any

DEMO_ACT = (
    "Demo content: an extract written by the tiplex team in the style of the reprint, for the "
    "demonstration mirror; it is not the text of the Act published by the Attorney General's "
    "Chambers."
)
DEMO_JUDGMENT = (
    "Kandungan demo (demo content): alasan penghakiman ini ditulis oleh pasukan tiplex untuk "
    "demonstrasi; kes, nama dan nombor kes adalah rekaan dan bukan penghakiman sebenar mahkamah."
)

ACT_NUMBER = "670"
ACT_TITLE = "Anti-Trafficking in Persons and Anti-Smuggling of Migrants Act 2007"
ACT_TEXT = (
    "LAWS OF MALAYSIA",
    "REPRINT (DEMO EXTRACT)",
    "Act 670",
    "ANTI-TRAFFICKING IN PERSONS AND ANTI-SMUGGLING OF MIGRANTS ACT 2007",
    DEMO_ACT,
    "PART IV",
    "CARE AND PROTECTION OF TRAFFICKED PERSONS",
    "",
    "Taking into custody of trafficked persons",
    "24. An enforcement officer who has reason to believe that a person is a trafficked person "
    "may take that person into temporary custody and shall bring him before a Magistrate within "
    "twenty-four hours for an interim protection order.",
    "",
    "Trafficked person not liable to criminal prosecution",
    "25. A trafficked person shall not be liable to criminal prosecution in respect of his "
    "illegal entry into or unlawful residence in Malaysia, or his possession of a false travel "
    "or identity document, where that act is the direct consequence of the trafficking in "
    "persons committed against him.",
    "",
    "Medical examination",
    "26. A trafficked person placed in a place of refuge shall be examined by a medical officer "
    "as soon as possible, and the report shall be given to the Magistrate who made the order.",
)

DEMO_ACT_MS = (
    "Kandungan demo (demo content): petikan ini ditulis oleh pasukan tiplex dalam gaya cetakan "
    "semula untuk cermin demonstrasi; ia bukan teks Akta yang diterbitkan oleh Jabatan Peguam "
    "Negara."
)


def reprint_text(
    number: str, title: str, sections: tuple[tuple[str, str], ...], malay: bool
) -> tuple[str, ...]:
    """A reprint extract in the drafting style of ACT_TEXT: header, demo notice, then each
    section as a shoulder note above its bare-numbered text."""
    header = (
        ("UNDANG-UNDANG MALAYSIA", "CETAKAN SEMULA (PETIKAN DEMO)", f"Akta {number}")
        if malay
        else ("LAWS OF MALAYSIA", "REPRINT (DEMO EXTRACT)", f"Act {number}")
    )
    body: list[str] = [*header, title.upper(), DEMO_ACT_MS if malay else DEMO_ACT]
    for note, text in sections:
        body += ["", note, text]
    return tuple(body)


# The other reprints the Laws of Malaysia spider asks for (ACTS_OF_INTEREST), each in English and
# Malay, and the Malay reprint of Act 670: short extracts in our own words so that the demo holds
# every PDF the spider asks for. Key: (number, language) -> (title, publication date, sections).
REPRINTS: dict[tuple[str, str], tuple[str, str, tuple[tuple[str, str], ...]]] = {
    ("670", "ms"): (
        "Akta Antipemerdagangan Orang dan Antipenyeludupan Migran 2007",
        "2025-01-01",
        (
            (
                "Orang yang diperdagangkan tidak boleh didakwa",
                "25. Orang yang diperdagangkan tidak boleh didakwa atas kemasukan secara haram "
                "ke dalam atau kediaman secara tidak sah di Malaysia, atau atas pemilikan "
                "dokumen perjalanan palsu, jika perbuatan itu akibat langsung daripada "
                "pemerdagangan orang yang dilakukan terhadapnya.",
            ),
        ),
    ),
    ("574", "en"): (
        "Penal Code",
        "2024-01-01",
        (
            (
                "Unlawful compulsory labour",
                "374. Whoever unlawfully compels any person to labour against the will of that "
                "person shall be punished with imprisonment and with fine.",
            ),
        ),
    ),
    ("574", "ms"): (
        "Kanun Keseksaan",
        "2024-01-01",
        (
            (
                "Kerja paksa yang menyalahi undang-undang",
                "374. Barang siapa dengan menyalahi undang-undang memaksa seseorang bekerja "
                "di luar kehendaknya hendaklah diseksa dengan penjara dan denda.",
            ),
        ),
    ),
    ("155", "en"): (
        "Immigration Act 1959/63",
        "2023-01-01",
        (
            (
                "Control of entry into Malaysia",
                "6. No person other than a citizen shall enter Malaysia unless he holds a valid "
                "entry permit or pass; a person who remains without one commits an offence.",
            ),
        ),
    ),
    ("155", "ms"): (
        "Akta Imigresen 1959/63",
        "2023-01-01",
        (
            (
                "Kawalan kemasukan ke Malaysia",
                "6. Tiada seorang pun selain warganegara boleh masuk ke Malaysia melainkan dia "
                "memegang permit masuk atau pas yang sah; seseorang yang tinggal tanpanya "
                "melakukan suatu kesalahan.",
            ),
        ),
    ),
    ("611", "en"): (
        "Child Act 2001",
        "2022-01-01",
        (
            (
                "Transactions in children",
                "48. Any person who sells, lets out or otherwise disposes of a child for any "
                "valuable consideration commits an offence.",
            ),
        ),
    ),
    ("611", "ms"): (
        "Akta Kanak-Kanak 2001",
        "2022-01-01",
        (
            (
                "Urus niaga berkenaan dengan kanak-kanak",
                "48. Mana-mana orang yang menjual, menyewakan atau dengan apa-apa cara lain "
                "melupuskan seseorang kanak-kanak bagi apa-apa balasan berharga melakukan "
                "suatu kesalahan.",
            ),
        ),
    ),
    ("265", "en"): (
        "Employment Act 1955",
        "2023-01-01",
        (
            (
                "Forced labour",
                "90B. An employer who threatens, deceives or forces an employee to do any "
                "activity, service or work and prevents that employee from leaving commits an "
                "offence.",
            ),
        ),
    ),
    ("265", "ms"): (
        "Akta Kerja 1955",
        "2023-01-01",
        (
            (
                "Kerja paksa",
                "90B. Majikan yang mengugut, memperdaya atau memaksa seseorang pekerja "
                "melakukan apa-apa aktiviti, perkhidmatan atau kerja dan menghalangnya daripada "
                "meninggalkan tempat kerja melakukan suatu kesalahan.",
            ),
        ),
    ),
    ("246", "en"): (
        "Private Employment Agencies Act 1981",
        "2018-01-01",
        (
            (
                "Licence required",
                "14. No person shall recruit workers for employment in or outside Malaysia "
                "unless he holds a licence granted under this Act.",
            ),
        ),
    ),
    ("246", "ms"): (
        "Akta Agensi Pekerjaan Swasta 1981",
        "2018-01-01",
        (
            (
                "Lesen dikehendaki",
                "14. Tiada seorang pun boleh mengambil pekerja untuk pekerjaan di dalam atau di "
                "luar Malaysia melainkan dia memegang lesen yang diberikan di bawah Akta ini.",
            ),
        ),
    ),
}

GROUNDS_ID = "00000000-0000-0000-0000-00000000d001"
CASE = {
    "case_id": "00000000-0000-0000-0000-00000000c001",
    "case_number": "JB-42S-118-05/2025",
    "court": "Mahkamah Tinggi",
    "parties": "PENDAKWA RAYA <br />lwn<br /> SITI AMINAH (NAMA REKAAN)",
    "keywords": (
        "Akta Antipemerdagangan Orang dan Antipenyeludupan Migran 2007 (Akta 670) - seksyen 25 "
        "- orang yang diperdagangkan tidak boleh didakwa (kandungan demo)"
    ),
    "decided": "2025-06-18",
    "judge": "Hakim Demo",
}
JUDGMENT_TEXT = (
    "DALAM MAHKAMAH TINGGI MALAYA DI JOHOR BAHRU",
    "RAYUAN JENAYAH NO: JB-42S-118-05/2025",
    "ANTARA PENDAKWA RAYA DAN SITI AMINAH (NAMA REKAAN)",
    "ALASAN PENGHAKIMAN",
    DEMO_JUDGMENT,
    "[1] Perayu dituduh di Mahkamah Majistret di bawah seksyen 6(1)(c) Akta Imigresen 1959/63 "
    "kerana berada di Malaysia tanpa pas yang sah, dan telah disabitkan atas pengakuan salah.",
    "[2] Keterangan menunjukkan bahawa perayu dibawa masuk ke Malaysia oleh seorang ejen yang "
    "menjanjikan pekerjaan di restoran, tetapi pasportnya dirampas dan dia dipaksa bekerja di "
    "sebuah rumah urut tanpa gaji. Perintah perlindungan telah dikeluarkan di bawah Akta "
    "Antipemerdagangan Orang dan Antipenyeludupan Migran 2007 yang mengesahkan bahawa dia ialah "
    "orang yang diperdagangkan.",
    "[3] Seksyen 25 Akta Antipemerdagangan Orang dan Antipenyeludupan Migran 2007 memperuntukkan "
    "bahawa orang yang diperdagangkan tidak boleh didakwa atas kemasukan secara haram atau "
    "kediaman secara tidak sah di Malaysia, jika perbuatan itu akibat langsung daripada "
    "pemerdagangan orang terhadapnya.",
    "[4] Mahkamah berpuas hati bahawa keadaan perayu berpunca terus daripada pemerdagangan orang. "
    "Oleh itu pertuduhan di bawah Akta Imigresen tidak sepatutnya dikemukakan.",
    "[5] Rayuan dibenarkan. Sabitan dan hukuman diketepikan dan perayu dilepaskan dan dibebaskan.",
    "Bertarikh: 18 Jun 2025",
)

EXPECTED: dict[str, Any] = {
    "law": {"doc_id": f"my_lom_legislation:{ACT_NUMBER}-en", "non_punishment": ["25"]},
    "judgment": {
        "doc_id": f"my_kehakiman_judgments:{GROUNDS_ID}",
        "case_number": CASE["case_number"],
        "decision_date": CASE["decided"],
        "cites": [["MY ATIPSOM 2007", "25"]],
    },
}
