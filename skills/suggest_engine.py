"""The matching engine behind skill suggestions: plain Python over records, no database.

``skills.suggest`` builds one ``SuggestionIndex`` per language from the taxonomy in the
database and keeps it in memory; the bench builds the same index with steps switched off
(``EngineOptions``) to measure what each one brings. The method is explained in
docs/skills-suggestions.md. In short, a text becomes a bag of *keys* (accent-free, lower case,
SMS spelling and slang rewritten, lemmatised, stemmed; an unknown word is corrected to the
nearest word of the taxonomy's vocabulary), and two scorers read that bag:

- labels: every preferred, alternative and plain-language label of a concept is a bag of keys
  weighted by rarity (idf); a label scores by how much of it the text covers;
- activities: the product's own everyday expressions ("faire la plonge", "garder mes petits
  frères"), each pointing to the skills a counsellor would tag (skills/data/expressions_fr.py).
"""

from __future__ import annotations

import heapq
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import simplemma
import Stemmer
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein
from unidecode import unidecode

_WORD_RE = re.compile(r"[^\W_]+")
_NOT_ALPHANUMERIC = re.compile(r"[^a-z0-9]")
#: Marks a trigger word matched whole rather than by its stem.
EXACT = "="

#: How much the label scorer trusts a concept by its ESCO reuse level: youths' experiences
#: mostly show transversal and cross-sector skills, rarely one occupation's own.
REUSE_PRIOR = {
    "transversal": 1.0,
    "cross-sector": 1.0,
    "sector-specific": 0.95,
    "occupation-specific": 0.85,
    "": 1.0,
}
STARTER_PRIOR = 1.1
#: A word corrected for a typo counts for this much of a word spelt right.
CORRECTED_WEIGHT = 0.8
#: Plain-language sentences are longer and looser than labels.
SENTENCE_WEIGHT = 0.7
#: Below this, a suggestion is noise rather than help.
MIN_SCORE = 0.12
ACTIVITY_WEIGHT = 1.0
OTHER_ACTIVITIES_SHARE = 0.5
LABEL_WEIGHT = 0.6


@dataclass(frozen=True)
class ConceptRecord:
    """What the engine needs of one concept, in the index's language."""

    uri: str
    label: str
    labels: tuple[str, ...]
    plain_sentences: tuple[str, ...] = ()
    reuse_level: str = ""
    is_starter: bool = False


@dataclass(frozen=True)
class EngineOptions:
    """The steps of the method, each of which the bench switches off to measure it."""

    spelling: bool = True  # SMS spelling, abbreviations, slang synonyms, irregular verbs
    stemming: bool = True
    lemmas: bool = True
    typos: bool = True
    activities: bool = True
    priors: bool = True
    activity_weight: float = ACTIVITY_WEIGHT
    label_weight: float = LABEL_WEIGHT
    min_score: float = MIN_SCORE


@dataclass(frozen=True)
class Activity:
    triggers: tuple[str, ...]
    skills: tuple[str, ...]
    weight: float = 1.0


@dataclass
class Lexicon:
    """The language data the engine reads (French: skills/data/expressions_fr.py)."""

    stopwords: frozenset[str] = frozenset()
    spelling: dict[str, str] = field(default_factory=dict)
    #: Runs of two or three words rewritten as one ("rendez vous" -> "rendezvous").
    phrases: dict[str, str] = field(default_factory=dict)
    synonyms: dict[str, str] = field(default_factory=dict)
    #: One entry per everyday activity: trigger phrases, skill URIs best first, and how much
    #: a trigger of it is worth (vague activities count for less).
    activities: list[Activity] = field(default_factory=list)


@dataclass(frozen=True)
class Suggestion:
    uri: str
    label: str
    score: float

    def as_dict(self) -> dict:
        return {"uri": self.uri, "label": self.label, "score": self.score}


def load_lexicon(language: str) -> Lexicon:
    if language == "fr":
        from .data import expressions_fr as data

        return Lexicon(
            stopwords=frozenset(normalise_words(" ".join(data.STOPWORDS))),
            spelling={_fold(k): _fold(v) for k, v in data.SPELLING.items() if " " not in k},
            phrases={_fold(k): _fold(v) for k, v in data.SPELLING.items() if " " in k},
            synonyms={_fold(k): _fold(v) for k, v in data.SYNONYMS.items()},
            activities=[
                Activity(
                    triggers=tuple(t.strip() for t in triggers.split("|") if t.strip()),
                    skills=tuple(data.SKILLS[name] for name in skills.split()),
                    weight=weight,
                )
                for triggers, skills, weight in data.ACTIVITIES
            ],
        )
    from .data.stopwords import STOPWORDS

    return Lexicon(stopwords=frozenset(normalise_words(" ".join(STOPWORDS.get(language, ())))))


