"""Small invented documents for the index tests: a few judgments and one law, in English and
Indonesian, with coded facts and provisions. Every text here was written for these tests."""

from __future__ import annotations

from tiplex.records import CaseFacts, Document, NonPunishment, Provision, Victims


def _document(doc_id: str, text: str, **fields: str) -> Document:
    return Document(
        doc_id=doc_id,
        source_id=doc_id.split(":")[0],
        url=fields.get("url", f"file:///samples/{doc_id.replace(':', '_')}.txt"),
        country=fields.get("country", "PH"),
        language=fields.get("language", "en"),
        doc_type=fields.get("doc_type", "judgment"),  # type: ignore[arg-type]
        title=fields.get("title", doc_id),
        text=text,
        sha256="0" * 64,
        content_type="text/plain",
        raw_path="",
        fetched_at="2024-01-01T00:00:00Z",
        court=fields.get("court"),
        case_number=fields.get("case_number"),
        decision_date=fields.get("decision_date"),
    )


def _paragraphs(*sentences: str, repeat: int = 1) -> str:
    """Paragraphs of the sentences in turning order, so a document spans several passages."""
    paragraphs = []
    for round_ in range(repeat):
        turned = sentences[round_ % len(sentences) :] + sentences[: round_ % len(sentences)]
        paragraphs.append(" ".join(f"{s} (paragraph {round_ + 1})." for s in turned))
    return "\n\n".join(paragraphs)


PH_SEX_TRAFFICKING = _document(
    "ph_court:gr-1001",
    _paragraphs(
        "The accused recruited three minor girls from the province with promises of work",
        "He transported them to the city and harboured them in a videoke bar",
        "The girls were offered to customers for sexual exploitation every night",
        "The prosecution charged qualified trafficking in persons under R.A. 9208",
        "The trial court convicted the accused and awarded moral damages to each victim",
        "The victims testified in a straightforward manner about the abuse they suffered",
        repeat=6,
    ),
    country="PH",
    court="Supreme Court of the Philippines",
    case_number="G.R. No. 1001",
    decision_date="2019-06-10",
    title="People v. Recruiter",
)

ID_FORCED_LABOUR = _document(
    "id_court:12-pid-sus-2021",
    _paragraphs(
        "Terdakwa merekrut para korban untuk bekerja sebagai anak buah kapal penangkap ikan",
        "Para korban dipekerjakan di kapal ikan tanpa upah dan paspor mereka ditahan",
        "Penuntut umum mendakwa terdakwa melanggar Pasal 2 UU 21/2007",
        "Penasihat hukum menyatakan korban tidak dapat dipidana menurut Pasal 18 UU 21/2007",
        "Majelis hakim menyatakan terdakwa terbukti melakukan tindak pidana perdagangan orang",
        repeat=5,
    ),
    country="ID",
    language="id",
    court="Pengadilan Negeri Contoh",
    case_number="12/Pid.Sus/2021/PN Cth",
    decision_date="2021-03-15",
    title="Putusan Nomor 12/Pid.Sus/2021/PN Cth",
)

ID_OTHER_ARTICLE = _document(
    "id_court:40-pid-sus-2020",
    _paragraphs(
        "Terdakwa didakwa menyalahgunakan narkotika golongan satu",
        "Penuntut umum mendakwa terdakwa melanggar Pasal 180 dan Pasal 112 undang-undang narkotika",
        "Majelis hakim menjatuhkan pidana penjara kepada terdakwa",
        repeat=3,
    ),
    country="ID",
    language="id",
    court="Pengadilan Negeri Lain",
    decision_date="2020-08-01",
    title="Putusan Nomor 40/Pid.Sus/2020/PN Lain",
)

SG_SHIPPING = _document(
    "sg_court:2015-sghc-77",
    _paragraphs(
        "The plaintiff shipowner claims demurrage under a voyage charterparty",
        "The defendant charterer says the vessel was not ready to load at the port",
        "The arbitration clause in the charterparty covers disputes about laytime",
        "The court stays the action in favour of arbitration in London",
        repeat=4,
    ),
    country="SG",
    court="High Court of Singapore",
    case_number="[2015] SGHC 77",
    decision_date="2015-04-20",
    title="Shipowner v. Charterer",
)

