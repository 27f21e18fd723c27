"""Victims, exploitation forms, sectors, borders and non-punishment, read from invented snippets."""

from __future__ import annotations

import re

import pytest

from nlp.extractors import facts, people
from nlp.extractors.nonpunishment import non_punishment

# ------------------------------------------------------------------------------------ recitals

RECITAL_ID = (
    "Eksploitasi adalah tindakan dengan atau tanpa persetujuan korban yang meliputi tetapi tidak "
    "terbatas pada pelacuran, kerja atau pelayanan paksa, perbudakan atau praktik serupa "
    "perbudakan. "
)
RECITAL_PH = (
    "Trafficking in Persons refers to the recruitment, transportation, transfer or harboring of "
    "persons for the purpose of exploitation which includes prostitution and forced labor. "
)


@pytest.mark.parametrize("text", [RECITAL_ID, RECITAL_PH])
def test_a_recited_definition_codes_no_form(text: str) -> None:
    assert facts.fact_findings(text * 3) == []


def test_the_narrative_after_a_recital_is_read() -> None:
    narrative = "Bahwa saksi korban disuruh melayani tamu di kamar kos. " * 2
    found = facts.fact_findings(RECITAL_ID + narrative)
    assert {f.value for f in found} == {"sexual_exploitation"}
    assert all(f.start >= len(RECITAL_ID) for f in found)


# ------------------------------------------------------------------------------ forms, sectors

FORM_CASES = [
    (
        "Bahwa saksi korban disuruh melayani tamu laki-laki dengan tarif Rp300.000.",
        "sexual_exploitation",
    ),
    ("Terdakwa menawarkan korban melalui aplikasi dengan status open BO.", "sexual_exploitation"),
    ("The accused offered the girls to customers for sexual services.", "sexual_exploitation"),
    ("Bahwa selama bekerja gaji saksi korban tidak pernah dibayar oleh majikan.", "forced_labour"),
    ("The victims worked for months but were never paid their wages.", "forced_labour"),
    ("Bahwa para korban dipaksa menjadi scammer di sebuah gedung.", "forced_criminality"),
    ("Bahwa Terdakwa menjual bayi tersebut kepada pasangan lain.", "other"),
]


@pytest.mark.parametrize(("text", "form"), FORM_CASES)
def test_forms_from_the_narrative(text: str, form: str) -> None:
    found = facts.fact_findings(text)
    assert form in {f.value for f in found if f.field == facts.FORM}
    hit = next(f for f in found if f.value == form)
    assert text[hit.start : hit.end].strip()


SECTOR_CASES = [
    ("Saksi korban dipekerjakan sebagai pemandu lagu di tempat karaoke.", "entertainment_massage"),
    (
        "Para korban ditawarkan kepada pria hidung belang melalui aplikasi MiChat.",
        "online_sexual_exploitation",
    ),
    ("Korban dijanjikan bekerja sebagai asisten rumah tangga di Malaysia.", "domestic_work"),
    ("Para korban akan dipekerjakan di perkebunan kelapa sawit.", "agriculture"),
    ("The recruits were promised work in a garment factory.", "manufacturing"),
    ("Korban dipekerjakan sebagai anak buah di kapal penangkap ikan.", "fishing"),
    ("The victims were made to run an online scam from a compound.", "online_scam"),
    ("Para korban bekerja sebagai operator judi online.", "online_gambling"),
    ("Saksi korban bekerja sebagai pelayan di sebuah hotel di Bahrain.", "other"),
]


@pytest.mark.parametrize(("text", "sector"), SECTOR_CASES)
def test_sectors_from_the_narrative(text: str, sector: str) -> None:
    assert sector in {f.value for f in facts.fact_findings(text) if f.field == facts.SECTOR}


@pytest.mark.parametrize(
    "text",
    [
        "Terdakwa sehari-hari bekerja di pabrik roti milik keluarganya.",  # no victim in sight
        "Pekerjaan Terdakwa: karyawan swasta.",
        "The art of the matter is settled.",  # "art" is not the Indonesian acronym ART
    ],
)
def test_no_sector_without_victims_or_from_lowercase_acronyms(text: str) -> None:
    assert [f for f in facts.fact_findings(text) if f.field == facts.SECTOR] == []


