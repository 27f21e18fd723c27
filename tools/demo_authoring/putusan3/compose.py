"""Compose a decision's full text as a list of layout blocks, in the order of a real judgment.

The formulaic parts (heading, identity, detention, the reading formulas, the operative part, the
closing) are generated from the case data; the parts that differ from case to case (charges,
testimony, reasoning) are the authored texts. Authored texts use a small markup: blank lines
separate paragraphs, "- " starts a list item, "## " a centred heading, and "> " a line that only
the operative part shows (the disposal of an exhibit).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Literal

from .bahasa import duration, long_date, rupiah, weekday
from .model import Case, Defendant, Sentence

BlockKind = Literal["title", "center", "heading", "para", "item", "signature"]
COURT_FEE = 5000


@dataclass(frozen=True)
class Block:
    kind: BlockKind
    text: str
    right: str = ""  # second column, for signature rows only


def _paragraphs(marked: str, *, with_dispositions: bool = False) -> list[Block]:
    blocks: list[Block] = []
    for chunk in marked.strip().split("\n\n"):
        lines = [line.strip() for line in chunk.strip().splitlines() if line.strip()]
        for position, line in enumerate(lines):
            if line.startswith("## "):
                blocks.append(Block("heading", line[3:]))
            elif line.startswith("- "):
                blocks.append(Block("item", line))
            elif line.startswith("> "):
                if with_dispositions:
                    blocks.append(Block("para", line[2:]))
            elif position and blocks and blocks[-1].kind in ("para", "item"):
                # a wrapped line continues the paragraph or item above it
                blocks[-1] = Block(blocks[-1].kind, f"{blocks[-1].text} {line}")
            else:
                blocks.append(Block("para", line))
    return blocks


def _label(case: Case, index: int) -> str:
    """'Terdakwa' alone, or 'Terdakwa I' / 'Terdakwa II' when several stand trial together."""
    if len(case.terdakwa) == 1:
        return "Terdakwa"
    return f"Terdakwa {'I' * (index + 1) if index < 3 else index + 1}"


def _age(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def _identity(case: Case, index: int, person: Defendant) -> list[Block]:
    age = _age(person.tanggal_lahir, case.tanggal_register)
    rows = [
        ("Nama lengkap", person.nama),
        ("Tempat lahir", person.tempat_lahir),
        ("Umur/Tanggal lahir", f"{age} Tahun/{long_date(person.tanggal_lahir)}"),
        ("Jenis kelamin", person.jenis_kelamin),
        ("Kebangsaan", person.kebangsaan),
        ("Tempat tinggal", person.tempat_tinggal),
        ("Agama", person.agama),
        ("Pekerjaan", person.pekerjaan),
        ("Pendidikan", person.pendidikan),
    ]
    blocks = [Block("para", f"{_label(case, index)}:")] if len(case.terdakwa) > 1 else []
    blocks += [Block("item", f"{n}. {key} : {value};") for n, (key, value) in enumerate(rows, 1)]
    return blocks


def _detention(case: Case, index: int) -> list[Block]:
    """The detention history, counted back from registration and forward to the verdict.

    Periods follow KUHAP: investigator 20 days, extension by the prosecutor 40, prosecutor 20,
    the trial court 30, extension by its president 60, then by the High Court president 30.
    """
    hakim_start = case.tanggal_register
    pu_start = hakim_start - dt.timedelta(days=20)
    ext_start = pu_start - dt.timedelta(days=40)
    penyidik_start = ext_start - dt.timedelta(days=20)
    periods = [
        ("Penyidik", penyidik_start, 20),
        ("Penyidik Perpanjangan Oleh Penuntut Umum", ext_start, 40),
        ("Penuntut Umum", pu_start, 20),
        (f"Majelis Hakim Pengadilan Negeri {case.kota}", hakim_start, 30),
    ]
    after_court = hakim_start + dt.timedelta(days=30)
    if case.tanggal_putusan >= after_court:
        periods.append((f"Perpanjangan Ketua Pengadilan Negeri {case.kota}", after_court, 60))
    if case.tanggal_putusan >= after_court + dt.timedelta(days=60):
        periods.append(
            ("Perpanjangan Ketua Pengadilan Tinggi", after_court + dt.timedelta(days=60), 30)
        )
    label = _label(case, index)
    blocks = [Block("para", f"{label} ditahan dalam tahanan Rumah Tahanan Negara oleh:")]
    for n, (who, start, days) in enumerate(periods, 1):
        end = start + dt.timedelta(days=days - 1)
        blocks.append(
            Block(
                "item",
                f"{n}. {who} sejak tanggal {long_date(start)} sampai dengan "
                f"tanggal {long_date(end)};",
            )
        )
    return blocks


def _register_number(case: Case) -> str:
    """The prosecutor's file number; derived from the case number so rebuilds are identical."""
    digest = int(hashlib.md5(case.nomor.encode("utf-8")).hexdigest()[:6], 16)
    month = (case.tanggal_register.month - 1) or 12
    return (
        f"PDM-{digest % 400 + 12}/{case.kota.split()[0].upper()}/Eku.2/{month:02d}/"
        f"{case.tanggal_register.year}"
    )


