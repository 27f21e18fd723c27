"""End-to-end coding of short judgments written for these tests (no real case text)."""

from __future__ import annotations

import pytest

from nlp.coder import CaseCoder
from tiplex.records import CaseFacts, Document

PAGE_BREAK = (
    "\nHal. 3 dari 9 hal. Putusan Nomor 12/Pid.Sus/2024/PN Xyz\nDisclaimer\n"
    "Mahkamah Agung Republik Indonesia\nDirektori Putusan Mahkamah Agung Republik Indonesia\n"
    "putusan.mahkamahagung.go.id\n"
)

INDONESIAN = (
    "P U T U S A N\nNomor 12/Pid.Sus/2024/PN Xyz\n"
    "Pengadilan Negeri Kota Contoh yang mengadili perkara pidana dalam tingkat pertama\n"
    "1. Nama lengkap : BUDI ALIAS B;\n3. Umur/tanggal lahir : 41 tahun;\n"
    "4. Jenis kelamin : Laki-laki;\n5. Kebangsaan : Indonesia;\n"
    "Setelah mendengar pembacaan tuntutan pidana Penuntut Umum pada pokoknya: menjatuhkan pidana"
    " penjara selama 9 (sembilan) tahun dan denda sebesar Rp300.000.000,00;\n"
    "Menimbang, bahwa Terdakwa didakwa melanggar Pasal 2 ayat (1) Undang-Undang Nomor 21 Tahun"
    " 2007 tentang Pemberantasan Tindak Pidana Perdagangan Orang;\n"
    "Menimbang, bahwa untuk membuktikan dakwaan, korban dijanjikan pekerjaan di Malaysia lalu"
    " dipaksa bekerja di kapal ikan tanpa digaji sebagai korban perdagangan orang;\n"
    "M E N G A D I L I :\n1. Menyatakan Terdakwa terbukti secara sah dan meyakinkan bersalah"
    " melakukan tindak pidana perdagangan orang;\n2. Menjatuhkan pidana kepada Terdakwa dengan"
    " pidana penjara selama 4 (empat) tahun 6 (enam) bulan dan denda sebesar"
    + PAGE_BREAK
    + "Rp120.000.000,00 (seratus dua puluh juta rupiah) dengan ketentuan apabila denda"
    " tersebut tidak"
    " dibayar diganti dengan pidana kurungan selama 3 (tiga) bulan;\n"
    "3. Menghukum Terdakwa membayar restitusi kepada Anak Korban sebesar Rp15.000.000,00;\n"
    "Demikianlah diputuskan dalam musyawarah Majelis Hakim pada hari Senin, tanggal 2 September"
    " 2024, dan diucapkan dalam sidang terbuka untuk umum pada hari Kamis, tanggal 5 September"
    " 2024 oleh Hakim Ketua.\n"
)

PHILIPPINE_APPEAL = (
    "View printer friendly version\n\nTHIRD DIVISION\nTHIRD DIVISION\n\n"
    "[ G.R. No. 123456, March 4, 2019 ]\n[ G.R. No. 123456, March 4, 2019 ]\n\n"
    "PEOPLE OF THE PHILIPPINES, PLAINTIFF-APPELLEE, VS. JUAN REYES Y CRUZ, ACCUSED-APPELLANT.\n"
    "D E C I S I O N\n\nThe accused-appellant was charged in an Information which reads: violation"
    " of Section 4(a) of Republic Act No. 9208, the Anti-Trafficking in Persons Act of 2003, for"
    " recruiting AAA for prostitution.\nThe RTC sentenced him to suffer the penalty of twenty (20)"
    " years of imprisonment and to pay a fine of P1,000,000.00.\n"
    + "Background facts. "
    * 200
    + "\nThe Court's Ruling\nQualified trafficking in persons was proven."
    " AAA is a trafficked person"
    " and a minor. Trafficking in persons is established.\n"
    "WHEREFORE, the appeal is DISMISSED. The Decision is AFFIRMED with MODIFICATION."
    " Accused-appellant"
    " Juan Reyes y Cruz is found GUILTY beyond reasonable doubt of Qualified Trafficking in Persons"
    " and is sentenced to suffer the penalty of life imprisonment and to pay a fine of"
    " P2,000,000.00. He is ordered to pay AAA moral damages of P500,000.00 and exemplary damages"
    " of P100,000.00.\n\nSO ORDERED.\n"
)


