"""How attrib copes with a large alias registry: load time and resolutions per second.

Builds a synthetic rules directory with 50,000 names and aliases (people,
organisations and dated office-holders, all valid) in a temporary directory,
then measures, on this machine:

- ``load_rules``: reading and validating the YAML into a Registry;
- exact resolutions per second (a registered spelling: a dictionary lookup);
- fuzzy resolutions per second (a misspelling: rapidfuzz over the prepared
  choice list), after the one-off preparation of that list;
- dated title resolutions per second ("the premier" on a date);
- ``near_duplicates``, the warning pass of ``attrib rules check``;
- the sample articles analysed against the large registry.

Run it from a checkout: ``python benchmarks/registry.py [--aliases N] [--seed S]``.
Nothing outside the temporary directory is written.
"""
from __future__ import annotations

import argparse
import random
import shutil
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # the checkout's attrib, installed or not

import attrib  # noqa: E402
from attrib.model import Mention  # noqa: E402
from attrib.pipeline import analyze_paths  # noqa: E402
from attrib.resolve import Context, Resolver, near_duplicates  # noqa: E402
from attrib.rules import default_rules_dir, load_rules  # noqa: E402
ONSETS = ["b", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "sh", "kh", "br", "tr"]
VOWELS = ["a", "e", "i", "o", "u", "ai", "ou"]
ALIASES_PER_ENTITY = 5  # the name and four aliases


def word(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(ONSETS) + rng.choice(VOWELS) for _ in range(syllables)).capitalize()


def unique_name(rng: random.Random, taken: set[str], words: int) -> str:
    while True:
        name = " ".join(word(rng, rng.randint(2, 3)) for _ in range(words))
        key = name.lower()
        if key not in taken and key.split()[-1] not in taken:
            taken.add(key)
            return name


def build(directory: Path, total: int, rng: random.Random) -> tuple[list[str], list[tuple[str, date]]]:
    """Write entities.yaml with ``total`` names and aliases; return the aliases and some (title, date) pairs."""
    taken: set[str] = set()
    lines = ["# Synthetic registry for benchmarks/registry.py: not real people."]
    aliases: list[str] = []
    titles: list[tuple[str, date]] = []
    entities = total // ALIASES_PER_ENTITY
    offices = entities // 20  # each held in three successive terms by the people of one group of four entities
    for n in range(entities):
        person = n % 4 != 3
        name = unique_name(rng, taken, 2 if person else 3)
        own = [unique_name(rng, taken, 2 if person else 3) for _ in range(ALIASES_PER_ENTITY - 1)]
        aliases.extend([name, *own])
        lines += [f"- id: e{n}", f"  name: {name}", f"  type: {'person' if person else 'organization'}",
                  f"  aliases: [{', '.join(own)}]"]
        if person and n // 4 < offices:
            office = n // 4
            term = n % 4
            start = date(2000, 1, 1) + timedelta(days=1500 * term)
            title = f"Chief Officer of Office {office}"
            lines += ["  roles:", f"    - title: {title}", f"      aliases: [Office {office} chief]",
                      f"      from: {start}"]
            if term < 2:
                lines.append(f"      to: {start + timedelta(days=1500)}")
            titles.append((f"Office {office} chief", start + timedelta(days=700)))
        lines.append("")
    (directory / "entities.yaml").write_text("\n".join(lines), encoding="utf-8")
    for name in ("cues.yaml", "outlets.yaml"):
        shutil.copy(default_rules_dir() / name, directory / name)
    return aliases, titles


def misspell(rng: random.Random, name: str) -> str:
    """A surname with one letter changed inside it ("Kadhimy" for "Kadhimi"): what fuzzy matching is for.

    (A misspelled full name such as "Mira Castel" is an unregistered person to
    the resolver, which does not try fuzzy matching on it.)
    """
    last = name.split()[-1]
    i = rng.randrange(1, len(last) - 1)
    return last[:i] + rng.choice("aeiouy".replace(last[i].lower(), "")) + last[i + 1:]


class Clock:
    """Wall and CPU time of a block: on a busy machine the CPU time is the steadier figure."""

    def __enter__(self) -> "Clock":
        self.wall, self.cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall, self.cpu = time.perf_counter() - self.wall, time.process_time() - self.cpu

    def seconds(self) -> str:
        return f"{self.wall:6.2f} s   (CPU {self.cpu:.2f} s)"

    def rate(self, calls: int) -> str:
        return f"{calls / self.wall:>9,.0f}/s (CPU: {calls / self.cpu:,.0f}/s)" if self.wall > 0 and self.cpu > 0 else "n/a"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--aliases", type=int, default=50_000, help="names and aliases in the registry")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory(prefix="attrib-bench-") as tmp:
        directory = Path(tmp)
        aliases, titles = build(directory, args.aliases, rng)

        loads = []
        for _ in range(3):
            with Clock() as clock:
                registry = load_rules([directory], defaults=False)
            loads.append(clock)
        load = sorted(loads, key=lambda c: c.wall)[1]  # the median run

        with Clock() as setup:
            resolver = Resolver(registry)

        sample = rng.sample(aliases, min(10_000, len(aliases)))
        with Clock() as exact:
            exact_hits = sum(resolver.resolve(name).entity is not None for name in sample)

        with Clock() as prepare:
            resolver._fuzzy_choices()  # the one-off preparation the first fuzzy lookup pays for
        people = [n for n in aliases[::ALIASES_PER_ENTITY] if len(n.split()) == 2]  # entity names of people
        typos = [misspell(rng, name) for name in rng.sample(people, min(1_000, len(people)))]
        with Clock() as fuzzy:
            fuzzy_hits = sum(resolver.resolve(name).method == "fuzzy" for name in typos)

        dated = titles[:2_000]
        with Clock() as roles:
            role_hits = sum(resolver.resolve(Mention(t, 0, len(t)), Context(date=on)).entity is not None
                            for t, on in dated)

        with Clock() as near:
            warnings = near_duplicates(registry)

        with Clock() as analysis:
            articles = sum(o.analysis is not None for o in analyze_paths([str(ROOT / "samples")], registry))

    print(f"attrib {attrib.__version__}, synthetic registry: {len(registry.sites):,} names and aliases of "
          f"{len(registry.entities):,} entities, {len(titles):,} dated office terms")
    print(f"  load_rules                {load.seconds()}   median of 3")
    print(f"  Resolver setup            {setup.seconds()}")
    print(f"  exact resolutions         {exact.rate(len(sample))}   {exact_hits:,} of {len(sample):,} resolved")
    print(f"  fuzzy choice list         {prepare.seconds()}   built once, on the first fuzzy lookup")
    print(f"  fuzzy resolutions         {fuzzy.rate(len(typos))}   {fuzzy_hits:,} of {len(typos):,} misspelled surnames matched")
    print(f"  dated title resolutions   {roles.rate(len(dated))}   {role_hits:,} of {len(dated):,} resolved")
    print(f"  near_duplicates           {near.seconds()}   {len(warnings):,} warnings (attrib rules check)")
    print(f"  analyze samples/          {analysis.seconds()}   {articles} articles")


if __name__ == "__main__":
    main()
