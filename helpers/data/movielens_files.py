"""MovieLens 100K's files: where they come from, and parsing them into two DataFrames.

Where the data comes from, in this order: the `data_dir` argument, the folder named by the
environment variable MOVIELENS_100K_DIR, or the official archive, downloaded once with pooch,
checked against its published MD5 and read straight out of the cached zip. Every failure to get
or parse the data raises `MovieLensError`, whose message says what happened and what to do;
bad arguments raise ValueError/TypeError as in the other helpers.
"""

from __future__ import annotations

import csv
import io
import os
import re
import zipfile
import zlib
from pathlib import Path, PurePosixPath

import numpy as np
import pandas as pd

from helpers.core.constraints import FolderPath, Optional, constrained
from helpers.core.validation import check_path
from helpers.data.movielens_integrity import integrity_problem

__all__ = ["MovieLensError", "load_movielens_100k"]

ENV_VAR = "MOVIELENS_100K_DIR"
ARCHIVE_URL = "https://files.grouplens.org/datasets/movielens/ml-100k.zip"
ARCHIVE_MD5 = "0e33842e24a9c977be4e0107933c0723"  # published by GroupLens; 4,924,029 bytes
ARCHIVE_NAME = "ml-100k.zip"
ARCHIVE_FOLDER = "ml-100k"  # every file of the archive is under this folder
CACHE_PROJECT = "latent-factors-course"  # cache folder name for pooch.os_cache

N_RATINGS = 100_000  # lines of u.data
GENRES = (
    "unknown",
    "Action",
    "Adventure",
    "Animation",
    "Children's",
    "Comedy",
    "Crime",
    "Documentary",
    "Drama",
    "Fantasy",
    "Film-Noir",
    "Horror",
    "Musical",
    "Mystery",
    "Romance",
    "Sci-Fi",
    "Thriller",
    "War",
    "Western",
)  # u.genre's names, in the order of u.item's 19 flags; used when u.genre is absent
RATING_COLUMNS = ("user", "item", "rating", "timestamp")

_OFFLINE_HINT = (
    f"To work offline, download {ARCHIVE_URL} on a machine with internet, unzip it, "
    f"and set the environment variable {ENV_VAR} "
    "to the unzipped ml-100k folder (or pass data_dir=...)."
)
_YEAR = re.compile(r"\((\d{4})\)")


class MovieLensError(RuntimeError):
    """The MovieLens data could not be found, downloaded, verified or parsed; the message says what to do.

    Introduced in notebook 05.
    """


# --- where the data comes from ------------------------------------------------------------


