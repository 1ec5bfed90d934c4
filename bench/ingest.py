"""``python -m bench.ingest``: run ``python -m geo.ingest`` on the shipped articles and on the
held-out ones in ``tests/fixtures/ingest/``, score them, and write a section of
``bench/RESULTS.md``.

Truth for a shipped article is every row of ``data/`` citing it; for a held-out article, its
``.gold.csv``. Each article runs in a fresh process, so its seconds include start-up (Python,
spaCy and its French model). The shipped articles are the rules' development set: only the
held-out scores say how the rules generalise.
"""

from __future__ import annotations

import csv
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.ingest_score import baseline, score, verbatim_share
from geo import config
from geo.ingest.rows import TABLES, read_table

__all__ = ["main", "run_one"]

HELD_OUT = config.REPO / "tests" / "fixtures" / "ingest"
RESULTS = config.REPO / "bench" / "RESULTS.md"
HEADING = "## Add an article: `python -m bench.ingest`"
#: the development sets in order: (fixtures, how each became one); any other fixture is held out
SETS = (
    (("steppe_fr", "steppe_en"), "a development set now: its errors were read in the "
     "rounds of rule changes, see tests/fixtures/ingest/README.md"),
    (("caspian_fr", "fergana_en"), "held out in the first round; its errors were read in "
     "the second round, so a development set now"),
    (("pamir_fr", "altai_en"), "written before the second round of rule changes, scored "
     "held out at 75% / 88%; its errors were read in the sixth round, so a development set now"),
    (("tianshan_fr", "aral_en"), "written after the second round, scored once held out "
     "at 50% / 62%; its errors were read in the third round, so a development set now"),
    (("issyk_fr", "kopet_en"), "written after the third round, scored once held out at "
     "38% / 67%; its errors were read in the fourth round, so a development set now"),
    (("syrdarya_fr", "wakhan_en"), "written after the fourth round, scored once held out "
     "at 62% / 83%; its errors were read in the fifth round, so a development set now"),
    (("balkhash_fr", "tengiz_en"), "written after the fifth round, scored once held out "
     "at 80% / 80%; its errors were read in the sixth round, so a development set now"),
    (("zeravshan_fr", "naryn_en", "karakum_fr", "ili_en", "chu_fr", "emba_en"),
     "written by a helper who never read the rules, scored once held out at 68% / 75%; "
     "its errors were read in the seventh round, so a development set now"),
    (("amudarya_fr", "talas_en", "ustyurt_fr", "kyzylkum_en", "alay_fr", "irtysh_en"),
     "written by a helper who never read the rules, scored once held out at 52% / 71%; "
     "its errors were read in the eighth round, so a development set now"),
    (("ishim_fr", "tobol_en", "murghab_fr", "vakhsh_en", "sarysu_fr", "turgai_en"),
     "written by a helper who never read the rules, scored once held out at 67% / 69%; "
     "its errors were read in the ninth round, so a development set now"),
    (("atrek_fr", "hari_en", "kafirnigan_fr", "surkhan_en", "kashka_fr", "zhem_en"),
     "written by a helper who never read the rules, scored once held out at 70% / 74% with "
     "the eighth round's rules and 70% / 74% with the ninth's; its errors were read in the "
     "tenth round, so a development set now"),
    (("nura_fr", "sokh_en", "isfara_fr", "kokcha_en", "tejen_fr", "uil_en"),
     "written by a helper who never read the rules, scored once held out at 63% / 71% with "
     "the eighth round's rules and 76% / 76% with the ninth's; its errors were read in the "
     "tenth round, so a development set now"),
)
KNOWN = tuple(names for names, _ in SETS)


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def run_one(path: Path, published: str, lang: str, sid: str) -> tuple[dict, float, str, float]:
    """Candidate rows per table, wall seconds, the command's error text (if any) and its CPU
    seconds (user + system: what the command itself costs, whatever else the machine runs)."""
    with tempfile.TemporaryDirectory() as out:
        cmd = [sys.executable, "-m", "geo.ingest", str(path), "--published", published,
               "--lang", lang, "--source-id", sid, "--out", out]
        t0, c0 = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
        p = subprocess.run(cmd, capture_output=True, text=True, cwd=config.REPO,
                           env={**os.environ, "PYTHONPATH": str(config.REPO)})
        secs = time.perf_counter() - t0
        c1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = c1.ru_utime - c0.ru_utime + c1.ru_stime - c0.ru_stime
        rows = {t: _read(Path(out) / f"{t}.csv") for t in TABLES} if p.returncode == 0 else {}
    return rows, secs, p.stderr.strip()[-300:], cpu


def _shipped() -> list[tuple[str, Path, str, str, dict]]:
    truth = {t: read_table(t) for t in TABLES}
    out = []
    for s in read_table("sources"):
        path = config.articles_dir() / s["file"]
        if s["kind"] == "article" and s["file"] and path.exists():
            mine = {t: [r for r in rows if r["source_id"] == s["source_id"]]
                    for t, rows in truth.items()}
            out.append((s["source_id"], path, s["published"], s["language"], mine))
    return out


