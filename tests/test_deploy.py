"""The files in ``deploy/`` agree with each other and with what the replica test runs.

Fast checks: the nginx site file becomes, for the benchmark and the replica test, a config with
exactly the given replicas, port and path (and nginx itself accepts it, where installed); the
systemd unit, Procfile, Dockerfile and Kubernetes manifest serve the app under the same base
path that nginx proxies and probe its health there.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

from bench.load_procs import NGINX_CONF, nginx_config, nginx_exe, write_nginx_conf

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"


def test_nginx_config_lists_exactly_the_given_replicas() -> None:
    text = nginx_config(NGINX_CONF.read_text(encoding="utf-8"), [4101, 4102, 4103], 4200,
                        "room", tag_upstream=True)
    upstream = re.search(r"upstream atlas \{(.*?)\n\}", text, re.S).group(1)
    servers = re.findall(r"^\s*server (\S+)", upstream, re.M)
    assert servers == ["127.0.0.1:4101", "127.0.0.1:4102", "127.0.0.1:4103"]
    assert "hash $atlas_route consistent;" in upstream
    listens = re.findall(r"^\s*listen ([^;]+);", text, re.M)
    assert listens == ["127.0.0.1:4200"]
    assert "location /room/ {" in text and "/atlas/" not in text
    assert "X-Atlas-Upstream" in text
    assert "X-Atlas-Upstream" not in nginx_config(NGINX_CONF.read_text(encoding="utf-8"),
                                                  [1], 2, "atlas")


def test_nginx_site_forwards_websockets_and_sets_the_route_cookie() -> None:
    text = NGINX_CONF.read_text(encoding="utf-8")
    assert "proxy_set_header Upgrade $http_upgrade;" in text
    assert "proxy_set_header Connection $atlas_connection;" in text
    assert "location /atlas/ {" in text
    assert "add_header Set-Cookie $atlas_route_cookie always;" in text
    assert "ip_hash" not in re.sub(r"#.*", "", text)  # one office NAT = one address


def test_nginx_accepts_the_generated_and_the_standalone_config(tmp_path: Path) -> None:
    exe = nginx_exe()
    if exe is None:
        pytest.skip("nginx not installed")
    conf = write_nginx_conf(tmp_path / "gen", [4101, 4102], 4200, "atlas", tag_upstream=True)
    for prefix, name in ((conf.parent, conf.name), (DEPLOY / "nginx", "standalone.conf")):
        done = subprocess.run([exe, "-t", "-q", "-p", str(prefix), "-c", name,
                               "-e", str(tmp_path / "error.log")],
                              capture_output=True, text=True, timeout=30)
        assert done.returncode == 0, f"{name}: {done.stderr}"


def test_launchers_serve_the_path_nginx_proxies() -> None:
    for path in ("systemd/atlas@.service", "Procfile", "Dockerfile"):
        text = (DEPLOY / path).read_text(encoding="utf-8")
        assert "run serve.py" in text or '"run", "serve.py"' in text, path  # no base probes
        assert re.search(r"baseUrlPath\"?,? \"?atlas", text), path
    procfile = (DEPLOY / "Procfile").read_text(encoding="utf-8")
    ports = re.findall(r"--server.port (\d+)", procfile)
    upstream = re.findall(r"server 127\.0\.0\.1:(\d+)", NGINX_CONF.read_text(encoding="utf-8"))
    assert ports == upstream == ["8501", "8502"]


def test_kubernetes_manifest_is_sticky_and_probes_the_app() -> None:
    docs = {d["kind"]: d for d in yaml.safe_load_all(
        (DEPLOY / "k8s" / "atlas.yaml").read_text(encoding="utf-8"))}
    assert set(docs) == {"Deployment", "Service", "Ingress"}
    container = docs["Deployment"]["spec"]["template"]["spec"]["containers"][0]
    assert container["readinessProbe"]["httpGet"]["path"] == "/atlas/_stcore/health"
    assert container["ports"][0]["containerPort"] == 8501
    assert docs["Service"]["spec"]["sessionAffinity"] == "ClientIP"
    notes = docs["Ingress"]["metadata"]["annotations"]
    assert notes["nginx.ingress.kubernetes.io/affinity"] == "cookie"
    assert docs["Ingress"]["spec"]["rules"][0]["http"]["paths"][0]["path"] == "/atlas"