def make(text: str, country: str = "", language: str = "", doc_type: str = "judgment") -> Document:
    return Document(
        doc_id="t:1",
        source_id="t",
        url="",
        country=country,
        language=language,
        doc_type=doc_type,
        title="",
        text=text,
        sha256="",
        content_type="text/plain",
        raw_path="",
        fetched_at="",
    )  # type: ignore[arg-type]


def assert_evidence_points_into(facts: CaseFacts, text: str) -> None:
    for spans in facts.evidence.values():
        for span in spans:
            assert text[span.start : span.end] == span.text
    for item in (*facts.sentences, *facts.charges, *facts.compensation, *facts.defendants):
        for span in item.evidence:
            assert text[span.start : span.end] == span.text


def test_indonesian_spine(coder: CaseCoder) -> None:
    facts = coder.code(make(INDONESIAN))
    assert facts.country == "ID" and facts.language == "id"
    assert facts.court == "Pengadilan Negeri Kota Contoh"
    assert facts.case_number == "12/Pid.Sus/2024/PN Xyz"
    assert facts.decision_date == "2024-09-05"  # pronounced, not deliberated
    assert facts.proceeding_stage == "first_instance"
    assert facts.outcome == "convicted"
    assert facts.is_trafficking_case
    assert facts.charges[0].statute == "ID UU 21/2007"
    assert facts.charges[0].provision == "Pasal 2 ayat (1)"
    assert_evidence_points_into(facts, INDONESIAN)


def test_sentence_comes_from_the_operative_part_not_the_demand(coder: CaseCoder) -> None:
    facts = coder.code(make(INDONESIAN))
    assert len(facts.sentences) == 1
    sentence = facts.sentences[0]
    assert sentence.imprisonment_months == 54
    assert sentence.fine is not None
    assert (sentence.fine.amount, sentence.fine.currency) == (120_000_000, "IDR")
    assert sentence.subsidiary_detention_months == 3


def test_indonesian_restitution_defendant_and_facts(coder: CaseCoder) -> None:
    facts = coder.code(make(INDONESIAN))
    assert [(c.kind, c.amount, c.currency) for c in facts.compensation] == [
        ("restitution", 15_000_000, "IDR")
    ]
    assert facts.defendants[0].name == "BUDI ALIAS B"
    assert (facts.defendants[0].gender, facts.defendants[0].age) == ("male", 41)
    assert "fishing" in facts.sectors
    assert "MY" in facts.countries_involved and facts.transnational


def test_philippine_appeal_codes_the_modified_sentence(coder: CaseCoder) -> None:
    facts = coder.code(make(PHILIPPINE_APPEAL, country="PH", language="en"))
    assert facts.court == "Supreme Court of the Philippines, Third Division"
    assert facts.case_number == "G.R. No. 123456"
    assert facts.decision_date == "2019-03-04"
    assert facts.proceeding_stage == "appeal"
    assert facts.outcome == "convicted"
    assert facts.is_trafficking_case
    assert [(s.life, s.imprisonment_months, s.fine and s.fine.amount) for s in facts.sentences] == [
        (True, None, 2_000_000)
    ]
    kinds = {(c.kind, c.amount) for c in facts.compensation}
    assert {("moral_damages", 500_000), ("exemplary_damages", 100_000)} <= kinds
    assert facts.charges[0].statute == "PH RA 9208"
    assert facts.charges[0].provision == "Sec. 4(a)"
    assert_evidence_points_into(facts, PHILIPPINE_APPEAL)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        # drug trafficking
        (
            "[ G.R. No. 1, May 2, 2019 ]\nPEOPLE OF THE PHILIPPINES, PLAINTIFF-APPELLEE, VS. X,"
            " ACCUSED-APPELLANT.\nD E C I S I O N\nThe accused was charged with illegal sale of"
            " dangerous"
            " drugs under Republic Act No. 9165; drug trafficking is a menace. The trafficking"
            " of shabu"
            " was proven.\nWHEREFORE, the accused is found GUILTY.\nSO ORDERED.",
            "PH",
        ),
        # illegal recruitment without exploitation
        (
            "[ G.R. No. 2, May 2, 2019 ]\nPEOPLE OF THE PHILIPPINES, PLAINTIFF-APPELLEE, VS. Y,"
            " ACCUSED-APPELLANT.\nD E C I S I O N\nThe accused was charged with illegal"
            " recruitment in"
            " large scale under Republic Act No. 8042 for collecting placement fees without a"
            " license."
            "\nWHEREFORE, the accused is found GUILTY.\nSO ORDERED.",
            "PH",
        ),
        # narcotics in Indonesia
        (
            "Nomor 5/Pid.Sus/2024/PN Abc\nPengadilan Negeri Abc yang mengadili perkara pidana\n"
            "Menimbang, bahwa Terdakwa didakwa melanggar Pasal 114 ayat (1) Undang-Undang Nomor"
            " 35 Tahun"
            " 2009 tentang Narkotika karena peredaran gelap narkotika jenis sabu;\nMENGADILI:\n"
            "1. Menyatakan Terdakwa terbukti secara sah dan meyakinkan bersalah;\n",
            "ID",
        ),
        # vice offence without any trafficking charge or finding
        (
            "**Case Number** :Criminal Case No 1 of 2015\n**Tribunal/Court** :High"
            " Court\n**Parties** :"
            "Public Prosecutor — Z\n**Tan J:**\nThe accused pleaded guilty to living on the"
            " earnings of"
            " prostitution under the Women's Charter.\nConclusion\nI sentence the accused to 12"
            " months'"
            " imprisonment.",
            "SG",
        ),
    ],
)
def test_classifier_false_friends(coder: CaseCoder, text: str, country: str) -> None:
    assert not coder.code(make(text, country=country)).is_trafficking_case


