"""The bundled demo: a static mirror of two real sites' structures, served on 127.0.0.1."""

from pathlib import Path

MIRROR_DIR = Path(__file__).parent / "mirror"
