"""README "Tokens and targets", run as written: the line that points `zhixing token` at
`make cluster`'s secret still works from the examples' folders, where their READMEs run
their commands (issue 18: "a newcomer following the README gets a token that the cluster
accepts"; review R-B found a relative path that only worked at the top of the checkout).
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from zhixing.security.tokens import decode_token

ROOT = Path(__file__).resolve().parents[2]
ZHIXING = ROOT / ".venv" / "bin" / "zhixing"
CLUSTER_SECRET = "readme-cluster-secret-0123456789abcdef01"


def cluster_export_line() -> str:
    """The README's `export ZHIXING_JWT_SECRET_FILE=…` line for make cluster."""
    section = (ROOT / "README.md").read_text("utf-8").split("### Tokens and targets", 1)[1]
    [line] = re.findall(r"^export ZHIXING_JWT_SECRET_FILE=.*$", section, re.MULTILINE)
    return line


class TestReadmeClusterToken:
    def test_the_clusters_secret_signs_when_the_token_is_issued_from_an_examples_folder(
            self, tmp_path):
        checkout = tmp_path / "checkout"  # a checkout where make cluster has run
        (checkout / "var" / "cluster").mkdir(parents=True)
        (checkout / "var" / "cluster" / "jwt.secret").write_text(CLUSTER_SECRET + "\n")
        (checkout / "examples" / "go-client").mkdir(parents=True)
        env = {k: v for k, v in os.environ.items()
               if not k.startswith("ZHIXING_") and k != "XDG_CONFIG_HOME"}
        script = (f"{cluster_export_line()}\ncd examples/go-client\n"
                  f"{ZHIXING} token --role partner --agency partner.demo")

        done = subprocess.run(["bash", "-c", script], cwd=checkout, env=env,
                              capture_output=True, text=True, timeout=60, check=False)

        assert done.returncode == 0, done.stderr
        assert decode_token(done.stdout.strip(), CLUSTER_SECRET).agency == "partner.demo"