def test_singapore_sentence_and_statute(coder: CaseCoder) -> None:
    text = (
        "**Case Number** :Criminal Case No 9 of 2017\n**Decision Date** :3 March 2017\n"
        "**Tribunal/Court** :High Court\n**Parties** :Public Prosecutor — A\n**Lee J:**\n"
        "The accused was charged under s 3(1)(a) of the Prevention of Human Trafficking Act"
        " for trafficking in persons. Human trafficking of two women was proven. The victims"
        " were trafficked persons; trafficking in persons is grave.\nConclusion\nI find the"
        " accused guilty and I sentence the accused to 4 years' imprisonment and a fine of"
        " S$10,000.\n"
    )
    facts = coder.code(make(text, country="SG", language="en"))
    assert facts.decision_date == "2017-03-03"
    assert facts.outcome == "convicted"
    assert facts.is_trafficking_case
    assert [(s.imprisonment_months, s.fine and s.fine.currency) for s in facts.sentences] == [
        (48, "SGD")
    ]


@pytest.mark.parametrize("text", ["", "\x00\xff\x13 \ufffd" * 50, "1234 5678", "ក" * 40])
def test_code_never_raises_and_returns_nulls(coder: CaseCoder, text: str) -> None:
    facts = coder.code(make(text))
    assert facts.outcome is None and facts.sentences == () and not facts.is_trafficking_case


def test_legislation_is_not_coded_as_a_case(coder: CaseCoder) -> None:
    facts = coder.code(make(INDONESIAN, doc_type="legislation"))
    assert not facts.is_trafficking_case and facts.court is None


def test_mojibake_is_repaired_and_spans_stay_in_the_original(coder: CaseCoder) -> None:
    text = PHILIPPINE_APPEAL.replace("JUAN REYES", "JUAN OSME\u00c3\u0091A")
    facts = coder.code(make(text, country="PH", language="en"))
    assert facts.defendants[0].name == "JUAN OSME\u00d1A Y CRUZ"
    assert_evidence_points_into(facts, text)


def test_a_placement_case_investigated_by_a_trafficking_unit_is_not_trafficking(
    coder: CaseCoder,
) -> None:
    testimony = (
        "- Bahwa saksi adalah anggota Subsatgas Tindak Pidana Perdagangan Orang (TPPO); - Bahwa "
        "ada dugaan kegiatan perdagangan orang ke Malaysia; - Bahwa Terdakwa diamankan oleh "
        "petugas terkait tindak pidana perdagangan orang; "
    )
    text = (
        "P U T U S A N\nNomor 9/Pid.Sus/2025/PN Mpw\nPengadilan Negeri Mempawah mengadili "
        "perkara pidana Terdakwa ANTON.\nMenimbang, bahwa Terdakwa didakwa dengan dakwaan tunggal "
        "melanggar Pasal 81 jo Pasal 69 Undang-Undang Nomor 18 Tahun 2017 tentang Pelindungan "
        "Pekerja Migran Indonesia;\n" + testimony * 4 + "\nM E N G A D I L I :\n1. Menyatakan "
        "Terdakwa ANTON terbukti bersalah melakukan tindak pidana melaksanakan penempatan "
        "Pekerja Migran Indonesia;\n"
    )
    facts = coder.code(make(text, country="ID"))
    assert facts.is_trafficking_case is False