@constrained(data_dir=Optional(FolderPath()), cache_dir=Optional(FolderPath()))
def load_movielens_100k(data_dir=None, *, cache_dir=None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(ratings, items): ratings (user, item, rating, timestamp) in u.data's line order; items
    (item, title, year, genres), year a nullable int, genres '|'-joined names ('' for none).

    Reads `data_dir`, else the folder in $MOVIELENS_100K_DIR, else the official archive, downloaded
    once into `cache_dir` (default: pooch's user cache) and MD5-checked; raises MovieLensError.

    Introduced in notebook 04 (its new-film section); notebook 05 studies the data.
    """
    if data_dir is not None:
        files = _read_folder(_check_folder(data_dir, "data_dir"), "data_dir")
        fix = f"Replace data_dir's u.data and u.item with those of the official archive ({ARCHIVE_URL}, unzipped)."
    elif os.environ.get(ENV_VAR):
        files = _read_folder(_check_folder(os.environ[ENV_VAR], ENV_VAR), ENV_VAR)
        fix = (
            f"Replace the u.data and u.item in {ENV_VAR} with those of the official archive ({ARCHIVE_URL}, "
            f"unzipped), or unset {ENV_VAR} to download it."
        )
    else:
        archive = _download_archive(cache_dir)
        files = _read_archive(archive)
        fix = f"Delete {archive} and run again to download a fresh copy."
    (data, data_name), (item_bytes, item_name), genre_file = files
    genres = GENRES if genre_file is None else _parse_genres(*genre_file)
    ratings = _parse_ratings(data, data_name)
    items = _parse_items(item_bytes, item_name, genres)
    unknown = ~np.isin(ratings["item"].to_numpy(), items["item"].to_numpy())
    if unknown.any():
        row = int(np.argmax(unknown))
        raise MovieLensError(
            f"{data_name}:{row + 1}: item {ratings['item'].iat[row]} is not listed in {item_name}; "
            "the two files do not belong together"
        )
    problem = integrity_problem(ratings, items)
    if problem:
        raise MovieLensError(f"{data_name}: this is not a complete copy of MovieLens 100K: {problem}. {fix}")
    return ratings, items


def _check_folder(folder, name: str) -> Path:
    """`folder` as a Path, or raise if it is not an existing folder."""
    check_path(folder, name)
    path = Path(folder).expanduser()
    if not path.is_dir():
        what = "does not exist" if not path.exists() else "is not a folder"
        unset = f", or unset {ENV_VAR} to download the data" if name == ENV_VAR else ""
        raise MovieLensError(
            f"{name} is {str(folder)!r}, which {what}. Point {name} at an unzipped ml-100k "
            f"folder (the one holding u.data and u.item){unset}."
        )
    return path


def _read_folder(folder: Path, name: str):
    """The bytes and display names of u.data, u.item and (if present) u.genre in `folder`."""
    found = []
    for file, required in (("u.data", True), ("u.item", True), ("u.genre", False)):
        path = folder / file
        if not path.is_file():
            if not required:
                found.append(None)
                continue
            nested = folder / ARCHIVE_FOLDER / file
            hint = f" It is in {nested.parent}: point {name} there." if nested.is_file() else ""
            raise MovieLensError(
                f"{path} is missing: {name} must name a folder in GroupLens's ml-100k layout "
                f"(u.data, u.item).{hint} {_OFFLINE_HINT}"
            )
        try:
            found.append((path.read_bytes(), str(path)))
        except OSError as err:
            raise MovieLensError(f"cannot read {path}: {err}") from err
    return found


def _cache_folder(cache_dir) -> Path:
    """The folder that holds the downloaded archive."""
    import pooch

    if cache_dir is None:
        return Path(pooch.os_cache(CACHE_PROJECT))
    check_path(cache_dir, "cache_dir")
    return Path(cache_dir).expanduser()


def _download_archive(cache_dir) -> Path:
    """Path of the verified official archive in the cache, downloading it if it is absent or corrupt.

    pooch checks the MD5 of a cached file on every call and downloads again on a mismatch; a
    download goes to a temporary file in the cache folder and is moved into place only once its
    MD5 matches, so a failed or corrupt download never leaves an archive behind.
    """
    import pooch
    import requests

    folder = _cache_folder(cache_dir)
    target = folder / ARCHIVE_NAME
    cached = target.exists()  # if pooch then needs the network, the cached copy failed its MD5
    stale = (
        f"The cached copy {target} does not match the published MD5 (it is corrupt or "
        "incomplete), so it had to be downloaded again, and that failed. "
        if cached
        else ""
    )
    try:
        path = pooch.retrieve(
            ARCHIVE_URL, known_hash=f"md5:{ARCHIVE_MD5}", fname=ARCHIVE_NAME, path=folder, progressbar=False
        )
    except requests.exceptions.RequestException as err:
        raise MovieLensError(
            f"could not download MovieLens 100K from {ARCHIVE_URL} "
            f"({type(err).__name__}: {err}). {stale}Check the internet connection and try again. "
            f"{_OFFLINE_HINT}"
        ) from err
    except ValueError as err:  # pooch: the MD5 of the download does not match
        raise MovieLensError(
            f"checksum mismatch: the file downloaded from {ARCHIVE_URL} is not the published "
            f"MovieLens 100K archive (MD5 {ARCHIVE_MD5}); pooch deleted the download, so nothing new was cached. "
            f"Try again later (the download may have been cut or altered). {_OFFLINE_HINT} ({err})"
        ) from err
    except OSError as err:
        raise MovieLensError(
            f"could not store the MovieLens archive in {folder}: {err}. Pass cache_dir=... "
            f"naming a writable folder. {_OFFLINE_HINT}"
        ) from err
    return Path(path)


def _read_archive(path: Path):
    """The bytes and display names of u.data, u.item and (if present) u.genre in the zip at `path`."""
    members = [f"{ARCHIVE_FOLDER}/{file}" for file in ("u.data", "u.item", "u.genre")]
    broken = f"Delete {path} and run again to download a fresh copy. {_OFFLINE_HINT}"
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            for name in names:
                if _escapes(name):
                    raise MovieLensError(
                        f"{path} has an entry {name!r} that points outside its folder (absolute "
                        f"path or '..'); refusing to use this archive. {broken}"
                    )
            for name in members:
                if names.count(name) > 1:
                    raise MovieLensError(
                        f"{path} has {names.count(name)} entries named {name!r}; "
                        f"refusing to guess which is right. {broken}"
                    )
            found = []
            for name in members:
                if name not in names:
                    if name.endswith("u.genre"):
                        found.append(None)
                        continue
                    raise MovieLensError(f"{path} has no {name}: it is not the MovieLens 100K archive. {broken}")
                found.append((archive.read(name), f"{path}/{name}"))
    except (zipfile.BadZipFile, zlib.error, EOFError) as err:
        raise MovieLensError(f"{path} is not a readable zip archive (truncated or corrupt: {err}). {broken}") from err
    except OSError as err:
        raise MovieLensError(f"cannot read {path}: {err}. {broken}") from err
    return found


def _escapes(name: str) -> bool:
    """True if the archive entry `name` is absolute or has a '..' part, on POSIX or Windows."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    return name.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", name) is not None or ".." in parts


# --- parsing -----------------------------------------------------------------------------


def _parse_ratings(data: bytes, source: str) -> pd.DataFrame:
    """u.data's bytes as a DataFrame; a malformed row raises MovieLensError naming `source`:<line>."""
    body = data.rstrip(b"\r\n") + b"\n"  # a blank line at the very end is harmless
    if body == b"\n":
        raise MovieLensError(
            f"{source}: the file is empty; expected {N_RATINGS:,} lines of user<TAB>item<TAB>rating<TAB>timestamp"
        )
    try:
        ratings = pd.read_csv(
            io.BytesIO(body),
            sep="\t",
            header=None,  # no names: a row with a field too many is a parse error, not an index column
            dtype="int64",
            engine="c",
            quoting=csv.QUOTE_NONE,
            skip_blank_lines=False,
            na_filter=False,
        )
        if ratings.shape[1] != len(RATING_COLUMNS):
            raise ValueError(f"{ratings.shape[1]} columns")
    except (ValueError, OverflowError, pd.errors.ParserError) as err:
        line, problem = _first_bad_line(body) or (None, None)
        if line is None:
            raise MovieLensError(f"{source}: cannot parse the ratings ({err})") from err
        raise MovieLensError(f"{source}:{line}: {problem}") from None
    ratings.columns = list(RATING_COLUMNS)
    checks = (
        ("user", ratings["user"].to_numpy() < 1, "user id must be 1 or more (ids are 1-based)"),
        ("item", ratings["item"].to_numpy() < 1, "item id must be 1 or more (ids are 1-based)"),
        ("rating", ~np.isin(ratings["rating"].to_numpy(), np.arange(1, 6)), "rating must be 1 to 5"),
        ("timestamp", ratings["timestamp"].to_numpy() < 0, "timestamp must not be negative"),
    )
    bad = [(int(np.argmax(mask)), column, rule) for column, mask, rule in checks if mask.any()]
    if bad:
        row, column, rule = min(bad)
        raise MovieLensError(f"{source}:{row + 1}: {rule}, got {column} {ratings[column].iat[row]}")
    return ratings


def _first_bad_line(body: bytes):
    """(line number, problem) of the first line of u.data that is not four integer fields, or None."""
    for number, raw in enumerate(body.split(b"\n")[:-1], start=1):
        line = raw.rstrip(b"\r")
        if not line.strip():
            return number, "empty line; expected user<TAB>item<TAB>rating<TAB>timestamp"
        fields = line.split(b"\t")
        if len(fields) != len(RATING_COLUMNS):
            return number, (
                f"expected 4 tab-separated fields (user, item, rating, timestamp), "
                f"got {len(fields)}: {line.decode('latin-1')!r}"
            )
        for column, field in zip(RATING_COLUMNS, fields):
            text = field.decode("latin-1").strip()
            if not re.fullmatch(r"[+-]?\d+", text):
                return number, f"{column} {text!r} is not an integer"
            if abs(int(text)) >= 2**63:
                return number, f"{column} {text} is too large"
    return None


def _decode(data: bytes) -> str:
    """GroupLens's files are latin-1; a copy re-saved as UTF-8 (its accents valid multi-byte UTF-8) is read as UTF-8."""
    if data.isascii():
        return data.decode("ascii")
    try:
        return data.decode("utf-8")  # latin-1 accents on their own are never valid UTF-8
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _lines(data: bytes):
    """(line number, text) of each line of a latin-1 (or re-saved UTF-8) file, without the trailing blank lines."""
    text = _decode(data).rstrip("\r\n")
    return [(number, line.rstrip("\r")) for number, line in enumerate(text.split("\n"), start=1)] if text else []


def _parse_genres(data: bytes, source: str) -> tuple[str, ...]:
    """Genre names from u.genre ('name|index' lines, index 0, 1, 2, ... in order)."""
    names = []
    for number, line in _lines(data):
        if not line.strip():
            continue  # GroupLens's own u.genre ends with an empty line
        name, sep, index = line.partition("|")
        if not sep or not name or index.strip() != str(len(names)):
            raise MovieLensError(f"{source}:{number}: expected 'name|{len(names)}', got {line!r}")
        names.append(name)
    if not names:
        raise MovieLensError(f"{source}: no genres; expected lines like 'unknown|0'")
    return tuple(names)


def _parse_items(data: bytes, source: str, genres: tuple[str, ...]) -> pd.DataFrame:
    """u.item's bytes as a DataFrame (item, title, year, genres); bad rows raise MovieLensError."""
    n_fields = 5 + len(genres)
    ids, titles, years, names = [], [], [], []
    seen = {}
    for number, line in _lines(data):
        fields = line.split("|")
        if len(fields) != n_fields:
            raise MovieLensError(
                f"{source}:{number}: expected {n_fields} '|'-separated fields (id, title, release "
                f"date, video release date, URL, {len(genres)} genre flags), got {len(fields)}"
            )
        if not re.fullmatch(r"\d+", fields[0]) or int(fields[0]) < 1:
            raise MovieLensError(f"{source}:{number}: item id must be an integer of 1 or more, got {fields[0]!r}")
        item = int(fields[0])
        if item in seen:
            raise MovieLensError(f"{source}:{number}: item {item} is listed twice (also on line {seen[item]})")
        seen[item] = number
        flags = fields[5:]
        if any(flag not in ("0", "1") for flag in flags):
            raise MovieLensError(f"{source}:{number}: genre flags must be 0 or 1, got {'|'.join(flags)!r}")
        title = fields[1].strip()
        found = _YEAR.findall(title)
        ids.append(item)
        titles.append(title)
        years.append(int(found[-1]) if found else None)
        names.append("|".join(name for name, flag in zip(genres, flags) if flag == "1"))
    if not ids:
        raise MovieLensError(f"{source}: the file is empty; expected one line per movie")
    return pd.DataFrame(
        {
            "item": np.array(ids, dtype="int64"),
            "title": titles,
            "year": pd.array(years, dtype="Int64"),
            "genres": names,
        }
    )