def _sentence_clause(sentence: Sentence, *, demand: bool, in_lieu: str) -> str:
    term = f"pidana penjara selama {duration(sentence.penjara_bulan)}"
    if demand:
        term += " dikurangi selama Terdakwa berada dalam tahanan"
    detention = in_lieu if not demand else in_lieu.removeprefix("pidana ")
    return (
        f"{term} dan denda sebesar {rupiah(sentence.denda)} dengan ketentuan apabila denda "
        f"tersebut tidak dibayar diganti dengan {detention} selama "
        f"{duration(sentence.subsidair_bulan)}"
    )


def _restitution_clause(case: Case, amount_of: str) -> list[str]:
    debtor = "Terdakwa" if len(case.terdakwa) == 1 else "Terdakwa I"
    clauses = []
    for item in case.restitusi:
        amount = item.dimohon if amount_of == "dimohon" else item.dikabulkan
        clauses.append(
            f"Menghukum {debtor} untuk membayar restitusi kepada {item.penerima} sebesar "
            f"{rupiah(amount)}, dengan ketentuan apabila restitusi tersebut tidak dibayar paling "
            f"lama 30 (tiga puluh) hari setelah putusan berkekuatan hukum tetap, harta kekayaan "
            f"{debtor} dapat disita dan dilelang untuk membayar restitusi, dan dalam hal harta "
            f"kekayaan tidak mencukupi diganti dengan pidana kurungan selama "
            f"{duration(item.pengganti_bulan)}"
        )
    return clauses


def _demand(case: Case) -> list[Block]:
    items: list[str] = []
    for index, person in enumerate(case.terdakwa):
        label = _label(case, index)
        items.append(
            f"Menyatakan {label} {person.nama} terbukti secara sah dan meyakinkan bersalah "
            f'melakukan tindak pidana "{person.tuntutan_kualifikasi}" sebagaimana diatur dan '
            f"diancam pidana dalam {case.pasal_tuntutan}, sebagaimana dalam Surat Dakwaan "
            f"{person.tuntutan_dakwaan};"
        )
        demand = _sentence_clause(person.tuntutan, demand=True, in_lieu=case.pengganti_denda)
        items.append(
            f"Menjatuhkan pidana terhadap {label} {person.nama} dengan {demand}, dengan perintah "
            f"agar {label} tetap ditahan;"
        )
    items += [clause + ";" for clause in _restitution_clause(case, "dimohon")]
    items.append(
        "Menyatakan barang bukti sebagaimana diuraikan dalam surat tuntutan "
        "dipergunakan sesuai dengan ketentuan yang dimohonkan;"
    )
    items.append(
        f"Menetapkan agar {'Terdakwa' if len(case.terdakwa) == 1 else 'para Terdakwa'} "
        f"membayar biaya perkara sebesar {rupiah(COURT_FEE)}."
    )
    return [Block("item", f"{n}. {text}") for n, text in enumerate(items, 1)]