def test_a_victim_prosecuted_for_what_she_was_forced_to_do_is_a_trafficking_case(
    coder: CaseCoder,
) -> None:
    text = (
        "P U T U S A N\nNomor 9/Pid.Sus/2025/PN Nnk\nPengadilan Negeri Nunukan mengadili "
        "perkara pidana Terdakwa MARLINA.\nMenimbang, bahwa Terdakwa didakwa melanggar Pasal 126 "
        "Undang-Undang Nomor 6 Tahun 2011 tentang Keimigrasian;\nMenimbang, bahwa Terdakwa adalah "
        "korban tindak pidana perdagangan orang yang memakai paspor palsu karena dipaksa oleh "
        "pelaku, sehingga tidak dapat dijatuhi pidana, maka Terdakwa harus dilepaskan dari segala "
        "tuntutan hukum;\nM E N G A D I L I :\n1. Melepaskan Terdakwa dari segala tuntutan "
        "hukum;\n"
    )
    facts = coder.code(make(text, country="ID"))
    assert facts.is_trafficking_case is True
    assert (facts.non_punishment.raised, facts.non_punishment.applied) == (True, True)


def test_trafficking_charged_under_the_new_penal_code_is_a_trafficking_case(
    coder: CaseCoder,
) -> None:
    text = (
        INDONESIAN.replace(
            "Pasal 2 ayat (1) Undang-Undang Nomor 21 Tahun 2007 tentang Pemberantasan Tindak "
            "Pidana Perdagangan Orang",
            "Pasal 455 ayat (1) Undang-Undang Nomor 1 Tahun 2023 tentang Kitab Undang-Undang Hukum "
            "Pidana",
        )
        .replace("sebagai korban perdagangan orang", "")
        .replace("tindak pidana perdagangan orang", "")
    )
    facts = coder.code(make(text, country="ID"))
    assert facts.is_trafficking_case is True


RESTITUTION_DECIDED = INDONESIAN.replace(
    "3. Menghukum Terdakwa membayar restitusi kepada Anak Korban sebesar Rp15.000.000,00;\n",
    "3. Menghukum Terdakwa membayar restitusi kepada Anak Korban sebesar Rp15.000.000,00"
    " (lima belas juta rupiah) dengan ketentuan apabila restitusi tersebut tidak dibayar maka"
    " harta benda Terdakwa disita dan dilelang, dan bila tidak mencukupi diganti dengan pidana"
    " kurungan selama 4 (empat) bulan;\n4. Menetapkan barang bukti dikembalikan;\n",
).replace(
    "M E N G A D I L I :",
    "Menimbang, bahwa permohonan restitusi yang diajukan untuk Saksi Korban Dewi tidak disertai"
    " bukti kerugian, sehingga permohonan restitusi tersebut haruslah ditolak;\n"
    "M E N G A D I L I :",
)


def test_restitution_replaced_by_detention_and_a_refused_request(coder: CaseCoder) -> None:
    facts = coder.code(make(RESTITUTION_DECIDED))

    (award,) = facts.compensation
    assert (award.kind, award.amount, award.subsidiary_detention_months) == (
        "restitution",
        15_000_000,
        4,
    )
    # The fine's own default term is not the award's.
    assert facts.sentences[0].subsidiary_detention_months == 3
    (refused,) = facts.compensation_refused
    assert refused.kind == "restitution"
    assert "haruslah ditolak" in refused.evidence[0].text


def test_an_award_without_a_default_term_and_a_plea_to_refuse_are_not_coded(
    coder: CaseCoder,
) -> None:
    pleaded = INDONESIAN.replace(
        "M E N G A D I L I :",
        "Menimbang, bahwa Penasihat Hukum Terdakwa dalam pembelaannya memohon agar Majelis"
        " menolak restitusi yang dimohonkan;\nM E N G A D I L I :",
    )
    facts = coder.code(make(pleaded))

    assert [c.subsidiary_detention_months for c in facts.compensation] == [None]
    assert facts.compensation_refused == ()


