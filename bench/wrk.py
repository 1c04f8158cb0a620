"""Run Debian's wrk and read its figures (requests/s, latency percentiles)."""

import re
import shutil
import subprocess
from dataclasses import dataclass

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


@dataclass
class WrkResult:
    url: str
    requests_per_second: float
    p50_ms: float | None
    p99_ms: float | None
    requests: int
    errors: int  # socket errors plus non-2xx/3xx answers
    raw: str


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    if not match:
        raise ValueError(f"Unknown wrk latency {text!r}")
    return float(match.group(1)) * _UNITS[match.group(2)]


def parse(url: str, output: str) -> WrkResult:
    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    total = re.search(r"(\d+) requests in", output)
    p50 = re.search(r"^\s+50%\s+(\S+)", output, re.M)
    p99 = re.search(r"^\s+99%\s+(\S+)", output, re.M)
    errors = 0
    socket = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if socket:
        errors += sum(int(n) for n in socket.groups())
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non2xx:
        errors += int(non2xx.group(1))
    return WrkResult(
        url=url,
        requests_per_second=float(rps.group(1)) if rps else 0.0,
        p50_ms=_ms(p50.group(1)) if p50 else None,
        p99_ms=_ms(p99.group(1)) if p99 else None,
        requests=int(total.group(1)) if total else 0,
        errors=errors,
        raw=output,
    )


def run(
    url: str,
    *,
    seconds: int,
    connections: int = 32,
    threads: int = 2,
    headers: dict[str, str] | None = None,
) -> WrkResult:
    wrk = shutil.which("wrk")
    if wrk is None:
        raise SystemExit(
            "wrk is missing: apt-get install -y wrk (or make system-packages)"
        )
    command = [
        wrk,
        f"-t{threads}",
        f"-c{connections}",
        f"-d{seconds}s",
        "--timeout",
        "10s",
        "--latency",
    ]
    for name, value in (headers or {}).items():
        command += ["-H", f"{name}: {value}"]
    command.append(url)
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return parse(url, done.stdout)
