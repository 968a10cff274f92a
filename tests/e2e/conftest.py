"""One running assistant (action server + Rasa server) shared by the end-to-end tests."""

from __future__ import annotations

from typing import Iterator

import pytest

from tests.e2e.servers import running_assistant


@pytest.fixture(scope="session")
def assistant_url(tmp_path_factory) -> Iterator[str]:
    """Base URL of a freshly started assistant."""
    with running_assistant(tmp_path_factory.mktemp("assistant")) as url:
        yield url