def test_the_law_a_court_convicts_under_is_read_from_the_offence_it_names(
    coder: CaseCoder,
) -> None:
    assert coder.code(make(INDONESIAN)).conviction_law == "trafficking"
    child_law = INDONESIAN.replace(
        "bersalah melakukan tindak pidana perdagangan orang;",
        "bersalah melakukan tindak pidana “eksploitasi secara ekonomi terhadap Anak”"
        " sebagaimana dalam dakwaan alternatif kedua;",
    )
    facts = coder.code(make(child_law))
    assert facts.is_trafficking_case  # charged under the trafficking law all the same
    assert facts.conviction_law == "child_protection"
    assert "terhadap Anak" in facts.evidence["conviction_law"][0].text
    placement = INDONESIAN.replace(
        "bersalah melakukan tindak pidana perdagangan orang;",
        "bersalah melakukan tindak pidana “orang perseorangan melaksanakan penempatan Pekerja"
        " Migran Indonesia” sebagaimana dalam dakwaan kedua;",
    )
    assert coder.code(make(placement)).conviction_law == "migrant_workers"
    # A citizen taken abroad to be exploited is the trafficking law's own offence.
    abroad = INDONESIAN.replace(
        "bersalah melakukan tindak pidana perdagangan orang;",
        "bersalah melakukan tindak pidana “membawa warga negara Indonesia ke luar wilayah"
        " negara Republik Indonesia dengan maksud untuk dieksploitasi”;",
    )
    assert coder.code(make(abroad)).conviction_law == "trafficking"
    ph = coder.code(make(PHILIPPINE_APPEAL, country="PH", language="en"))
    assert ph.conviction_law == "trafficking"


def test_an_order_without_terbukti_or_with_a_split_word_still_names_its_offence(
    coder: CaseCoder,
) -> None:
    plain = INDONESIAN.replace(
        "1. Menyatakan Terdakwa terbukti secara sah dan meyakinkan bersalah melakukan tindak"
        " pidana perdagangan orang;",
        "1. Menyatakan Terdakwa Budi, bersalah melakukan tindak pidana “orang perseorangan yang"
        " melaksanakan penempatan Pekerja Migran Indonesia”;",
    )
    assert "Budi, bersalah" in plain
    assert coder.code(make(plain)).conviction_law == "migrant_workers"
    split = INDONESIAN.replace("meyakinkan bersalah melakukan", "meyakinkan bersala h melakukan")
    assert "bersala h" in split
    assert coder.code(make(split)).conviction_law == "trafficking"


def test_a_restitution_order_ends_at_the_next_numbered_order(coder: CaseCoder) -> None:
    """The default term may be stated as "tidak melakukan pembayaran", and the order of costs
    after it ("7. Membebankan ... biaya perkara Rp2.500,00") is no second award."""
    ordered = INDONESIAN.replace(
        "3. Menghukum Terdakwa membayar restitusi kepada Anak Korban sebesar Rp15.000.000,00;\n",
        "3. Membayar restitusi kepada Anak Korban sebesar Rp15.000.000,00 (lima belas juta"
        " rupiah) dan jika tidak melakukan pembayaran restitusi sebagaimana ditetapkan, maka akan"
        " diganti dengan pidana kurungan selama 5 (lima) bulan.\n4. Membebankan kepada Terdakwa"
        " untuk membayar biaya perkara sebesar Rp2.500,00 (dua ribu lima ratus rupiah).\n",
    )
    assert "jika tidak melakukan pembayaran" in ordered
    (award,) = coder.code(make(ordered)).compensation
    assert (award.amount, award.subsidiary_detention_months) == (15_000_000, 5)


def test_an_order_naming_only_its_count_or_acquitting_codes_no_conviction_law(
    coder: CaseCoder,
) -> None:
    count_only = INDONESIAN.replace(
        "bersalah melakukan tindak pidana perdagangan orang;",
        "bersalah sebagaimana dalam dakwaan tunggal;",
    )
    assert coder.code(make(count_only)).conviction_law is None
    acquitted = INDONESIAN.replace(
        "1. Menyatakan Terdakwa terbukti secara sah dan meyakinkan bersalah",
        "1. Menyatakan Terdakwa tidak terbukti secara sah dan meyakinkan bersalah",
    ).replace("2. Menjatuhkan pidana kepada Terdakwa", "2. Membebaskan Terdakwa dan")
    facts = coder.code(make(acquitted))
    assert facts.outcome == "acquitted"
    assert facts.conviction_law is None and "conviction_law" not in facts.evidence