def _held_out(names: tuple[str, ...]) -> list[tuple[str, Path, str, str, dict]]:
    out = []
    for path in sorted(p for p in HELD_OUT.glob("*.txt") if p.stem in names):
        published, lang = path.with_suffix(".meta").read_text().strip().split(",")
        gold = _read(path.with_suffix(".gold.csv"))
        truth = {t: [g for g in gold if g["table"] == t] for t in TABLES}
        out.append((path.stem, path, published, lang, truth))
    return out


def _line(name: str, r: dict, base: dict, secs: float, verb: tuple[int, int],
          cpu: float) -> str:
    share = f"{verb[0]}/{verb[1]}" if verb[1] else "–"
    return (f"| {name} | {r['truth']} | {r['found']} | {r['made']} | {r['recall']:.0%} | "
            f"{r['precision']:.0%} | {base['recall']:.0%} | {base['precision']:.0%} | "
            f"{share} | {secs:.1f} | {cpu:.1f} |")


def _table(title: str, items: list) -> tuple[list[str], dict, dict]:
    lines = [f"**{title}**", "",
             "| article | facts | found | candidates | recall | precision | baseline recall | "
             "baseline precision | verbatim locators | seconds | CPU seconds |",
             "|---" * 11 + "|"]
    tot = {"truth": 0, "found": 0, "made": 0, "right": 0}
    btot = dict(tot)
    all_secs, all_cpu, verb = [], [], [0, 0]
    for name, path, published, lang, truth in items:
        rows, secs, err, cpu = run_one(path, published or "", lang, name)
        if err and not rows:
            lines.append(f"| {name} | command failed: {err.splitlines()[-1]} |")
            continue
        r = score(rows, truth)
        b = score(baseline(path.read_text(encoding="utf-8")), truth)
        v = verbatim_share(rows, path.read_text(encoding="utf-8"))
        for k in tot:
            tot[k] += r[k]
            btot[k] += b[k]
        verb = [verb[0] + v[0], verb[1] + v[1]]
        all_secs.append(secs)
        all_cpu.append(cpu)
        lines.append(_line(name, r, b, secs, v, cpu))
    for t in (tot, btot):
        t["recall"] = t["found"] / t["truth"] if t["truth"] else 0.0
        t["precision"] = t["right"] / t["made"] if t["made"] else 0.0
    med = statistics.median(all_secs) if all_secs else 0.0
    cmed = statistics.median(all_cpu) if all_cpu else 0.0
    lines += [_line("**all** (seconds: median)", tot, btot, med, tuple(verb), cmed),
              "", f"Seconds per article: median {med:.1f}, max {max(all_secs, default=0):.1f}; "
              f"{sum(s <= 5 for s in all_secs)}/{len(all_secs)} within 5 s (CPU: median "
              f"{cmed:.1f}, max {max(all_cpu, default=0):.1f}).", ""]
    return lines, tot, btot


def main() -> int:
    load0 = os.getloadavg()[0]
    shipped, _, _ = _table("Shipped articles (development set: the rules were written "
                           "reading them)", _shipped())
    dev = [line for i, (names, why) in enumerate(SETS, 1)
           for line in _table(f"Set {i} ({', '.join(names)}: {why})", _held_out(names))[0]]
    known = {n for names in KNOWN for n in names}
    fresh = tuple(sorted(p.stem for p in HELD_OUT.glob("*.txt") if p.stem not in known))
    held = _table("Held-out texts (" + ", ".join(fresh) + f": not in sets 1–{len(SETS)}; "
                  "written after the last round of rule changes)", _held_out(fresh))[0] \
        if fresh else []
    section = [HEADING, "",
               f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {os.cpu_count()} "
               f"cores shared with other work (load average {load0:.1f} at the start, "
               f"{os.getloadavg()[0]:.1f} at the end: wall seconds vary with it; CPU seconds "
               "much less). Recall = facts found / facts "
               "recorded; precision = candidates stating a recorded fact / candidates (kind, "
               "direction and status checked; dates not). Baseline: every pair of countries "
               "named in one sentence is a link, kind from a keyword. Seconds per article "
               "include start-up (a fresh `python -m geo.ingest`). Targets (issue 12), on "
               "articles the rules were not written from: recall ≥ 75%, precision ≥ 70%, "
               "≤ 5 s per article.", "",
               *shipped, *dev, *held]
    _write_section("\n".join(section))
    print("\n".join(section))
    return 0


def _write_section(text: str) -> None:
    """Replace this benchmark's section of RESULTS.md (or append it), leaving others alone."""
    old = RESULTS.read_text(encoding="utf-8") if RESULTS.exists() else "# Benchmark results\n"
    start = old.find(HEADING)
    if start < 0:
        new = old.rstrip("\n") + "\n\n" + text + "\n"
    else:
        nxt = old.find("\n## ", start + len(HEADING))
        new = old[:start] + text + "\n" + (old[nxt:] if nxt >= 0 else "")
    RESULTS.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
