"""The schedule of a job dating: who meets whom, in which time slot. Pure functions, no ORM.

Each recruiter sits at a table and sees one candidate per slot; a candidate moves from
table to table. The best schedule holds as many meetings as fit in the window:

1. Choose the meetings. A set of pairs fits in ``slot_count`` slots exactly when nobody
   is in more than ``slot_count`` of them (König's edge-colouring theorem for bipartite
   graphs), so the largest set that fits is a maximum flow where each person has
   ``slot_count`` places and each wanted pair at most one meeting.
2. Give each chosen meeting a slot: a proper edge colouring of the bipartite graph with
   ``slot_count`` colours, built by flipping alternating paths (Kempe chains).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class PlannedMeeting:
    slot: int
    recruiter: int
    candidate: int


def slot_count(window_minutes: int, meeting_minutes: int) -> int:
    """How many whole meetings fit one after the other in the window."""
    if meeting_minutes <= 0 or window_minutes <= 0:
        return 0
    return window_minutes // meeting_minutes


def plan_schedule(
    recruiters: Sequence[int],
    candidates: Sequence[int],
    *,
    slots: int,
    wanted: Iterable[tuple[int, int]] | None = None,
) -> list[PlannedMeeting]:
    """Meetings (slot index from 0, recruiter id, candidate id), as many as fit.

    ``wanted`` lists the (recruiter, candidate) pairs that should meet; every pair by
    default. Nobody is in two meetings of the same slot and a pair meets at most once.
    """
    recruiter_set = list(dict.fromkeys(recruiters))
    candidate_set = list(dict.fromkeys(candidates))
    if slots <= 0 or not recruiter_set or not candidate_set:
        return []
    known_recruiters, known_candidates = set(recruiter_set), set(candidate_set)
    if wanted is None:
        pairs = [(r, c) for r in recruiter_set for c in candidate_set]
    else:
        pairs = [
            (r, c)
            for r, c in dict.fromkeys(wanted)
            if r in known_recruiters and c in known_candidates
        ]
    chosen = _most_pairs_within(pairs, recruiter_set, candidate_set, slots)
    return sorted(_colour(chosen, slots))


def _most_pairs_within(
    pairs: list[tuple[int, int]], recruiters: list[int], candidates: list[int], slots: int
) -> list[tuple[int, int]]:
    """The largest subset of ``pairs`` where nobody appears more than ``slots`` times.

    Edmonds–Karp on: source → recruiter (capacity ``slots``) → candidate (1 per wanted
    pair) → sink (capacity ``slots``). Sizes are a few dozen people, so BFS is plenty.
    """
    source, sink = ("s",), ("t",)
    capacity: dict[tuple, dict[tuple, int]] = {source: {}, sink: {}}

    def node(kind: str, ident: int) -> tuple:
        return (kind, ident)

    def add(a: tuple, b: tuple, cap: int) -> None:
        capacity.setdefault(a, {})
        capacity.setdefault(b, {})
        capacity[a][b] = capacity[a].get(b, 0) + cap
        capacity[b].setdefault(a, 0)

    for recruiter in recruiters:
        add(source, node("r", recruiter), slots)
    for candidate in candidates:
        add(node("c", candidate), sink, slots)
    for recruiter, candidate in pairs:
        add(node("r", recruiter), node("c", candidate), 1)

    while True:
        parents: dict[tuple, tuple] = {source: source}
        queue = deque([source])
        while queue and sink not in parents:
            current = queue.popleft()
            for following, left in capacity[current].items():
                if left > 0 and following not in parents:
                    parents[following] = current
                    queue.append(following)
        if sink not in parents:
            break
        path_min, step = slots, sink
        while step != source:
            path_min = min(path_min, capacity[parents[step]][step])
            step = parents[step]
        step = sink
        while step != source:
            capacity[parents[step]][step] -= path_min
            capacity[step][parents[step]] += path_min
            step = parents[step]

    # A pair is chosen when its unit of capacity was used (the reverse edge holds it).
    return [
        (recruiter, candidate)
        for recruiter, candidate in pairs
        if capacity[node("c", candidate)][node("r", recruiter)] > 0
    ]


def _colour(pairs: list[tuple[int, int]], slots: int) -> list[PlannedMeeting]:
    """Give each pair a slot so nobody has two meetings in one slot.

    Expects every person in at most ``slots`` pairs, which makes a colouring with
    ``slots`` colours always exist in a bipartite graph.
    """
    # at[person][slot] = the other person met in that slot.
    at: dict[tuple, dict[int, tuple]] = {}

    def free_slot(person: tuple) -> int:
        used = at.get(person, {})
        return next(slot for slot in range(slots) if slot not in used)

    for recruiter, candidate in pairs:
        r, c = ("r", recruiter), ("c", candidate)
        a = free_slot(r)
        b = free_slot(c)
        if a != b and a in at.get(c, {}):
            # Swap slots a and b along the path from c that alternates a, b, a... In a
            # bipartite graph this path never reaches r, and afterwards a is free at c.
            path = [c]
            colour, person = a, c
            while colour in at.get(person, {}):
                person = at[person][colour]
                path.append(person)
                colour = b if colour == a else a
            edges = []
            colour = a
            for first, second in zip(path, path[1:], strict=False):
                edges.append((first, second, colour))
                colour = b if colour == a else a
            for first, second, old in edges:
                del at[first][old]
                del at[second][old]
            for first, second, old in edges:
                new = b if old == a else a
                at[first][new] = second
                at[second][new] = first
        at.setdefault(r, {})[a] = c
        at.setdefault(c, {})[a] = r

    return [
        PlannedMeeting(slot=slot, recruiter=person[1], candidate=other[1])
        for person, by_slot in at.items()
        if person[0] == "r"
        for slot, other in by_slot.items()
    ]