PH_DRUGS = _document(
    "ph_court:gr-2002",
    _paragraphs(
        "The accused was caught selling shabu in a buy-bust operation",
        "The charge was illegal sale of dangerous drugs under R.A. 9165",
        "The chain of custody of the seized drugs was not preserved",
        "The accused is acquitted on reasonable doubt",
        repeat=4,
    ),
    country="PH",
    court="Supreme Court of the Philippines",
    case_number="G.R. No. 2002",
    decision_date="2020-11-05",
    title="People v. Seller",
)

_LAW_TEXT = (
    "Section 2. Interpretation. Trafficking in persons means the recruitment, transportation, "
    "transfer, harbouring or receipt of a person for the purpose of exploitation.\n\n"
    "Section 12. Offence of trafficking in persons. Any person who traffics in persons commits "
    "an offence and shall be liable to imprisonment for a term not exceeding fifteen years.\n\n"
    "Section 25. Immunity of trafficked persons. A trafficked person shall not be liable to "
    "criminal prosecution for illegal entry or for the possession of false travel documents."
)
MY_LAW = _document(
    "my_parliament:bill-2022-5",
    _LAW_TEXT,
    country="MY",
    doc_type="legislation",
    title="Anti-Trafficking in Persons (Amendment) Bill",
    decision_date="2022-02-01",
)


def _provision(
    number: str, heading: str, topics: tuple[str, ...], actip: tuple[str, ...]
) -> Provision:
    start = _LAW_TEXT.index(f"Section {number}.")
    end = _LAW_TEXT.find("\n\n", start)
    end = len(_LAW_TEXT) if end < 0 else end
    return Provision(
        doc_id=MY_LAW.doc_id,
        number=number,
        heading=heading,
        text=_LAW_TEXT[start:end],
        start=start,
        end=end,
        topics=topics,
        actip_articles=actip,
    )


MY_PROVISIONS = (
    _provision("2", "Interpretation", ("definition",), ("2",)),
    _provision("12", "Offence of trafficking in persons", ("penalty",), ("5",)),
    _provision("25", "Immunity of trafficked persons", ("non_punishment",), ("14(7)",)),
)

DOCUMENTS = (PH_SEX_TRAFFICKING, ID_FORCED_LABOUR, ID_OTHER_ARTICLE, SG_SHIPPING, PH_DRUGS, MY_LAW)

FACTS = {
    PH_SEX_TRAFFICKING.doc_id: CaseFacts(
        doc_id=PH_SEX_TRAFFICKING.doc_id,
        country="PH",
        language="en",
        doc_type="judgment",
        is_trafficking_case=True,
        outcome="convicted",
        victims=Victims(count=3, minors=3),
        exploitation_forms=("sexual_exploitation",),
        sectors=("entertainment_massage",),
    ),
    ID_FORCED_LABOUR.doc_id: CaseFacts(
        doc_id=ID_FORCED_LABOUR.doc_id,
        country="ID",
        language="id",
        doc_type="judgment",
        is_trafficking_case=True,
        outcome="convicted",
        victims=Victims(count=4, minors=0),
        exploitation_forms=("forced_labour",),
        sectors=("fishing",),
        non_punishment=NonPunishment(raised=True, applied=None, provision="Pasal 18 UU 21/2007"),
    ),
    ID_OTHER_ARTICLE.doc_id: CaseFacts(
        doc_id=ID_OTHER_ARTICLE.doc_id,
        country="ID",
        language="id",
        doc_type="judgment",
        is_trafficking_case=False,
        outcome="convicted",
    ),
    SG_SHIPPING.doc_id: CaseFacts(
        doc_id=SG_SHIPPING.doc_id,
        country="SG",
        language="en",
        doc_type="judgment",
        is_trafficking_case=False,
        outcome="other",
    ),
    PH_DRUGS.doc_id: CaseFacts(
        doc_id=PH_DRUGS.doc_id,
        country="PH",
        language="en",
        doc_type="judgment",
        is_trafficking_case=False,
        outcome="acquitted",
    ),
}

PROVISIONS = {MY_LAW.doc_id: MY_PROVISIONS}
