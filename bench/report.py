"""Write BENCHMARKS.md's recorded-run tables from a run's JSON (bench.run --json) and the tuning scripts'.

    .venv/bin/python -m bench.report build/bench.json                       # print the markdown
    .venv/bin/python -m bench.report build/bench.json --write BENCHMARKS.md # replace its marked blocks
    .venv/bin/python -m bench.report build/bench.json --tuning bench/results/tune_ranking.json --write BENCHMARKS.md

Each part of the record sits in BENCHMARKS.md between `<!-- bench.report:NAME -->` and
`<!-- /bench.report:NAME -->`; a run replaces only the blocks it has figures for (a run of the
accuracy and ranking sections alone leaves the notebooks' and timings' blocks as they were).
No figure in those blocks is typed by hand.
"""

from __future__ import annotations

import argparse
import json
import math
import re
from pathlib import Path

from bench.summary import CONFIDENCE


def _fmt(value, spec: str) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    return format(value, spec) if spec else str(value)


def table(rows: list[dict], columns: dict[str, tuple[str, str]]) -> str:
    """A markdown table: columns = {key: (header, format spec)}."""
    lines = ["| " + " | ".join(header for header, _ in columns.values()) + " |"]
    lines.append("|" + "|".join(" --- " if not spec else " ---: " for _, spec in columns.values()) + "|")
    for row in rows:
        lines.append("| " + " | ".join(_fmt(row.get(key), spec) for key, (_, spec) in columns.items()) + " |")
    return "\n".join(lines)


def _pm(mean, half, digits: int) -> str:
    return f"{mean:.{digits}f} ± {half:.{digits}f}" if not math.isnan(half) else f"{mean:.{digits}f}"


def run_block(report: dict) -> str:
    m = report["machine"]
    sections = [s for s in ("notebooks", "accuracy", "ranking", "scaling", "als_timings") if s in report]
    minutes = report.get("minutes")
    return (
        f"- Run of {m['date']} ({', '.join(sections)}; folds {report['arguments'].get('folds')}"
        + (f"; {minutes:.1f} min in all" if minutes else "")
        + f"). Machine: {m['cpus']} cores, {m['memory_gb']} GB, Python {m['python']}; load average at the start "
        f"{m['load_average']}" + (f", at the end {report['load_end']}" if report.get("load_end") else "") + "."
    )


def notebooks_block(section: dict) -> str:
    rows = section["budgets"]
    text = table(
        rows,
        {
            "notebook": ("notebook", ""),
            "seconds": ("seconds", ".1f"),
            "budget_s": ("budget s", ".0f"),
            "time": ("time", ""),
            "peak_mb": ("peak MB", ".0f"),
            "memory": ("memory < 1 GB", ""),
            "slider_ms": ("slowest slider median ms", ".1f"),
            "sliders": ("sliders < 100 ms", ""),
        },
    )
    overheads = "; ".join(f"{k} {v:.2f} s" for k, v in section["kernel_overheads"].items())
    return text + f"\n\nIn fresh kernels (median): {overheads}."


def _by_fold(rows: list[dict], metric: str, digits: int, means: list[dict]) -> str:
    folds = sorted({r["fold"] for r in rows})
    values = {}
    for r in rows:
        values.setdefault((r["library"], r["method"]), {})[r["fold"]] = r[metric]
    out = []
    for m in means:
        entry = dict(library=m["library"], method=m["method"], mean=_pm(m[metric], m[f"{metric} ±"], digits))
        entry["sd"] = m[f"{metric} sd"]
        for f in folds:
            entry[f"u{f}"] = values[(m["library"], m["method"])].get(f)
        out.append(entry)
    columns = {"library": ("library", ""), "method": ("method", "")}
    columns.update({f"u{f}": (f"u{f}", f".{digits}f") for f in folds})
    columns.update({"mean": (f"mean ± {CONFIDENCE:.0%} t half-width", ""), "sd": ("SD over folds", f".{digits}f")})
    return table(out, columns)


def _means(means: list[dict], metrics: list[str], digits: int) -> str:
    out = [
        dict(library=m["library"], method=m["method"], **{k: _pm(m[k], m[f"{k} ±"], digits) for k in metrics})
        for m in means
    ]
    return table(out, {"library": ("library", ""), "method": ("method", ""), **{k: (k, "") for k in metrics}})


def _paired(paired: list[dict], digits: int) -> str:
    rows = [
        dict(
            p,
            per_fold=", ".join(f"{d:+.{digits}f}" for d in p["differences"]),
            interval=f"{p['low']:+.{digits}f} to {p['high']:+.{digits}f}",
            won=f"{p['won']}/{len(p['folds'])}",
            verdict=p["sentence"].split(":")[0],
        )
        for p in paired
    ]
    return table(
        rows,
        {
            "course": ("course model", ""),
            "library": ("library model", ""),
            "per_fold": ("difference per fold", ""),
            "mean": ("mean", f"+.{digits}f"),
            "sd": ("SD", f".{digits}f"),
            "interval": (f"{CONFIDENCE:.0%} t-interval", ""),
            "won": ("folds won", ""),
            "verdict": ("verdict", ""),
        },
    )


