"""Where the knowledge files live, resolved from this file (never the working directory)."""

from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]
KNOWLEDGE_DIR = REPO_ROOT / "knowledge"
SOURCES_DIR = KNOWLEDGE_DIR / "sources"
REGIONS_DIR = KNOWLEDGE_DIR / "regions"
OFFICES_DIR = KNOWLEDGE_DIR / "offices"
NATIONAL_FILE = KNOWLEDGE_DIR / "national.yml"
GAZETTEER_FILE = KNOWLEDGE_DIR / "gazetteer.yml"
CASE_TERMS_FILE = KNOWLEDGE_DIR / "case_terms.yml"
QUESTIONS_FILE = KNOWLEDGE_DIR / "questions.yml"