def _operative_part(case: Case) -> list[Block]:
    items: list[str] = []
    convicted = [d for d in case.terdakwa if d.putusan == "bersalah"]
    for index, person in enumerate(case.terdakwa):
        label = _label(case, index)
        if person.dakwaan_tidak_terbukti:
            items.append(
                f"Menyatakan {label} {person.nama} tersebut di atas tidak terbukti secara sah dan "
                f"meyakinkan bersalah melakukan tindak pidana sebagaimana didakwakan dalam "
                f"dakwaan {person.dakwaan_tidak_terbukti};"
            )
            items.append(
                f"Membebaskan {label} oleh karena itu dari dakwaan "
                f"{person.dakwaan_tidak_terbukti} tersebut;"
            )
        if person.putusan == "bersalah" and person.pidana is not None:
            items.append(
                f"Menyatakan {label} {person.nama} tersebut di atas telah terbukti secara sah dan "
                f'meyakinkan bersalah melakukan tindak pidana "{person.kualifikasi}" '
                f"sebagaimana dalam dakwaan {person.dakwaan_terbukti};"
            )
            ordered = _sentence_clause(person.pidana, demand=False, in_lieu=case.pengganti_denda)
            items.append(f"Menjatuhkan pidana kepada {label} oleh karena itu dengan {ordered};")
        elif person.putusan == "bebas":
            items.append(
                f"Menyatakan {label} {person.nama} tersebut di atas tidak terbukti secara sah dan "
                f"meyakinkan bersalah melakukan tindak pidana sebagaimana didakwakan dalam "
                f"dakwaan {person.dakwaan_terbukti};"
            )
            items.append(f"Membebaskan {label} oleh karena itu dari semua dakwaan Penuntut Umum;")
        else:
            items.append(
                f"Menyatakan {label} {person.nama} terbukti melakukan perbuatan sebagaimana "
                f"didakwakan dalam dakwaan {person.dakwaan_terbukti}, akan tetapi perbuatan itu "
                f"tidak dapat dipidana karena {label} adalah korban tindak pidana perdagangan "
                f"orang yang melakukannya karena dipaksa oleh pelaku tindak pidana perdagangan "
                f"orang;"
            )
            items.append(f"Melepaskan {label} oleh karena itu dari segala tuntutan hukum;")
        if person.putusan != "bersalah":
            items.append(
                f"Memerintahkan {label} dibebaskan dari tahanan segera setelah putusan "
                f"ini diucapkan;"
            )
            items.append(
                f"Memulihkan hak-hak {label} dalam kemampuan, kedudukan, dan harkat "
                f"serta martabatnya;"
            )
    items += [clause + ";" for clause in _restitution_clause(case, "dikabulkan")]
    if convicted:
        who = (
            "Terdakwa"
            if len(case.terdakwa) == 1
            else _label(case, case.terdakwa.index(convicted[0]))
        )
        items.append(
            f"Menetapkan masa penangkapan dan penahanan yang telah dijalani {who} "
            f"dikurangkan seluruhnya dari pidana yang dijatuhkan;"
        )
        items.append(f"Menetapkan {who} tetap ditahan;")
    items.append("Menetapkan barang bukti berupa:")
    numbered = [Block("item", f"{n}. {text}") for n, text in enumerate(items, 1)]
    numbered += _paragraphs(case.barang_bukti, with_dispositions=True)
    if convicted:
        who = (
            "Terdakwa"
            if len(case.terdakwa) == 1
            else _label(case, case.terdakwa.index(convicted[0]))
        )
        fee = f"Membebankan kepada {who} membayar biaya perkara sejumlah {rupiah(COURT_FEE)}."
    else:
        fee = "Membebankan biaya perkara kepada Negara."
    numbered.append(Block("item", f"{len(items) + 1}. {fee}"))
    return numbered


def _closing(case: Case) -> list[Block]:
    anggota_1, anggota_2 = case.hakim_anggota
    deliberated = case.tanggal_musyawarah
    pronounced = case.tanggal_putusan
    if deliberated == pronounced:
        spoken = "pada hari itu juga"
    else:
        spoken = f"pada hari {weekday(pronounced)}, tanggal {long_date(pronounced)}"
    presence = "Terdakwa" if len(case.terdakwa) == 1 else "para Terdakwa"
    text = (
        f"Demikianlah diputuskan dalam sidang permusyawaratan Majelis Hakim {case.pengadilan}, "
        f"pada hari {weekday(deliberated)}, tanggal {long_date(deliberated)}, oleh kami, "
        f"{case.hakim_ketua}, sebagai Hakim Ketua, {anggota_1} dan {anggota_2}, masing-masing "
        f"sebagai Hakim Anggota, putusan tersebut diucapkan dalam sidang terbuka untuk umum "
        f"{spoken} oleh Hakim Ketua dengan didampingi para Hakim Anggota tersebut, dibantu oleh "
        f"{case.panitera}, Panitera Pengganti pada {case.pengadilan}, serta dihadiri oleh "
        f"{case.penuntut_umum}, Penuntut Umum dan {presence} didampingi Penasihat Hukumnya."
    )
    return [
        Block("para", text),
        Block("signature", "Hakim Anggota,", "Hakim Ketua,"),
        Block("signature", anggota_1, case.hakim_ketua),
        Block("signature", anggota_2, ""),
        Block("center", "Panitera Pengganti,"),
        Block("center", case.panitera),
    ]