def _settings(rows: list[dict]) -> str:
    lines = []
    for r in rows:
        if r.get("search"):
            s = r["search"]
            lines.append(
                f"- u{r['fold']} {r['library']} {r['method']}: {r['settings']}. {s['edges']}. "
                f"{s['n_fits']} fits in {s['seconds']:.0f} s."
            )
        elif r.get("settings") and r["library"] == "course":
            lines.append(f"- u{r['fold']} course {r['method']}: {r['settings']}")
    return "\n".join(lines)


def comparison_block(section: dict, metric: str, metrics: list[str], digits: int) -> str:
    parts = [
        f"Split: the notebook's `{section.get('notebook_split', '?')}`; the libraries' "
        f"`fit, valid = {section.get('library_split', '?')}`.",
        f"**{metric} per fold**, with the mean over folds (± the {CONFIDENCE:.0%} t-interval's half-width) and the SD:",
        _by_fold(section["rows"], metric, digits, section["means"]),
    ]
    if len(metrics) > 1:
        parts += ["**Every figure, mean over folds ± t half-width:**", _means(section["means"], metrics, digits)]
    if section.get("paired"):
        parts += [
            f"**Paired per-fold differences** (course model minus library model on the same fold, {metric}; "
            + (
                "negative = the course's is lower, better):"
                if metric == "RMSE"
                else "positive = the course's is better):"
            ),
            _paired(section["paired"], digits),
        ]
    if section.get("targets"):
        t = section["targets"]
        if t.get("sentence"):
            parts.append(
                f"The course's model with the best mean {metric}, {t['course']}, against {t['against']}: "
                f"{t['sentence']} (won {t['won']} of {len(t['folds'])} folds)."
            )
    parts += ["**Settings chosen on validation, and where each lies in the values tried:**", _settings(section["rows"])]
    return "\n\n".join(parts)


def scaling_block(rows: list[dict]) -> str:
    columns = {"model": ("model", "")}
    columns.update({k: (k, ".2f") for k in rows[0] if k.endswith(" s")})
    columns["exponent"] = ("exponent", ".2f")
    return table(rows, columns)


def als_timings_block(rows: list[dict]) -> str:
    return table(
        rows,
        {
            "implementation": ("implementation", ""),
            "rank": ("rank k", "d"),
            "threads": ("threads", "d"),
            "sweeps": ("sweeps", "d"),
            "seconds": ("seconds", ".3f"),
            "per_sweep_s": ("s per sweep", ".4f"),
            "us_per_rating_sweep": ("µs per rating per sweep", ".3f"),
        },
    )


def tuning_block(tunings: list[dict]) -> str:
    parts = []
    for tuning in tunings:
        parts.append(f"`{tuning['command']}` ({tuning['split']}; {tuning['minutes']:.1f} min):")
        lines = []
        for model in tuning["models"]:
            for fold, s in model["folds"].items():
                lines.append(
                    f"- u{fold} {model['name']}: {', '.join(f'{k}={v}' for k, v in s['chosen'].items())} "
                    f"({s['metric']} {s['score']:.4f}). {s['edges']}. {s['n_fits']} fits in {s['seconds']:.0f} s."
                )
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


def blocks(report: dict, tunings: list[dict]) -> dict[str, str]:
    out = {"run": run_block(report)}
    if "notebooks" in report:
        out["notebooks"] = notebooks_block(report["notebooks"])
    if "accuracy" in report:
        out["accuracy"] = comparison_block(report["accuracy"], "RMSE", ["RMSE", "MAE"], 4)
    if "ranking" in report:
        out["ranking"] = comparison_block(
            report["ranking"], "NDCG@10", ["P@10", "R@10", "NDCG@10", "coverage", "popular share"], 3
        )
    if report.get("scaling"):
        out["scaling"] = scaling_block(report["scaling"])
    if report.get("als_timings"):
        out["als_timings"] = als_timings_block(report["als_timings"])
    if tunings:
        out["tuning"] = tuning_block(tunings)
    return out


def replace_blocks(text: str, new: dict[str, str]) -> tuple[str, list[str]]:
    """`text` with each marked block named in `new` replaced; also the names it had no markers for."""
    missing = []
    for name, body in new.items():
        pattern = re.compile(rf"(<!-- bench\.report:{name} -->\n).*?(\n<!-- /bench\.report:{name} -->)", re.DOTALL)
        if not pattern.search(text):
            missing.append(name)
            continue
        text = pattern.sub(lambda m, body=body: m.group(1) + body + m.group(2), text)
    return text, missing


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.report", description=__doc__.split("\n\n")[0])
    parser.add_argument("run", type=Path, help="a bench.run --json file")
    parser.add_argument("--tuning", type=Path, nargs="*", default=[], help="bench.tune_* --json files")
    parser.add_argument("--write", type=Path, help="the markdown file whose marked blocks to replace")
    args = parser.parse_args(argv)
    report = json.loads(args.run.read_text())
    tunings = [json.loads(path.read_text()) for path in args.tuning]
    new = blocks(report, tunings)
    if args.write is None:
        for name, body in new.items():
            print(f"<!-- bench.report:{name} -->\n{body}\n<!-- /bench.report:{name} -->\n")
        return
    text, missing = replace_blocks(args.write.read_text(), new)
    args.write.write_text(text)
    print(f"rewrote {sorted(set(new) - set(missing))} in {args.write}")
    if missing:
        print(
            f"no markers for {missing} in {args.write}: add <!-- bench.report:NAME --> ... <!-- /bench.report:NAME -->"
        )


if __name__ == "__main__":
    main()
