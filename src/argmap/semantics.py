"""Argumentation frameworks (Dung 1995) built from a corpus, and their extensions.

Two layers. The first is Dung's abstract framework — arguments and an attack relation — with the
grounded, complete, preferred and stable semantics; it knows nothing about maps. The grounded
extension is the standard queue-based labelling, linear in arguments + attacks. The other three
are found with a small CDCL SAT solver over Caminada's labelling encoding (an argument is in iff
all its attackers are out, out iff some attacker is in), after fixing what the grounded labelling
already settles; preferred extensions are grown to maximality one at a time (the approach of the
PrefSAT/ArgSemSAT solvers), so the search never enumerates every complete extension.

The second layer turns a corpus into a framework (docs/analyze.md explains every choice): each
claim is an argument; `attacks` are attacks; each support link is an argument of its own, which
an undercut attacks and which falls with its reason; a claim that has no evidence of its own is
attacked by a stand-in for that missing ground, which any standing support defeats. `analyze`
computes the extensions, each claim's status and a sentence a student can read about why.
"""

from __future__ import annotations

import enum
from collections import deque
from typing import Iterable, Mapping, Sequence

import attrs

from argmap.model import Corpus, Position, ref, split_ref

__all__ = [
    "Semantics", "Label", "Framework", "grounded_labelling", "extensions", "labelling",
    "NodeKind", "Node", "CorpusFramework", "corpus_framework",
    "PositionVerdict", "Analysis", "analyze",
]


class Semantics(str, enum.Enum):
    GROUNDED = "grounded"
    COMPLETE = "complete"
    PREFERRED = "preferred"
    STABLE = "stable"


class Label(str, enum.Enum):
    IN = "in"
    OUT = "out"
    UNDEC = "undec"


def _unique_sorted(values: Iterable) -> tuple:
    return tuple(sorted(set(values)))


@attrs.frozen(kw_only=True)
class Framework:
    """Arguments and who attacks whom; kept sorted and without duplicates."""

    arguments: tuple[str, ...] = attrs.field(converter=_unique_sorted)
    attacks: tuple[tuple[str, str], ...] = attrs.field(
        default=(), converter=lambda pairs: _unique_sorted(tuple(p) for p in pairs))

    def __attrs_post_init__(self) -> None:
        known = set(self.arguments)
        strays = sorted({a for pair in self.attacks for a in pair if a not in known})
        if strays:
            raise ValueError(f"attacks name unknown arguments: {', '.join(strays)}")


class _Graph:
    """A framework as integer adjacency lists, built once per computation."""

    __slots__ = ("names", "attackers", "targets")

    def __init__(self, framework: Framework) -> None:
        self.names = framework.arguments
        index = {name: i for i, name in enumerate(self.names)}
        self.attackers: list[list[int]] = [[] for _ in self.names]
        self.targets: list[list[int]] = [[] for _ in self.names]
        for source, target in framework.attacks:
            i, j = index[source], index[target]
            self.targets[i].append(j)
            self.attackers[j].append(i)


# --- grounded ------------------------------------------------------------------------------------

_IN, _OUT, _UNDEC = 1, -1, 0


def _grounded(graph: _Graph) -> tuple[list[int], list[int]]:
    """Labels by index, and the order in which arguments were accepted.

    An argument goes in once every attacker is out; its targets go out at once. Each attack is
    looked at a bounded number of times, so the cost is O(arguments + attacks).
    """
    attackers, targets = graph.attackers, graph.targets
    label = [_UNDEC] * len(attackers)
    live = [len(a) for a in attackers]
    accepted = [i for i, count in enumerate(live) if count == 0]
    for i in accepted:
        label[i] = _IN
    head = 0
    while head < len(accepted):
        for target in targets[accepted[head]]:
            if label[target] == _UNDEC:
                label[target] = _OUT
                for victim in targets[target]:
                    live[victim] -= 1
                    if live[victim] == 0 and label[victim] == _UNDEC:
                        label[victim] = _IN
                        accepted.append(victim)
        head += 1
    return label, accepted


