"""The typed form of one authored decision, read from its TOML file.

Everything the generator prints about an outcome (verdict, sentence, restitution) is structured
data here rather than free text, because the same values fill the PDF, the metadata page and the
table of true values in EXPECTED.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

Verdict = Literal["bersalah", "bebas", "lepas"]
NonPunishment = Literal["none", "rejected", "applied"]
VERDICTS: tuple[Verdict, ...] = ("bersalah", "bebas", "lepas")
NON_PUNISHMENT: tuple[NonPunishment, ...] = ("none", "rejected", "applied")


@dataclass(frozen=True)
class Sentence:
    """Imprisonment, fine and the detention that replaces an unpaid fine."""

    penjara_bulan: int
    denda: int
    subsidair_bulan: int


@dataclass(frozen=True)
class Defendant:
    nama: str
    tempat_lahir: str
    tanggal_lahir: dt.date
    jenis_kelamin: str
    kebangsaan: str
    tempat_tinggal: str
    agama: str
    pekerjaan: str
    pendidikan: str
    tuntutan: Sentence
    putusan: Verdict
    dakwaan_terbukti: str  # which count the court speaks of, e.g. "Kesatu", "Primair"
    kualifikasi: str  # the offence as named in the operative part
    pidana: Sentence | None  # None unless convicted
    tuntutan_dakwaan: str  # the count the prosecutor asked the court to find proven
    tuntutan_kualifikasi: str
    dakwaan_tidak_terbukti: str  # a count the court rejects before convicting on another, or ""


@dataclass(frozen=True)
class Restitution:
    """Restitution to one victim: what the prosecutor asked and what the court ordered."""

    penerima: str
    dimohon: int
    dikabulkan: int
    pengganti_bulan: int  # detention in lieu when unpaid


@dataclass(frozen=True)
class Coding:
    """True values that the documents state only in prose, for checking the coded case."""

    korban: int  # victims named in the charge
    anak: int  # of whom children
    negara: tuple[str, ...]  # ISO alpha-2 of origin, transit and destination
    cara: tuple[str, ...]  # the means found (or, when acquitted, alleged), in the judgment's words
    eksploitasi: tuple[str, ...]  # CASE-SCHEMA exploitation forms the court found
    sektor: tuple[str, ...]  # CASE-SCHEMA sectors


@dataclass(frozen=True)
class Case:
    source: Path
    nomor: str
    kota: str
    tanggal_register: dt.date
    tanggal_musyawarah: dt.date
    tanggal_putusan: dt.date
    tanggal_upload: dt.date
    hakim_ketua: str
    hakim_anggota: tuple[str, str]
    panitera: str
    penuntut_umum: str
    penasihat_hukum: str
    perdagangan_orang: bool
    kata_kunci: str
    pasal_tuntutan: str
    pasal_putusan: str  # the provisions the operative part rests on ("Memperhatikan, ...")
    non_punishment: NonPunishment
    pengganti_denda: str  # "pidana kurungan", or "pidana penjara" under the narcotics law
    views: int
    downloads: int
    terdakwa: tuple[Defendant, ...]
    restitusi: tuple[Restitution, ...]
    kode: Coding | None  # absent for the decisions that are not about trafficking
    dakwaan: str
    saksi: str
    keterangan_terdakwa: str
    pembelaan: str
    pertimbangan: str
    barang_bukti: str

    @property
    def pengadilan(self) -> str:
        return f"Pengadilan Negeri {self.kota}"

    @property
    def short_court(self) -> str:
        """'PN SURABAYA', as the directory titles decisions."""
        return f"PN {self.kota.upper()}"

    @property
    def title(self) -> str:
        return f"Putusan {self.short_court} Nomor {self.nomor}"

    @property
    def decision_id(self) -> str:
        """The directory's 32-hex page id; derived so rebuilding never changes a URL."""
        return hashlib.md5(self.nomor.encode("utf-8")).hexdigest()

    @property
    def file_id(self) -> str:
        return hashlib.md5(f"pdf:{self.nomor}".encode()).hexdigest()

    @property
    def pdf_name(self) -> str:
        return self.nomor.replace("/", "_").replace(" ", "_") + ".pdf"

    @property
    def outcome(self) -> str:
        verdicts = {d.putusan for d in self.terdakwa}
        if len(verdicts) > 1:
            return "mixed"
        return "convicted" if verdicts == {"bersalah"} else "acquitted"