def _fold(text: str) -> str:
    return " ".join(normalise_words(text))


def normalise_words(text: str) -> list[str]:
    """Lower case, accents and ligatures folded, split on anything but letters and digits."""
    return [fold(word) for word in _WORD_RE.findall(text.lower())]


@lru_cache(maxsize=100_000)
def fold(word: str) -> str:
    return _NOT_ALPHANUMERIC.sub("", unidecode(word).lower())


_STEMMER_LANGUAGES = {"fr": "french", "en": "english", "es": "spanish"}


class Analyzer:
    """Turns text into keys: the unit both sides of the matching agree on."""

    def __init__(self, language: str, lexicon: Lexicon, options: EngineOptions) -> None:
        self.language = language
        self.lexicon = lexicon
        self.options = options
        self._stemmer = Stemmer.Stemmer(_STEMMER_LANGUAGES[language])
        self._synonym_keys: dict[str, str] = {}
        if options.spelling:
            for word, canonical in lexicon.synonyms.items():
                self._synonym_keys[self._raw_key(word)] = self._raw_key(canonical)
        self.key = lru_cache(maxsize=100_000)(self._key)
        self.exact_key = lru_cache(maxsize=100_000)(self._exact_key)

    def words(self, text: str) -> list[str]:
        """Lower-case words (accents kept for the lemmatiser), spelling rewritten, stopwords
        and numbers dropped."""
        tokens = _WORD_RE.findall(text.lower())
        folded = [fold(token) for token in tokens]
        spelling = self.lexicon.spelling if self.options.spelling else {}
        phrases = self.lexicon.phrases if self.options.spelling else {}
        parts: list[str] = []
        position = 0
        while position < len(tokens):
            for size in (3, 2):
                phrase = " ".join(folded[position : position + size])
                if size > 1 and phrase in phrases:
                    parts.extend(phrases[phrase].split())
                    position += size
                    break
            else:
                replacement = spelling.get(folded[position])
                if replacement is None:
                    parts.append(tokens[position])
                else:
                    parts.extend(replacement.split())
                position += 1
        words = []
        for part in parts:
            key = fold(part)
            if key not in self.lexicon.stopwords and len(key) > 1 and not key.isdigit():
                words.append(part)
        return words

    def _raw_key(self, word: str) -> str:
        if self.options.lemmas:
            word = simplemma.lemmatize(word, lang=self.language)
        word = fold(word)
        if self.options.stemming:
            word = self._stemmer.stemWord(word)
        return word

    def _key(self, word: str) -> str:
        key = self._raw_key(word)
        return self._synonym_keys.get(key, key)

    def keys(self, text: str) -> list[str]:
        return [self.key(word) for word in self.words(text)]

    def _exact_key(self, word: str) -> str:
        """The whole word, lemmatised but not stemmed, for triggers that stemming would blur
        ("=animateur" must not fire on "j'animais", nor "=aidant" on "j'aidais")."""
        if self.options.lemmas:
            word = simplemma.lemmatize(word, lang=self.language)
        return EXACT + fold(word)

    def trigger_keys(self, trigger: str) -> frozenset[str]:
        keys: set[str] = set()
        for part in trigger.split():
            if part.startswith(EXACT):
                keys.add(self.exact_key(part[len(EXACT) :]))
            else:
                keys.update(self.keys(part))
        return frozenset(keys)