def grounded_labelling(framework: Framework) -> dict[str, Label]:
    """The grounded labelling: the sceptically justified arguments are in, those they defeat out."""
    graph = _Graph(framework)
    label, _ = _grounded(graph)
    return {name: _LABELS[value] for name, value in zip(graph.names, label)}


_LABELS = {_IN: Label.IN, _OUT: Label.OUT, _UNDEC: Label.UNDEC}


# --- a small CDCL SAT solver ---------------------------------------------------------------------

class _Sat:
    """Conflict-driven clause learning: two watched literals, first-UIP learning, activity-based
    branching with saved phases, restarts, and assumptions. Incremental: clauses may be added
    between calls, which is how extensions are enumerated and grown.

    Variables are 1, 2, ...; a clause is a list of non-zero ints, -v meaning "not v" (DIMACS).
    Internally literal v is 2v and -v is 2v + 1, so negation is `lit ^ 1`.
    """

    def __init__(self) -> None:
        self._value: list[int] = [0, 0]          # by literal: 1 true, -1 false, 0 unassigned
        self._level: list[int] = [0]             # by variable
        self._reason: list[list[int] | None] = [None]
        self._activity: list[float] = [0.0]
        self._phase: list[int] = [1]             # saved sign: 0 positive, 1 negative
        self._seen: list[bool] = [False]
        self._watches: list[list[list[int]]] = [[], []]   # long clauses, by watched literal
        self._implied: list[list[int]] = [[], []]          # binary clauses: lit true -> these true
        self._trail: list[int] = []
        self._limits: list[int] = []             # trail length where each decision level starts
        self._head = 0
        self._increment = 1.0
        self._learnts: list[tuple[int, int, list[int]]] = []   # (glue, serial, clause), long ones
        self._learnt_limit = 2000
        self.ok = True
        self.model: list[bool] = []

    def new_var(self) -> int:
        self._value += (0, 0)
        self._level.append(0)
        self._reason.append(None)
        self._activity.append(0.0)
        self._phase.append(1)
        self._seen.append(False)
        self._watches += ([], [])
        self._implied += ([], [])
        return len(self._level) - 1

    def add_clause(self, literals: Iterable[int]) -> bool:
        """Add a clause for good; False once the formula is known to be unsatisfiable."""
        if not self.ok:
            return False
        self._backtrack(0)
        value = self._value
        clause: list[int] = []
        for signed in literals:
            lit = 2 * signed if signed > 0 else -2 * signed + 1
            if value[lit] == 1 or lit ^ 1 in clause:
                return True
            if value[lit] == 0 and lit not in clause:
                clause.append(lit)
        if not clause:
            self.ok = False
        elif len(clause) == 1:
            self._assign(clause[0], None)
            self.ok = self._propagate() is None
        else:
            self._attach(clause)
        return self.ok

    def _attach(self, clause: list[int]) -> None:
        if len(clause) == 2:
            self._implied[clause[0] ^ 1].append(clause[1])
            self._implied[clause[1] ^ 1].append(clause[0])
        else:
            self._watches[clause[0]].append(clause)
            self._watches[clause[1]].append(clause)

    def solve(self, assumptions: Sequence[int] = ()) -> bool:
        """True and `self.model` (by variable) when the clauses and assumptions can all hold."""
        if not self.ok:
            return False
        self._backtrack(0)
        assumed = [2 * a if a > 0 else -2 * a + 1 for a in assumptions]
        restarts, conflicts = 0, 0
        while True:
            conflict = self._propagate()
            if conflict is not None:
                if not self._limits:
                    self.ok = False
                    return False
                conflicts += 1
                learnt, back = self._analyse(conflict)
                if len(learnt) > 2:
                    glue = len({self._level[q >> 1] for q in learnt})
                    self._learnts.append((glue, len(self._learnts), learnt))
                self._backtrack(back)
                if len(learnt) == 1:
                    self._assign(learnt[0], None)
                else:
                    self._attach(learnt)
                    self._assign(learnt[0], learnt)
                self._increment /= 0.95
                continue
            if conflicts >= 100 * _luby(restarts):
                restarts, conflicts = restarts + 1, 0
                self._backtrack(0)
                if len(self._learnts) > self._learnt_limit:
                    self._forget()
                continue
            depth = len(self._limits)
            if depth < len(assumed):
                lit = assumed[depth]
                if self._value[lit] == -1:
                    self._backtrack(0)
                    return False
                self._limits.append(len(self._trail))
                if self._value[lit] == 0:
                    self._assign(lit, None)
                continue
            var = self._pick()
            if var == 0:
                self.model = [self._value[2 * v] == 1 for v in range(len(self._level))]
                self._backtrack(0)
                return True
            self._limits.append(len(self._trail))
            self._assign(2 * var + self._phase[var], None)

    def _forget(self) -> None:
        """Drop the less useful half of the long learnt clauses (at level 0, so none is a reason
        that analysis could still need). Clauses spanning at most two levels are always kept."""
        ranked = sorted(self._learnts, key=lambda entry: (entry[0], -entry[1]))
        half = max(len(ranked) // 2, sum(1 for glue, _, _ in ranked if glue <= 2))
        dropped = {id(clause) for _, _, clause in ranked[half:]}
        self._learnts = sorted(ranked[:half], key=lambda entry: entry[1])
        self._learnts = [(glue, serial, clause) for serial, (glue, _, clause)
                         in enumerate(self._learnts)]
        self._watches = [[c for c in watching if id(c) not in dropped] for watching in self._watches]
        self._learnt_limit = int(self._learnt_limit * 1.1)

    def _assign(self, lit: int, reason: list[int] | None) -> None:
        self._value[lit] = 1
        self._value[lit ^ 1] = -1
        var = lit >> 1
        self._level[var] = len(self._limits)
        self._reason[var] = reason
        self._trail.append(lit)

    def _backtrack(self, level: int) -> None:
        if len(self._limits) <= level:
            return
        start = self._limits[level]
        value, reason, phase = self._value, self._reason, self._phase
        for lit in self._trail[start:]:
            value[lit] = value[lit ^ 1] = 0
            reason[lit >> 1] = None
            phase[lit >> 1] = lit & 1
        del self._trail[start:]
        del self._limits[level:]
        self._head = start

    def _pick(self) -> int:
        value, activity = self._value, self._activity
        best, best_activity = 0, -1.0
        for var in range(1, len(activity)):
            if value[2 * var] == 0 and activity[var] > best_activity:
                best, best_activity = var, activity[var]
        return best

    def _propagate(self) -> list[int] | None:
        """Unit propagation; the conflicting clause, or None."""
        value, watches, implied, trail = self._value, self._watches, self._implied, self._trail
        level, reason = self._level, self._reason
        depth = len(self._limits)
        while self._head < len(trail):
            true_lit = trail[self._head]
            false_lit = true_lit ^ 1
            self._head += 1
            for q in implied[true_lit]:
                state = value[q]
                if state == 1:
                    continue
                if state == -1:
                    self._head = len(trail)
                    return [q, false_lit]
                value[q] = 1
                value[q ^ 1] = -1
                level[q >> 1] = depth
                reason[q >> 1] = [q, false_lit]
                trail.append(q)
            watching = watches[false_lit]
            keep: list[list[int]] = []
            watches[false_lit] = keep
            count = len(watching)
            i = 0
            while i < count:
                clause = watching[i]
                i += 1
                if clause[0] == false_lit:
                    clause[0], clause[1] = clause[1], false_lit
                first = clause[0]
                if value[first] == 1:
                    keep.append(clause)
                    continue
                for k in range(2, len(clause)):
                    other = clause[k]
                    if value[other] != -1:
                        clause[1], clause[k] = other, false_lit
                        watches[other].append(clause)
                        break
                else:
                    keep.append(clause)
                    if value[first] == -1:
                        keep.extend(watching[i:])
                        self._head = len(trail)
                        return clause
                    value[first] = 1
                    value[first ^ 1] = -1
                    level[first >> 1] = depth
                    reason[first >> 1] = clause
                    trail.append(first)
        return None

    def _analyse(self, conflict: list[int]) -> tuple[list[int], int]:
        """The first-UIP clause learnt from a conflict, and the level to jump back to."""
        seen, level, activity, trail = self._seen, self._level, self._activity, self._trail
        depth = len(self._limits)
        learnt = [0]
        marked: list[int] = []
        pending = 0
        clause: list[int] | None = conflict
        lit = -1
        index = len(trail) - 1
        while True:
            assert clause is not None
            for q in clause[0 if lit == -1 else 1:]:
                var = q >> 1
                if not seen[var] and level[var] > 0:
                    seen[var] = True
                    marked.append(var)
                    activity[var] += self._increment
                    if activity[var] > 1e100:
                        self._activity = activity = [a * 1e-100 for a in activity]
                        self._increment *= 1e-100
                    if level[var] >= depth:
                        pending += 1
                    else:
                        learnt.append(q)
            while not seen[trail[index] >> 1]:
                index -= 1
            lit = trail[index]
            index -= 1
            seen[lit >> 1] = False
            pending -= 1
            if pending == 0:
                break
            clause = self._reason[lit >> 1]
        learnt[0] = lit ^ 1
        # Drop literals implied by the others (MiniSat's basic minimisation).
        reason = self._reason
        learnt[1:] = [q for q in learnt[1:] if reason[q >> 1] is None or any(
            not seen[r >> 1] and level[r >> 1] > 0 for r in reason[q >> 1][1:])]  # type: ignore[index]
        for var in marked:
            seen[var] = False
        if len(learnt) == 1:
            return learnt, 0
        top = max(range(1, len(learnt)), key=lambda k: level[learnt[k] >> 1])
        learnt[1], learnt[top] = learnt[top], learnt[1]
        return learnt, level[learnt[1] >> 1]


def _luby(i: int) -> int:
    """The Luby sequence 1 1 2 1 1 2 4 1 1 2 ..., for restart intervals."""
    size, power = 1, 0
    while size < i + 1:
        power += 1
        size = 2 * size + 1
    while size - 1 != i:
        size = (size - 1) >> 1
        power -= 1
        i %= size
    return 1 << power


# --- complete, preferred, stable -----------------------------------------------------------------

def _encode(graph: _Graph, label: list[int], stable: bool) -> tuple[_Sat, dict[int, int]]:
    """Complete labellings of what the grounded labelling leaves undecided, as clauses.

    Every complete extension contains the grounded one and rejects what it rejects, and the
    attackers of an undecided argument that are not undecided are all out, so only the undecided
    part needs searching. Variables per argument: in, and out (undecided is neither).
    """
    solver = _Sat()
    undecided = [i for i, value in enumerate(label) if value == _UNDEC]
    in_var = {i: solver.new_var() for i in undecided}
    out_var = {i: solver.new_var() for i in undecided}
    for x in undecided:
        attackers = [y for y in graph.attackers[x] if label[y] == _UNDEC]
        solver.add_clause([-in_var[x], -out_var[x]])
        for y in attackers:
            solver.add_clause([-in_var[x], out_var[y]])     # in only if every attacker is out
            solver.add_clause([-in_var[y], out_var[x]])     # out when an attacker is in
        solver.add_clause([in_var[x]] + [-out_var[y] for y in attackers])
        solver.add_clause([-out_var[x]] + [in_var[y] for y in attackers])
        if stable:
            solver.add_clause([in_var[x], out_var[x]])
    return solver, in_var


def _search(graph: _Graph, semantics: Semantics) -> list[frozenset[int]]:
    label, _ = _grounded(graph)
    base = frozenset(i for i, value in enumerate(label) if value == _IN)
    if semantics is Semantics.GROUNDED or _UNDEC not in label:
        return [base]
    solver, in_var = _encode(graph, label, stable=semantics is Semantics.STABLE)

    def accepted() -> frozenset[int]:
        return frozenset(x for x, var in in_var.items() if solver.model[var])

    def outside(chosen: frozenset[int]) -> list[int]:
        """A clause: some argument not in `chosen` is in — no subset of `chosen` again."""
        return [var for x, var in in_var.items() if x not in chosen]

    found: list[frozenset[int]] = []
    while solver.solve():
        chosen = accepted()
        if semantics is Semantics.COMPLETE:
            solver.add_clause(outside(chosen) + [-in_var[x] for x in chosen])
        elif semantics is Semantics.STABLE:
            solver.add_clause(outside(chosen))      # stable extensions never contain one another
        else:
            # Grow to a maximal one. Ruling out every subset of each step for good is sound:
            # those subsets are subsets of the preferred extension it ends in, which is no
            # longer wanted either, so what is learnt while growing serves the next search.
            while solver.add_clause(outside(chosen)) and solver.solve(
                    [in_var[x] for x in sorted(chosen)]):
                chosen = accepted()
        found.append(chosen)
    return [base | extension for extension in found]


def extensions(framework: Framework, semantics: Semantics) -> tuple[frozenset[str], ...]:
    """Every extension under `semantics`, in a stable order (by their sorted members)."""
    graph = _Graph(framework)
    named = [frozenset(graph.names[i] for i in found) for found in _search(graph, semantics)]
    return tuple(sorted(named, key=sorted))


def labelling(framework: Framework, extension: Iterable[str]) -> dict[str, Label]:
    """An extension as a labelling: its members in, what they attack out, the rest undecided."""
    members = set(extension)
    defeated = {target for source, target in framework.attacks if source in members}
    return {a: Label.IN if a in members else Label.OUT if a in defeated else Label.UNDEC
            for a in framework.arguments}


# --- the corpus as a framework -------------------------------------------------------------------

class NodeKind(str, enum.Enum):
    CLAIM = "claim"
    SUPPORT = "support"     # the inference "premise, so conclusion"
    GROUND = "ground"       # stands in for the missing evidence of a claim that offers none


@attrs.frozen(kw_only=True)
class Node:
    name: str
    kind: NodeKind
    claim: str              # the claim itself, the conclusion of a support, the ungrounded claim
    premise: str | None = None


@attrs.frozen(kw_only=True)
class CorpusFramework:
    framework: Framework
    nodes: Mapping[str, Node]
    claim_attacks: int
    undercuts: int


def support_name(premise: str, conclusion: str) -> str:
    return f"{premise} -> {conclusion}"


def _ground_name(claim: str) -> str:
    return f"{claim} (no evidence)"


def corpus_framework(corpus: Corpus) -> CorpusFramework:
    """Claims, support links and missing grounds as arguments; see docs/analyze.md."""
    nodes: dict[str, Node] = {}
    claim_attacks: set[tuple[str, str]] = set()
    undercut_attacks: set[tuple[str, str]] = set()
    for m, c in corpus.claims():
        here = ref(m.id, c.id)
        nodes[here] = Node(name=here, kind=NodeKind.CLAIM, claim=here)
        for target in c.supports:
            conclusion = ref(*split_ref(target, m.id))
            name = support_name(here, conclusion)
            nodes[name] = Node(name=name, kind=NodeKind.SUPPORT, claim=conclusion, premise=here)
        claim_attacks.update((here, ref(*split_ref(target, m.id))) for target in c.attacks)
        undercut_attacks.update(
            (here, support_name(ref(*split_ref(u.from_, m.id)), ref(*split_ref(u.to, m.id))))
            for u in c.undercuts)
    evidence = {ref(m.id, c.id): bool(c.evidence) for m, c in corpus.claims()}
    attacks = set(claim_attacks)
    attacks.update(pair for pair in undercut_attacks if pair[1] in nodes)
    supports = [n for n in nodes.values() if n.kind is NodeKind.SUPPORT]
    for claim in sorted({s.claim for s in supports if not evidence[s.claim]}):
        ground = _ground_name(claim)
        nodes[ground] = Node(name=ground, kind=NodeKind.GROUND, claim=claim)
        attacks.add((ground, claim))
        attacks.update((s.name, ground) for s in supports if s.claim == claim)
    attackers_of: dict[str, list[str]] = {}
    for source, target in attacks:
        attackers_of.setdefault(target, []).append(source)
    # A support falls with its reason: whatever attacks the premise attacks the inference too.
    for s in supports:
        attacks.update((attacker, s.name) for attacker in attackers_of.get(s.premise or "", ()))
    return CorpusFramework(
        framework=Framework(arguments=tuple(nodes), attacks=attacks),
        nodes=dict(sorted(nodes.items())),
        claim_attacks=len(claim_attacks),
        undercuts=len(undercut_attacks),
    )


# --- analysis ------------------------------------------------------------------------------------

@attrs.frozen(kw_only=True)
class PositionVerdict:
    """A stance weighed by its reasons: it stands while one of them stands, falls when all fall."""

    voice: str
    thesis: str
    position: Position
    status: Label
    reasons: tuple[tuple[str, Label], ...]


@attrs.frozen(kw_only=True)
class Analysis:
    semantics: Semantics
    extensions: tuple[tuple[str, ...], ...]     # claims only, each sorted
    status: Mapping[str, Label]                 # claims; empty when there is no extension
    supports: Mapping[str, Label]               # support links, "premise -> conclusion"
    credulous: tuple[str, ...]                  # claims in at least one extension
    sceptical: tuple[str, ...]                  # claims in every extension
    explanations: Mapping[str, str]             # every claim, while there is an extension
    support_reasons: Mapping[str, str]          # every support link, likewise
    contested: frozenset[str]                   # claims that something attacks
    positions: tuple[PositionVerdict, ...]
    claim_attacks: int
    undercuts: int


def analyze(corpus: Corpus, semantics: Semantics) -> Analysis:
    """Weigh every attack in the corpus under `semantics`."""
    built = corpus_framework(corpus)
    framework, nodes = built.framework, built.nodes
    graph = _Graph(framework)
    found = [frozenset(graph.names[i] for i in e) for e in _search(graph, semantics)]
    found.sort(key=lambda e: sorted(n for n in e if nodes[n].kind is NodeKind.CLAIM))
    claims = [n for n, node in nodes.items() if node.kind is NodeKind.CLAIM]
    links = [n for n, node in nodes.items() if node.kind is NodeKind.SUPPORT]
    labellings = [labelling(framework, e) for e in found]
    # Two extensions may differ only in auxiliary arguments; the claims' view shows them once.
    views = [tuple(sorted(n for n in e if nodes[n].kind is NodeKind.CLAIM)) for e in found]
    projected = _unique_sorted(views)
    numbers = [projected.index(view) for view in views]
    explainer = _Explainer(graph, nodes, labellings, numbers, semantics)
    status = {n: explainer.status(n) for n in claims} if found else {}
    return Analysis(
        semantics=semantics,
        extensions=projected,
        status=status,
        supports={n: explainer.status(n) for n in links} if found else {},
        credulous=tuple(n for n in claims if any(n in e for e in found)),
        sceptical=tuple(n for n in claims if found and all(n in e for e in found)),
        explanations={n: explainer.explain(n) for n in claims} if found else {},
        support_reasons={n: explainer.explain_support(n) for n in links} if found else {},
        contested=frozenset(n for n in claims if graph.attackers[explainer.index[n]]),
        positions=_positions(corpus, status),
        claim_attacks=built.claim_attacks,
        undercuts=built.undercuts,
    )


def _positions(corpus: Corpus, status: Mapping[str, Label]) -> tuple[PositionVerdict, ...]:
    if not status:
        return ()
    verdicts = []
    for m in corpus.maps:
        for stance in sorted(m.stances, key=lambda s: s.thesis):
            reasons = tuple((r, status[r]) for r in (ref(*split_ref(b, m.id)) for b in stance.because)
                            if r in status)
            labels = {label for _, label in reasons}
            overall = (Label.IN if Label.IN in labels
                       else Label.OUT if labels == {Label.OUT} else Label.UNDEC)
            verdicts.append(PositionVerdict(voice=m.id, thesis=stance.thesis,
                                            position=stance.position, status=overall,
                                            reasons=reasons))
    return tuple(verdicts)


def _numbers(indices: Sequence[int]) -> str:
    words = [str(i + 1) for i in indices]
    if len(words) == 1:
        return f"extension {words[0]}"
    return f"extensions {', '.join(words[:-1])} and {words[-1]}"


def _listing(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


class _Explainer:
    """Statuses and readable reasons, from one labelling or from several extensions."""

    def __init__(self, graph: _Graph, nodes: Mapping[str, Node],
                 labellings: list[dict[str, Label]], numbers: list[int],
                 semantics: Semantics) -> None:
        self.graph, self.nodes, self.labellings, self.numbers = graph, nodes, labellings, numbers
        self.semantics = semantics
        self.index = {name: i for i, name in enumerate(graph.names)}
        _, accepted = _grounded(graph)
        # Explanations name the attacker accepted earliest, so chains of reasons are well-founded.
        self.rank = {graph.names[i]: k for k, i in enumerate(accepted)}

    def status(self, name: str) -> Label:
        """One extension: its labelling. Several: in when in all, out when in none (DESIGN.md)."""
        if len(self.labellings) == 1:
            return self.labellings[0][name]
        inside = sum(lab[name] is Label.IN for lab in self.labellings)
        return (Label.IN if inside == len(self.labellings)
                else Label.OUT if inside == 0 else Label.UNDEC)

    def attackers(self, name: str) -> list[str]:
        names = self.graph.names
        return sorted((names[i] for i in self.graph.attackers[self.index[name]]),
                      key=lambda n: (self.nodes[n].kind is not NodeKind.CLAIM,
                                     self.rank.get(n, len(names)), n))

    def explain(self, name: str) -> str:
        if len(self.labellings) == 1:
            return self._from_labelling(name, self.labellings[0])
        return self._from_extensions(name)

    def explain_support(self, name: str) -> str:
        if len(self.labellings) > 1:
            return self._from_extensions(name)
        lab = self.labellings[0]
        if lab[name] is Label.UNDEC:
            return "undecided: " + self._open(name, lab)
        return self._support_failure(self.nodes[name], lab)

    # One labelling ------------------------------------------------------------------------------

    def _from_labelling(self, name: str, lab: Mapping[str, Label]) -> str:
        label = lab[name]
        if label is Label.IN:
            attackers = self.attackers(name)
            if not attackers:
                return "in: nothing attacks it"
            return "in: " + self._all_out(attackers, lab)
        if label is Label.OUT:
            return "out because " + self._defeat(name, lab)
        return "undecided: " + self._open(name, lab)

    def _defeat(self, name: str, lab: Mapping[str, Label]) -> str:
        winner = next(a for a in self.attackers(name) if lab[a] is Label.IN)
        node = self.nodes[winner]
        if node.kind is NodeKind.GROUND:
            failures = [self._support_failure(s, lab) for s in self._supports_into(name)]
            return ("it offers no evidence of its own and none of its supports holds ("
                    + "; ".join(failures) + ")")
        against = self.attackers(winner)
        if not against:
            return f"{winner} attacks it, and nothing attacks {winner}"
        return (f"{winner} attacks it, and {winner} is not attacked by anything accepted ("
                + self._all_out(against, lab) + ")")

    def _all_out(self, attackers: list[str], lab: Mapping[str, Label]) -> str:
        """Why every one of these (all out) is out, briefly."""
        parts = []
        claims = [a for a in attackers if self.nodes[a].kind is NodeKind.CLAIM]
        if claims:
            beaten = []
            for a in claims:
                by = next((b for b in self.attackers(a) if lab[b] is Label.IN), None)
                by_node = self.nodes[by] if by else None
                beaten.append(a if by_node is None
                              else f"{a}, which lacks a standing ground" if by_node.kind is NodeKind.GROUND
                              else f"{a}, attacked by {by}")
            verb = "its attacker is out:" if len(claims) == 1 else "its attackers are out:"
            parts.append(f"{verb} {'; '.join(beaten)}")
        for a in attackers:
            if self.nodes[a].kind is NodeKind.GROUND:
                holding = [s.premise for s in self._supports_into(self.nodes[a].claim)
                           if lab[s.name] is Label.IN]
                parts.append(f"it offers no evidence of its own, but its support from "
                             f"{_listing([p for p in holding if p])} holds")
        return "; ".join(parts)

    def _supports_into(self, claim: str) -> list[Node]:
        ground = self.index[_ground_name(claim)]
        return [self.nodes[self.graph.names[i]] for i in sorted(self.graph.attackers[ground])]

    def _support_failure(self, support: Node, lab: Mapping[str, Label]) -> str:
        label = lab[support.name]
        if label is Label.UNDEC:
            return f"the support from {support.premise} is undecided"
        if label is Label.IN:
            return f"the support from {support.premise} holds"
        winner = next(a for a in self.attackers(support.name) if lab[a] is Label.IN)
        node = self.nodes[winner]
        if node.kind is NodeKind.GROUND:
            return f"its reason {support.premise} lacks a standing ground"
        undercutters = self._undercutters(support)
        if winner in undercutters:
            return f"the support from {support.premise} is undercut by {winner}, which stands"
        return f"its reason {support.premise} is attacked by {winner}, which stands"

    def _undercutters(self, support: Node) -> set[str]:
        premise_attackers = set(self.graph.names[i]
                                for i in self.graph.attackers[self.index[support.premise or ""]])
        return {a for a in self.attackers(support.name) if a not in premise_attackers}

    def _open(self, name: str, lab: Mapping[str, Label]) -> str:
        cycle = self._cycle(name, lab)
        if cycle:
            if len(cycle) == 1:
                return "it attacks itself"
            path = " → ".join(self._display(n) for n in cycle + [name])
            return f"it is caught in a cycle of attacks that nothing accepted breaks: {path}"
        undecided = [a for a in self.attackers(name) if lab[a] is Label.UNDEC]
        which = self._display(undecided[0]) if undecided else "an attacker"
        return f"{which} attacks it and is itself undecided, and nothing accepted attacks it"

    def _cycle(self, name: str, lab: Mapping[str, Label]) -> list[str]:
        """The shortest cycle of undecided arguments through `name`, in the direction of attack."""
        start = self.index[name]
        names = self.graph.names
        parent: dict[int, int] = {}
        queue = deque([start])
        while queue:
            node = queue.popleft()
            for attacker in self.graph.attackers[node]:
                if lab[names[attacker]] is not Label.UNDEC:
                    continue
                if attacker == start:
                    chain = [names[start]]
                    while node != start:
                        chain.append(names[node])
                        node = parent[node]
                    return chain     # name, what it attacks, ..., what attacks name
                if attacker not in parent:
                    parent[attacker] = node
                    queue.append(attacker)
        return []

    def _display(self, name: str) -> str:
        node = self.nodes[name]
        if node.kind is NodeKind.SUPPORT:
            return f"[support {node.premise} -> {node.claim}]"
        if node.kind is NodeKind.GROUND:
            return f"[{node.claim} lacks evidence]"
        return name

    # Several extensions -------------------------------------------------------------------------

    def _from_extensions(self, name: str) -> str:
        total = len(set(self.numbers))
        semantics = self.semantics.value
        groups: dict[str, list[int]] = {}
        for number, lab in sorted(zip(self.numbers, self.labellings), key=lambda pair: pair[0]):
            numbers = groups.setdefault(self._verdict_in(name, lab), [])
            if number not in numbers:
                numbers.append(number)
        label = self.status(name)
        if label is Label.IN:
            if not self.attackers(name):
                return "in: nothing attacks it"
            return f"in: every {semantics} extension accepts it; its attackers are out in each"
        reasons = "; ".join(f"{verdict} in {_numbers(indices)}"
                            for verdict, indices in groups.items() if verdict != "accepted")
        if label is Label.OUT:
            return f"out: none of the {total} {semantics} extensions accepts it ({reasons})"
        return f"undecided: accepted in {_numbers(groups['accepted'])}, but {reasons}"

    def _verdict_in(self, name: str, lab: Mapping[str, Label]) -> str:
        label = lab[name]
        if label is Label.IN:
            return "accepted"
        if label is Label.UNDEC:
            return "left undecided"
        winner = next(a for a in self.attackers(name) if lab[a] is Label.IN)
        if self.nodes[winner].kind is NodeKind.GROUND:
            return "rejected for want of a standing support"
        return f"attacked by {winner}"