# ------------------------------------------------------------------------------------ borders

COUNTRY_CASES = [
    ("Saksi korban kemudian diberangkatkan ke Malaysia melalui Batam.", "MY"),
    ("Para korban bekerja di negara Kamboja sebagai operator.", "KH"),
    ("The victims were brought from Thailand by an agent.", "TH"),
    ("The recruits were deployed to Dubai on tourist visas.", "AE"),
]


@pytest.mark.parametrize(("text", "code"), COUNTRY_CASES)
def test_countries_the_victims_were_taken_to_or_from(text: str, code: str) -> None:
    assert code in {f.value for f in facts.country_findings(text)}


@pytest.mark.parametrize(
    "text",
    [
        "membawa warga negara Indonesia ke luar wilayah negara Republik Indonesia",
        "The accused once visited Malaysia on holiday.",
        "Saksi korban pernah menonton film dari Korea.",
    ],
)
def test_countries_merely_mentioned_are_not_involved(text: str) -> None:
    assert facts.country_findings(text) == []


def _coded(text: str, country: str = "ID", trafficking: bool = True) -> facts.FactCoding:
    return facts.code_facts(text, 0, country, criminal=True, trafficking=trafficking)


def test_a_trafficking_case_abroad_is_transnational_with_both_countries() -> None:
    coded = _coded("Bahwa saksi korban diberangkatkan ke Malaysia untuk bekerja. " * 2)
    assert coded.transnational is True
    assert coded.countries_involved == ("ID", "MY")


def test_a_case_that_does_not_say_where_leaves_transnational_open() -> None:
    coded = _coded("Bahwa saksi korban disuruh melayani tamu di Surabaya. " * 2)
    assert coded.transnational is None
    assert coded.countries_involved == ()
    assert coded.exploitation_forms == ("sexual_exploitation",)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        (
            "Bahwa saksi korban direkrut di Desa Waiara, Kabupaten Sikka, lalu dibawa ke "
            "Kabupaten Kotawaringin Barat untuk bekerja di kebun sawit. ",
            "ID",
        ),
        (
            "AAA was brought from Catbalogan to the City of Angeles and made to entertain "
            "customers; she was later moved to a bar in Olongapo City. ",
            "PH",
        ),
    ],
)
def test_a_case_told_in_home_places_only_is_domestic_with_them_as_evidence(
    text: str, country: str
) -> None:
    coded = _coded(text * 2, country)
    assert coded.transnational is False
    assert coded.countries_involved == (country,)
    spans = coded.evidence["transnational"]
    assert spans
    assert all(re.search(r"(?i)kabupaten|desa|city", (text * 2)[a:b]) for a, b in spans)


def test_one_stray_abroad_does_not_outweigh_a_story_told_at_home() -> None:
    story = "Bahwa saksi korban dibawa dari Kota Bandung ke Kabupaten Garut. " * 3
    coded = _coded(story + "Ibu saksi korban bekerja di luar negeri. ")
    assert coded.transnational is False


def test_a_route_named_by_its_foreign_city_is_transnational() -> None:
    coded = _coded("AAA and BBB were brought by boat to Sandakan and made to dance. " * 2, "PH")
    assert coded.transnational is True
    assert coded.countries_involved == ("PH", "MY")


def test_a_civil_matter_codes_nothing() -> None:
    text = "Bahwa saksi korban diberangkatkan ke Malaysia dan melayani tamu. " * 3
    assert facts.code_facts(text, 0, "ID", criminal=False, trafficking=False) == facts.FactCoding()


def test_recruits_for_plantation_work_imply_labour_exploitation() -> None:
    coded = _coded("Para korban akan dipekerjakan di perkebunan sawit di Malaysia. " * 2)
    assert coded.sectors == ("agriculture",)
    assert coded.exploitation_forms == ("forced_labour",)


def test_a_lone_passing_mention_is_not_coded() -> None:
    text = (
        "Korban diperdagangkan tidak hanya untuk tujuan pelacuran tetapi juga lainnya. "
        + "Bahwa saksi korban dipekerjakan. " * 800
    )
    assert _coded(text).exploitation_forms == ()


