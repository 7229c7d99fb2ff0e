"""Settings from environment variables prefixed LEITBILD_ (documented in the README)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DOCUMENTS_DIR = PROJECT_ROOT / "data" / "documents"
DEFAULT_MODEL = "multilingual-e5-small"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LEITBILD_", extra="ignore")

    index_dir: Path = Field(PROJECT_ROOT / "var" / "index", description="Verzeichnis des Suchindex")
    model: str = Field(DEFAULT_MODEL, description="sentence-transformers-Modell: Name, lokaler Pfad oder der Standard")
    model_cache: Path = Field(PROJECT_ROOT / ".cache" / "models", description="Ablage der gebauten Modelle")
    max_question_chars: int = Field(500, ge=10, description="Längste zulässige Frage in Zeichen")
    max_pdf_bytes: int = Field(100 * 1024 * 1024, ge=1024)
    max_pdf_pages: int = Field(2000, ge=1)
    # auto: ONNX Runtime where the model has an export (the default model does), torch otherwise.
    encoder: Literal["auto", "onnx", "torch"] = Field("auto", description="Encoder: auto, onnx oder torch")
    # Both cores answer a short query fastest; on a machine shared with other heavy processes set 1,
    # since oversubscribed threads slow down many times over. `serve --workers N` divides the cores.
    torch_threads: int = Field(2, ge=1, description="Encoder-Threads (ONNX Runtime oder torch) beim Beantworten")
    ingest_threads: int = Field(2, ge=1, description="Encoder-Threads beim Einlesen")
    answer_cache: int = Field(256, ge=0, description="Antworten im Speicher je Server-Prozess (0 = aus)")
    # Below this many passages exact (flat) search is fast enough and exact; above it an HNSW graph.
    ann_min_passages: int = Field(50_000, ge=1, description="ab so vielen Passagen approximative Vektorsuche")
    allowed_origins: list[str] = Field(default_factory=list, description="CORS-Ursprünge; leer = geschlossen")
    admin_token: str | None = Field(None, description="Token für /api/admin/*; ohne Token keine Admin-Aufrufe")
    max_body_bytes: int = Field(16 * 1024, ge=1024)
    # A DNS-rebinding page reaches the loopback service under its own name; only these names are answered.
    allowed_hosts: list[str] = Field(
        default_factory=list, description="Weitere erlaubte Host-Namen (neben 127.0.0.1, localhost, ::1)"
    )
    database_url: str | None = Field(
        None, description="SQLAlchemy-URL des Antwortarchivs; leer = SQLite-Datei var/leitbild.sqlite3"
    )
    header_timeout: float = Field(10.0, gt=0, description="Sekunden, bis die Kopfzeilen einer Anfrage da sein müssen")

    def database(self) -> str:
        return self.database_url or f"sqlite:///{PROJECT_ROOT / 'var' / 'leitbild.sqlite3'}"

    def model_path(self) -> str:
        """The default model lives in the build cache; any other name or path is used as given."""
        if self.model == DEFAULT_MODEL:
            return str(self.model_cache / DEFAULT_MODEL)
        return self.model


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