def _sentence(data: dict[str, Any], prefix: str) -> Sentence:
    return Sentence(
        penjara_bulan=int(data[f"{prefix}penjara_bulan"]),
        denda=int(data[f"{prefix}denda"]),
        subsidair_bulan=int(data[f"{prefix}subsidair_bulan"]),
    )


def _defendant(data: dict[str, Any]) -> Defendant:
    verdict = data["putusan"]
    if verdict not in VERDICTS:
        raise ValueError(f"unknown verdict {verdict!r}")
    return Defendant(
        nama=data["nama"],
        tempat_lahir=data["tempat_lahir"],
        tanggal_lahir=data["tanggal_lahir"],
        jenis_kelamin=data["jenis_kelamin"],
        kebangsaan=data.get("kebangsaan", "Indonesia"),
        tempat_tinggal=data["tempat_tinggal"],
        agama=data["agama"],
        pekerjaan=data["pekerjaan"],
        pendidikan=data["pendidikan"],
        tuntutan=_sentence(data, "tuntutan_"),
        putusan=verdict,
        dakwaan_terbukti=data["dakwaan_terbukti"],
        kualifikasi=data["kualifikasi"],
        pidana=_sentence(data, "") if verdict == "bersalah" else None,
        tuntutan_dakwaan=data.get("tuntutan_dakwaan", data["dakwaan_terbukti"]),
        tuntutan_kualifikasi=data.get("tuntutan_kualifikasi", data["kualifikasi"]),
        dakwaan_tidak_terbukti=data.get("dakwaan_tidak_terbukti", ""),
    )


def _coding(data: dict[str, Any]) -> Coding:
    return Coding(
        korban=int(data["korban"]),
        anak=int(data["anak"]),
        negara=tuple(data["negara"]),
        cara=tuple(data["cara"]),
        eksploitasi=tuple(data["eksploitasi"]),
        sektor=tuple(data["sektor"]),
    )


def load_case(path: Path) -> Case:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    text = data["teks"]
    non_punishment = data.get("non_punishment", "none")
    if non_punishment not in NON_PUNISHMENT:
        raise ValueError(f"{path.name}: unknown non_punishment {non_punishment!r}")
    ketua, anggota_1, anggota_2 = data["hakim"]
    return Case(
        source=path,
        nomor=data["nomor"],
        kota=data["kota"],
        tanggal_register=data["tanggal_register"],
        tanggal_musyawarah=data.get("tanggal_musyawarah", data["tanggal_putusan"]),
        tanggal_putusan=data["tanggal_putusan"],
        tanggal_upload=data["tanggal_upload"],
        hakim_ketua=ketua,
        hakim_anggota=(anggota_1, anggota_2),
        panitera=data["panitera"],
        penuntut_umum=data["penuntut_umum"],
        penasihat_hukum=data.get("penasihat_hukum", ""),
        perdagangan_orang=bool(data["perdagangan_orang"]),
        kata_kunci=data["kata_kunci"],
        pasal_tuntutan=data["pasal_tuntutan"],
        pasal_putusan=data.get("pasal_putusan", data["pasal_tuntutan"]),
        non_punishment=non_punishment,
        pengganti_denda=data.get("pengganti_denda", "pidana kurungan"),
        views=int(data["views"]),
        downloads=int(data["downloads"]),
        terdakwa=tuple(_defendant(d) for d in data["terdakwa"]),
        restitusi=tuple(
            Restitution(
                r["penerima"], int(r["dimohon"]), int(r["dikabulkan"]), int(r["pengganti_bulan"])
            )
            for r in data.get("restitusi", [])
        ),
        kode=_coding(data["kode"]) if "kode" in data else None,
        dakwaan=text["dakwaan"],
        saksi=text["saksi"],
        keterangan_terdakwa=text["keterangan_terdakwa"],
        pembelaan=text["pembelaan"],
        pertimbangan=text["pertimbangan"],
        barang_bukti=text["barang_bukti"],
    )


def load_cases(folder: Path) -> list[Case]:
    """All cases, in file-name order (the order is part of the deterministic build)."""
    return [load_case(path) for path in sorted(folder.glob("*.toml"))]