# ------------------------------------------------------------------------------------ victims

MINOR_CASES = [
    ("Bahwa Anak Korban SITI kemudian dibawa ke hotel.", 1),
    ("Bahwa Anak Korban I dan Anak Korban II dijemput oleh Terdakwa.", 2),
    ("Bahwa saksi korban yang masih berumur 15 (lima belas) tahun dijemput.", 1),
    ("AAA, a minor, was offered to the customers.", 1),
    ("The private complainant was only 14 years old at the time.", 1),
    ("This is a case of a 13-year-old girl brought into the country.", 1),
    ("Terdakwa menjual seorang bayi kepada orang lain.", 1),
]


@pytest.mark.parametrize(("text", "count"), MINOR_CASES)
def test_child_victims(text: str, count: int) -> None:
    coded = _coded(text, country="PH" if "AAA" in text else "ID")
    assert coded.minors == count


@pytest.mark.parametrize(
    "text",
    [
        "Bahwa Terdakwa memiliki 2 (dua) orang anak yang berumur 7 (tujuh) tahun.",
        "Bahwa saksi korban berumur 23 (dua puluh tiga) tahun.",
        "The accused-appellant, then 17 years old, was arrested.",
        "Bahwa uang ditransfer untuk anak korban yang sedang sakit.",  # the victim's child
    ],
)
def test_no_child_victim(text: str) -> None:
    assert _coded(text).minors is None


def test_named_victims_are_counted_once_each() -> None:
    text = (
        "Saksi Korban RINA dan Saksi Korban DEWI berangkat. Saksi Korban RINA kemudian pulang. "
        "Para korban perempuan tersebut ditampung."
    )
    coded = _coded(text)
    assert coded.victims_count == 2
    assert coded.genders == ("female",)


def test_victims_nationality_from_a_demonym() -> None:
    coded = _coded("The Vietnamese women were brought into the country by the accused.", "SG")
    assert "VN" in coded.nationalities
    assert coded.transnational is True


# ------------------------------------------------------------------------------------ defendants


def test_indonesian_defendant_identity() -> None:
    header = (
        "Nama lengkap : Budi Santoso\nTempat lahir : Kota\nUmur/Tanggal lahir : 34 Tahun / 1 Mei "
        "1990\nJenis kelamin : Perempuan\nKewarganegaraan : Indonesia\n"
    )
    (found,) = people.indonesian_defendants(header, 100)
    assert found.value == {
        "name": "Budi Santoso",
        "gender": "female",
        "age": 34,
        "nationality": "ID",
    }
    assert found.start == 100 + header.index("Budi")


# ------------------------------------------------------------------------------ non-punishment

RAISED_CASES = [
    (
        "maka Pasal 18 Undang \u2013 Undang Nomor 21 Tahun 2007 berbunyi",
        "ID",
        "Pasal 18 UU 21/2007",
    ),
    ("memenuhi kriteria dalam Pasal 18 UU TPPO.", "ID", "Pasal 18 UU 21/2007"),
    ("under Section 17 of Republic Act No. 9208, trafficked persons", "PH", "Sec. 17 RA 9208"),
    (
        "A trafficked person shall not be liable to criminal prosecution in respect of",
        "MY",
        "Sec. 25 ATIPSOM 2007",
    ),
    ("The non-punishment principle was argued by the defence.", "SG", None),
]


@pytest.mark.parametrize(("text", "country", "provision"), RAISED_CASES)
def test_non_punishment_raised(text: str, country: str, provision: str | None) -> None:
    found = non_punishment(text, country)
    assert found is not None
    raised, applied, cited, start, end = found
    assert raised is True and cited == provision and applied is None
    assert start < end <= len(text)


def test_a_range_of_articles_does_not_raise_non_punishment() -> None:
    text = "diatur dalam Pasal 2 sampai Pasal 18 Undang-undang Nomor 21 Tahun 2007"
    assert non_punishment(text, "ID") is None