class SuggestionIndex:
    """Everything precomputed for one language, so that a query costs a few dictionary
    look-ups: label postings, idf, activity triggers and the vocabulary for typos."""

    def __init__(
        self,
        records: Sequence[ConceptRecord],
        *,
        language: str = "fr",
        options: EngineOptions | None = None,
        lexicon: Lexicon | None = None,
    ) -> None:
        self.language = language
        self.options = options or EngineOptions()
        self.lexicon = lexicon if lexicon is not None else load_lexicon(language)
        self.analyzer = Analyzer(language, self.lexicon, self.options)
        self.records = list(records)
        self._position = {record.uri: i for i, record in enumerate(self.records)}
        self._prior = [self._concept_prior(record) for record in self.records]
        vocabulary: set[str] = set()
        self._index_labels(vocabulary)
        self._index_activities(vocabulary)
        if self.options.spelling:
            vocabulary.update(self.lexicon.spelling)
            vocabulary.update(fold(word) for word in self.lexicon.synonyms)
        self._vocabulary = sorted(word for word in vocabulary if len(word) > 2)
        self._known_keys = set(self._postings) | set(self._trigger_postings)
        self._exact_keys = any(key.startswith(EXACT) for key in self._trigger_postings)
        self._corrections: dict[str, str | None] = {}

    def __len__(self) -> int:
        return len(self.records)

    # Building --------------------------------------------------------------------------

    def _concept_prior(self, record: ConceptRecord) -> float:
        if not self.options.priors:
            return 1.0
        prior = REUSE_PRIOR.get(record.reuse_level, 1.0)
        return prior * (STARTER_PRIOR if record.is_starter else 1.0)

    def _index_labels(self, vocabulary: set[str]) -> None:
        self._label_concept: list[int] = []
        self._label_keys: list[tuple[str, ...]] = []
        self._label_weight: list[float] = []
        seen: set[tuple[int, tuple[str, ...]]] = set()
        for position, record in enumerate(self.records):
            texts = [(text, 1.0) for text in (record.label, *record.labels)]
            texts += [(text, SENTENCE_WEIGHT) for text in record.plain_sentences]
            for text, weight in texts:
                words = self.analyzer.words(text)
                keys = tuple(dict.fromkeys(self.analyzer.key(word) for word in words))
                if not keys or (position, keys) in seen:
                    continue
                seen.add((position, keys))
                vocabulary.update(fold(word) for word in words)
                self._label_concept.append(position)
                self._label_keys.append(keys)
                self._label_weight.append(weight)
        document_frequency: dict[str, int] = defaultdict(int)
        self._postings: dict[str, list[int]] = defaultdict(list)
        for label, keys in enumerate(self._label_keys):
            for key in keys:
                document_frequency[key] += 1
                self._postings[key].append(label)
        total = max(len(self._label_keys), 1)
        self._idf = {key: math.log(1 + total / df) for key, df in document_frequency.items()}
        self._label_norm = [sum(self._idf[key] for key in keys) for keys in self._label_keys]

    def _index_activities(self, vocabulary: set[str]) -> None:
        #: trigger number -> (keys, activity number); activity -> concept positions, best first
        self._triggers: list[tuple[frozenset[str], int]] = []
        self._trigger_postings: dict[str, list[int]] = defaultdict(list)
        self._activity_concepts: list[list[int]] = []
        self._activity_weight: list[float] = []
        if not self.options.activities:
            return
        for entry in self.lexicon.activities:
            concepts = [self._position[uri] for uri in entry.skills if uri in self._position]
            if not concepts:
                continue
            activity = len(self._activity_concepts)
            self._activity_concepts.append(concepts)
            self._activity_weight.append(entry.weight)
            for trigger in entry.triggers:
                keys = self.analyzer.trigger_keys(trigger)
                if not keys:
                    continue
                vocabulary.update(fold(word) for word in self.analyzer.words(trigger))
                number = len(self._triggers)
                self._triggers.append((keys, activity))
                for key in keys:
                    self._trigger_postings[key].append(number)

    # Querying --------------------------------------------------------------------------

    def query_keys(self, text: str) -> dict[str, float]:
        """The text's keys, each with how much it is trusted (1, or less when corrected)."""
        keys: dict[str, float] = {}
        for word in self.analyzer.words(text):
            found = [self.analyzer.key(word)]
            weight = 1.0
            if found[0] not in self._known_keys and self.options.typos:
                corrected = self._correct(word)
                if corrected is not None:
                    # The correction may be SMS spelling in turn ("babysiting" -> "babysitting").
                    found = self.analyzer.keys(corrected)
                    weight = CORRECTED_WEIGHT
            if self._exact_keys:
                found.append(self.analyzer.exact_key(word))
            for key in found:
                if weight > keys.get(key, 0.0):
                    keys[key] = weight
        return keys

    def _correct(self, word: str) -> str | None:
        """The vocabulary word a misspelt word most likely stands for, if any."""
        word = fold(word)
        if word in self._corrections:
            return self._corrections[word]
        corrected = None
        if len(word) >= 4 and word.isalpha() and not _is_known_word(word, self.language):
            limit = 1 if len(word) <= 6 else 2
            match = process.extractOne(
                word, self._vocabulary, scorer=Levenshtein.distance, score_cutoff=limit
            )
            if match is not None:
                corrected = match[0]
        if len(self._corrections) < 50_000:
            self._corrections[word] = corrected
        return corrected

    def suggest(self, text: str, limit: int = 10) -> list[Suggestion]:
        keys = self.query_keys(text)
        if not keys:
            return []
        scores: dict[int, float] = defaultdict(float)
        for position, score in self._activity_scores(keys).items():
            scores[position] += self.options.activity_weight * score
        for position, score in self._label_scores(keys).items():
            scores[position] += self.options.label_weight * score
        best = heapq.nsmallest(
            limit,
            (
                (-score, self.records[position].label, position)
                for position, score in scores.items()
                if score >= self.options.min_score
            ),
        )
        results = []
        for negative, _label, position in best:
            score = -negative
            record = self.records[position]
            # Shown between 0 and 1, in the same order as the raw score.
            results.append(Suggestion(record.uri, record.label, round(1 - math.exp(-score), 3)))
        return results

    def _activity_scores(self, keys: dict[str, float]) -> dict[int, float]:
        strength: dict[int, float] = {}
        candidates = {n for key in keys for n in self._trigger_postings.get(key, ())}
        for number in candidates:
            trigger_keys, activity = self._triggers[number]
            if trigger_keys.issubset(keys):
                trust = min(keys[key] for key in trigger_keys)
                strength[activity] = max(strength.get(activity, 0.0), trust)
        contributions: dict[int, list[float]] = defaultdict(list)
        for activity, trust in strength.items():
            trust *= self._activity_weight[activity]
            for rank, position in enumerate(self._activity_concepts[activity]):
                contributions[position].append(trust * max(1.0 - 0.1 * rank, 0.4))
        # A skill that several activities point to gains, but less than the sum: the headline
        # skill of one clear activity should not sink under details mentioned alongside.
        return {
            position: max(values) + OTHER_ACTIVITIES_SHARE * (sum(values) - max(values))
            for position, values in contributions.items()
        }

    def _label_scores(self, keys: dict[str, float]) -> dict[int, float]:
        matched: dict[int, float] = defaultdict(float)
        for key, trust in keys.items():
            idf = self._idf.get(key)
            if idf is None:
                continue
            for label in self._postings[key]:
                matched[label] += idf * trust
        best: dict[int, float] = {}
        for label, weight in matched.items():
            coverage = weight / self._label_norm[label]
            score = self._label_weight[label] * coverage * coverage
            position = self._label_concept[label]
            score *= self._prior[position]
            if score > best.get(position, 0.0):
                best[position] = score
        return best


