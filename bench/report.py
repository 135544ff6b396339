"""Write BENCHMARKS.md's recorded-run tables from a run's JSON (bench.run --json) and the tuning scripts'.

    .venv/bin/python -m bench.report build/bench.json                       # print the markdown
    .venv/bin/python -m bench.report build/a.json build/b.json --write BENCHMARKS.md  # two runs' blocks
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

from bench.summary import CONFIDENCE, model_name


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


def provenance(report: dict) -> str:
    """The line that opens every block: which run made its figures, on what machine, how loaded."""
    m = report["machine"]
    minutes = report.get("minutes")
    end = f", at the end {report['load_end']}" if report.get("load_end") else ""
    return (
        f"_From the run of {m['date']} (sections {report['arguments'].get('sections')}, folds "
        f"{report['arguments'].get('folds')}" + (f", {minutes:.1f} min" if minutes else "") + f"); {m['cpus']} cores, "
        f"{m['memory_gb']} GB, Python {m['python']}; load average at the start {m['load_average']}{end}._"
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
        values.setdefault((r["library"], model_name(r["library"], r["method"])), {})[r["fold"]] = r[metric]
    out = []
    for m in means:
        entry = dict(library=m["library"], method=m["method"], mean=_pm(m[metric], m[f"{metric} ±"], digits))
        entry["sd"] = m[f"{metric} sd"]
        for f in folds:
            # a run recorded before model_name existed keeps the chosen setting in its means' names
            entry[f"u{f}"] = values[(m["library"], model_name(m["library"], m["method"]))].get(f)
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


def _edge_count(rows: list[dict]) -> list[str]:
    """Per tuned library model: how many of its chosen values (settings x folds) are interior."""
    counts: dict[str, list[int]] = {}
    for r in rows:
        if r.get("search"):
            line, chosen = r["search"]["line"], r["search"]["chosen"]
            interior = sum(min(v) < chosen[k] < max(v) for k, v in line.items())
            total = counts.setdefault(f"{r['library']} {r['method']}", [0, 0])
            total[0] += interior
            total[1] += len(line)
    return [f"{name}: {i} of {n} chosen values interior" for name, (i, n) in counts.items()]


def claims_block(report: dict) -> str:
    """The benchmark's conclusions, each sentence computed from the run (nothing typed by hand)."""
    lines = []
    for section, metric in (("accuracy", "RMSE"), ("ranking", "NDCG@10")):
        part = report.get(section)
        if not part:
            continue
        t = part.get("targets") or {}
        if t.get("sentence"):
            lines.append(
                f"- {section.capitalize()}: the course's model with the best mean {metric} over the folds, "
                f"{t['course']}, won {t['won']} of {len(t['folds'])} folds against {t['against']}; {t['sentence']}."
            )
        for key, label in (("target_met", "target"), ("stretch_met", "stretch goal")):
            if key in t:
                goal = report["targets"]["ranking"]
                value = goal["ndcg_at_10" if label == "target" else "stretch_ndcg_at_10"]
                lines.append(
                    f"- Issue 14's {label}, NDCG@10 >= {value} on u{goal['fold']}: {'met' if t[key] else 'NOT met'}."
                )
        edges = _edge_count(part["rows"])
        if edges:
            lines.append(f"- {section.capitalize()} anchors' searches: " + "; ".join(edges) + ".")
        beaten = [p for p in part.get("paired", []) if p["sentence"].startswith(p["library"])]
        ties = [p for p in part.get("paired", []) if p["sentence"].startswith("tie")]
        if part.get("paired"):
            lines.append(
                f"- {section.capitalize()}, every course model against each tuned library model: "
                f"{len(part['paired']) - len(beaten) - len(ties)} course wins, {len(ties)} ties, {len(beaten)} library "
                "wins (by the t-interval over folds)."
            )
    return "\n".join(lines)


def blocks(report: dict, tunings: list[dict]) -> dict[str, str]:
    out = {}
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
    head = provenance(report)
    out = {name: f"{head}\n\n{body}" for name, body in out.items()}
    if tunings:
        out["tuning"] = tuning_block(tunings)
    return out


def replace_blocks(text: str, new: dict[str, str]) -> tuple[str, list[str]]:
    """`text` with each marked block named in `new` replaced; also the names it had no markers for."""
    missing = []
    for name, body in new.items():
        pattern = re.compile(rf"(<!-- bench\.report:{name} -->).*?(<!-- /bench\.report:{name} -->)", re.DOTALL)
        if not pattern.search(text):
            missing.append(name)
            continue
        text = pattern.sub(lambda m, body=body: f"{m.group(1)}\n{body}\n{m.group(2)}", text)
    return text, missing


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench.report", description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", type=Path, nargs="+", help="bench.run --json files (a later one's blocks win)")
    parser.add_argument("--tuning", type=Path, nargs="*", default=[], help="bench.tune_* --json files")
    parser.add_argument("--write", type=Path, help="the markdown file whose marked blocks to replace")
    args = parser.parse_args(argv)
    tunings = [json.loads(path.read_text()) for path in args.tuning]
    new, merged, dates = {}, {}, []
    for path in args.runs:
        report = json.loads(path.read_text())
        new.update(blocks(report, tunings))
        merged.update(report)
        dates += [report["machine"]["date"]] if {"accuracy", "ranking"} & set(report) else []
    if dates:
        new["claims"] = f"_From the run(s) of {', '.join(dates)}._\n\n" + claims_block(merged)
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