@pytest.mark.parametrize(
    ("text", "applied"),
    [
        ("Menimbang, bahwa Pasal 18 UU TPPO tidak dapat diterapkan kepada Terdakwa.", False),
        ("Menimbang, bahwa berdasarkan Pasal 18 UU TPPO, Majelis melepaskan Terdakwa.", True),
        ("Saksi ahli menerangkan tentang Pasal 18 UU TPPO bagi para korban.", None),
    ],
)
def test_non_punishment_applied(text: str, applied: bool | None) -> None:
    found = non_punishment(text, "ID")
    assert found is not None and found[1] is applied


# The principle in other words: loose quotes and paraphrases, in the parties' or the court's
# voice, with no exact citation.
PARAPHRASED = [
    (
        "Terdakwa adalah korban yang melakukan perbuatan karena dipaksa oleh pelaku perdagangan "
        "orang, sehingga menurut ketentuan pasal 18 undang-undang tentang pemberantasan "
        "perdagangan orang tidak boleh dipidana.",
        "ID",
    ),
    (
        "Korban perdagangan orang yang terpaksa memakai paspor palsu atas perintah agennya "
        "tidak dapat dijatuhi pidana.",
        "ID",
    ),
    (
        "The defense argues that victims of trafficking ought not to be punished for unlawful "
        "acts they committed as a direct result of being trafficked.",
        "PH",
    ),
    (
        "persons who are trafficked shall not be penalized for the crimes which are related to "
        "their being trafficked",
        "PH",
    ),
    (
        "a trafficked person is not to be prosecuted for her illegal entry where that is a "
        "consequence of her being trafficked",
        "MY",
    ),
]


@pytest.mark.parametrize(("text", "country"), PARAPHRASED)
def test_non_punishment_read_as_a_concept(text: str, country: str) -> None:
    found = non_punishment(text, country)
    assert found is not None and found[0] is True


@pytest.mark.parametrize(
    "text",
    [
        "sebagaimana disebutkan dalam Pasal 18 UU RI Nomor 11 tahun 2012 tentang Sistem "
        "Peradilan Pidana Anak",
        "Keempat : pasal 18 Undang-undang Nomor 18 tahun 2017 tentang PMI",
        "berlaku asas geen straf zonder schuld (tidak dipidana jika tidak ada kesalahan)",
        "Ini diatur dalam Pasal 2 sampai  Pasal 18 Undang-undang Nomor 21 tahun 2007",
        "Ini diatur dalam Pasal 2 sampai dengan Pasal 18 UU TPPO",
        "The accused, who trafficked 30 grams of heroin, cannot be punished twice for the "
        "same act as a result of the amendment.",
    ],
)
def test_false_friends_of_non_punishment(text: str) -> None:
    assert non_punishment(text, "ID") is None
    assert non_punishment(text, "PH") is None


def test_sesuai_dengan_pasal_18_is_a_citation_not_a_range() -> None:
    found = non_punishment("sehingga sesuai dengan Pasal 18 UU PTPPO Terdakwa", "ID")
    assert found is not None and found[2] == "Pasal 18 UU 21/2007"


@pytest.mark.parametrize(
    ("text", "applied"),
    [
        (
            "Penasihat Hukum menyatakan Terdakwa adalah korban yang dipaksa oleh pelaku "
            "perdagangan orang sehingga tidak dapat dipidana. Menimbang, bahwa terhadap "
            "pembelaan tersebut Majelis berpendapat tidak terdapat paksaan, sehingga pembelaan "
            "tersebut tidak beralasan hukum dan haruslah ditolak.",
            False,
        ),
        (
            "The accused is a trafficked person who cannot be prosecuted for her unlawful "
            "presence, a consequence of her being trafficked. Accordingly the accused is "
            "discharged and acquitted.",
            True,
        ),
        (
            "As the trial court observed, persons who are trafficked shall not be penalized for "
            "crimes related to their being trafficked; it treated them as witnesses.",
            None,
        ),
    ],
)
def test_the_ruling_on_a_paraphrased_plea(text: str, applied: bool | None) -> None:
    found = non_punishment(text, "PH" if text.startswith(("The", "As")) else "ID")
    assert found is not None and found[1] is applied