@lru_cache(maxsize=20_000)
def _is_known_word(word: str, language: str) -> bool:
    return simplemma.is_known(word, lang=language)


def records_for_language(rows: Iterable[dict], language: str) -> list[ConceptRecord]:
    """Records from concept rows shaped like ``SkillConcept`` (dicts of its fields).

    The label a youth reads is the everyday label when there is one, else ESCO's preferred
    label in the language, else in French or English.
    """
    records = []
    for row in rows:
        preferred = row.get("preferred_labels") or {}
        alternatives = row.get("alt_labels") or {}
        plain_label = row.get(f"plain_label_{language}", "") or ""
        plain_sentence = row.get(f"plain_sentence_{language}", "") or ""
        own = preferred.get(language, "")
        label = (
            plain_label or own or preferred.get("fr") or preferred.get("en") or row.get("name", "")
        )
        if not label:
            continue
        alt = alternatives.get(language) or []
        if isinstance(alt, str):
            alt = alt.splitlines()
        labels = tuple(text for text in (own, plain_label, *alt) if text and text != label)
        if not own and not plain_label:
            # A concept with no words in this language is still found by its other labels.
            labels += tuple(text for text in preferred.values() if text and text != label)
        records.append(
            ConceptRecord(
                uri=row["uri"],
                label=label,
                labels=labels,
                plain_sentences=(plain_sentence,) if plain_sentence else (),
                reuse_level=row.get("reuse_level", "") or "",
                is_starter=bool(row.get("is_starter")),
            )
        )
    return records
