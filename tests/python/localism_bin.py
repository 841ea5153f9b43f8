"""The localism binary the Python tests run: $LOCALISM_BIN, by default build/localism under the
repository root. A test that needs it is skipped, with the reason, when it is missing."""
import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[2]


def localism_binary() -> Path:
    binary = Path(os.environ.get("LOCALISM_BIN", "build/localism"))
    binary = binary if binary.is_absolute() else REPO_ROOT / binary
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        pytest.skip(f"localism binary not found at {binary}: build it or set LOCALISM_BIN")
    return binary