def compose(case: Case) -> list[Block]:
    """The whole decision, top to bottom."""
    plural = len(case.terdakwa) > 1
    accused = "para Terdakwa" if plural else "Terdakwa"
    blocks = [
        Block("title", "P U T U S A N"),
        Block("center", f"Nomor {case.nomor}"),
        Block("center", "DEMI KEADILAN BERDASARKAN KETUHANAN YANG MAHA ESA"),
        Block(
            "para",
            f"{case.pengadilan} yang mengadili perkara pidana dengan acara pemeriksaan "
            f"biasa dalam tingkat pertama menjatuhkan putusan sebagai berikut dalam "
            f"perkara {accused}:",
        ),
    ]
    for index, person in enumerate(case.terdakwa):
        blocks += _identity(case, index, person)
    for index in range(len(case.terdakwa)):
        blocks += _detention(case, index)
    blocks += [
        Block(
            "para",
            f"{accused.capitalize()} didampingi oleh {case.penasihat_hukum}, "
            f"Penasihat Hukum, berdasarkan Surat Kuasa Khusus yang telah didaftarkan "
            f"di Kepaniteraan {case.pengadilan};",
        ),
        Block("para", "Pengadilan Negeri tersebut;"),
        Block("para", "Setelah membaca:"),
        Block(
            "item",
            f"- Penetapan Ketua {case.pengadilan} Nomor {case.nomor} tanggal "
            f"{long_date(case.tanggal_register)} tentang penunjukan Majelis Hakim;",
        ),
        Block(
            "item",
            f"- Penetapan Majelis Hakim Nomor {case.nomor} tanggal "
            f"{long_date(case.tanggal_register)} tentang penetapan hari sidang;",
        ),
        Block("item", "- Berkas perkara dan surat-surat lain yang bersangkutan;"),
        Block(
            "para",
            f"Setelah mendengar keterangan Saksi-saksi dan {accused} serta memperhatikan "
            f"barang bukti yang diajukan di persidangan;",
        ),
        Block(
            "para",
            "Setelah mendengar pembacaan tuntutan pidana yang diajukan oleh Penuntut "
            "Umum yang pada pokoknya sebagai berikut:",
        ),
        *_demand(case),
        Block(
            "para",
            f"Setelah mendengar pembelaan {accused} melalui Penasihat Hukumnya yang "
            f"pada pokoknya sebagai berikut:",
        ),
        *_paragraphs(case.pembelaan),
        Block(
            "para",
            "Setelah mendengar tanggapan Penuntut Umum terhadap pembelaan tersebut yang "
            "pada pokoknya tetap pada tuntutannya, demikian pula Penasihat Hukum tetap "
            "pada pembelaannya;",
        ),
        Block(
            "para",
            f"Menimbang, bahwa {accused} diajukan ke persidangan oleh Penuntut Umum "
            f"didakwa berdasarkan surat dakwaan Nomor Reg. Perkara: "
            f"{_register_number(case)} sebagai berikut:",
        ),
        *_paragraphs(case.dakwaan),
        Block(
            "para",
            f"Menimbang, bahwa atas dakwaan Penuntut Umum tersebut {accused} menyatakan "
            f"telah mengerti dan tidak mengajukan keberatan;",
        ),
        Block(
            "para",
            "Menimbang, bahwa untuk membuktikan dakwaannya Penuntut Umum telah "
            "mengajukan Saksi-saksi sebagai berikut:",
        ),
        *_paragraphs(case.saksi),
        Block(
            "para",
            f"Menimbang, bahwa {accused} di persidangan telah memberikan keterangan "
            f"yang pada pokoknya sebagai berikut:",
        ),
        *_paragraphs(case.keterangan_terdakwa),
        Block("para", "Menimbang, bahwa Penuntut Umum mengajukan barang bukti sebagai berikut:"),
        *_paragraphs(case.barang_bukti),
        Block(
            "para",
            "Menimbang, bahwa barang bukti tersebut telah disita secara sah dan "
            "diperlihatkan di persidangan, serta dibenarkan oleh Saksi-saksi dan "
            f"{accused};",
        ),
        *_paragraphs(case.pertimbangan),
        Block(
            "para",
            f"Memperhatikan, {case.pasal_putusan}, Undang-Undang Nomor 8 Tahun 1981 "
            f"tentang Hukum Acara Pidana serta peraturan perundang-undangan lain yang "
            f"bersangkutan;",
        ),
        Block("center", "M E N G A D I L I :"),
        *_operative_part(case),
        *_closing(case),
    ]
    return blocks


def plain_text(blocks: list[Block]) -> str:
    """The decision as plain text (for word counts and checks, not for the mirror)."""
    lines = []
    for block in blocks:
        lines.append(f"{block.text}    {block.right}".rstrip() if block.right else block.text)
    return "\n".join(lines)


def count_words(blocks: list[Block]) -> int:
    return len(plain_text(blocks).split())
