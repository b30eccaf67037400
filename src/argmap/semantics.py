"""Argumentation frameworks (Dung 1995) built from a corpus, and their extensions.

Two layers. The first is Dung's abstract framework — arguments and an attack relation — with the
grounded, complete, preferred and stable semantics; it knows nothing about maps. The grounded
extension is the standard queue-based labelling, linear in arguments + attacks. The other three
are found by a backtracking search over sets held as bitmasks (`_Sets`), which starts from what
the grounded labelling leaves undecided, always branches on the most constrained demand, and
grows preferred extensions to maximality one at a time, so it never lists every complete
extension on the way to the preferred ones.

The second layer turns a corpus into a framework (docs/analyze.md explains every choice): each
claim is an argument; `attacks` are attacks; each support link is an argument of its own, which
an undercut attacks and which falls with its reason; a claim that has no evidence of its own is
attacked by a stand-in for that missing ground, which any standing support defeats. `analyze`
computes the extensions, each claim's status and a sentence a student can read about why.
"""

from __future__ import annotations

import enum
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

import attrs

from argmap.graph import graph, resolve
from argmap.model import Basis, Corpus, Position, ref

__all__ = [
    "Analysis", "CorpusFramework", "Decider", "Framework", "Label", "Node", "NodeKind",
    "PositionVerdict", "SupportLink", "Verdict",
    "Semantics", "analyze", "corpus_framework", "extensions", "grounded_labelling", "labelling",
    "support_name",
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


def _unique_pairs(pairs: Iterable[Iterable[str]]) -> tuple:
    return _unique_sorted(tuple(p) for p in pairs)


@attrs.frozen(kw_only=True)
class Framework:
    """Arguments and who attacks whom; kept sorted and without duplicates."""

    arguments: tuple[str, ...] = attrs.field(converter=_unique_sorted)
    attacks: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_unique_pairs)

    def __attrs_post_init__(self) -> None:
        known = set(self.arguments)
        strays = sorted({a for pair in self.attacks for a in pair if a not in known})
        if strays:
            raise ValueError(f"attacks name unknown arguments: {', '.join(strays)}")


class _Graph:
    """A framework as integer adjacency lists, built once per computation."""

    __slots__ = ("attackers", "names", "targets")

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
    return {name: _LABELS[value] for name, value in zip(graph.names, label, strict=True)}


_LABELS = {_IN: Label.IN, _OUT: Label.OUT, _UNDEC: Label.UNDEC}


# --- complete, preferred, stable: a search over sets held as bitmasks -----------------------------

def _members(mask: int) -> Iterator[int]:
    while mask:
        low = mask & -mask
        yield low.bit_length() - 1
        mask ^= low


_Node = tuple[int, int, int, int]       # members, attacked by them, attacking them, free


class _Sets:
    """Backtracking search for admissible, complete and stable sets, with arguments as bits.

    A node (`_Node`) is a conflict-free set S, the arguments it attacks (T) and that attack it
    (A), and `free`: what may still join (not in S, no conflict with it, not excluded). Every
    open demand is a choice "one of these must join": an attacker of S that S does not yet attack
    needs one of its own attackers; for stable sets, an argument neither in S nor attacked by it
    needs itself or an attacker; a caller may add more ("not a subset of P"). The search branches
    on the demand
    with the fewest free options (failing first), and a branch that fails excludes its option from
    the branches after it, so no set is visited twice. Python's big integers make each step a
    handful of word operations.

    Bits number the arguments of one strongly connected component, less those its upstream
    already defeats (see `_search`); only the `eligible` ones, whose attackers upstream are all
    out, may join.
    """

    def __init__(self, graph: _Graph, arguments: list[int], eligible: set[int]) -> None:
        self.arguments = arguments
        bit = {argument: k for k, argument in enumerate(arguments)}
        self.attackers = [sum(1 << bit[a] for a in graph.attackers[i] if a in bit)
                          for i in self.arguments]
        self.targets = [sum(1 << bit[t] for t in graph.targets[i] if t in bit)
                        for i in self.arguments]
        self.everything = (1 << len(self.arguments)) - 1
        looping = sum(1 << k for k, mask in enumerate(self.attackers) if mask >> k & 1)
        self.eligible = sum(1 << bit[a] for a in eligible) & ~looping
        self.start = self._node(0, self.eligible)

    def _node(self, members: int, free: int) -> _Node:
        attacked = attacking = 0
        for x in _members(members):
            attacked |= self.targets[x]
            attacking |= self.attackers[x]
        return members, attacked, attacking, free & ~members & ~attacked & ~attacking

    def _children(self, node: _Node, options: int) -> list[_Node]:
        """One child per option, the i-th excluding the options before it; in search order."""
        members, attacked, attacking, free = node
        undefended = attacking & ~attacked
        targets, attackers = self.targets, self.attackers
        order = sorted(_members(options), key=lambda z: (-(targets[z] & undefended).bit_count(), z))
        children = []
        for z in order:
            bit = 1 << z
            children.append((members | bit, attacked | targets[z], attacking | attackers[z],
                             free & ~bit & ~targets[z] & ~attackers[z]))
            free &= ~bit
        children.reverse()      # popped from the end of a stack: the first option first
        return children

    def _demand(self, node: _Node, extra: Sequence[int], stable: bool) -> int | None:
        """The free options of the tightest open demand (0: one cannot be met); None: none open."""
        members, attacked, attacking, free = node
        attackers = self.attackers
        best: int | None = None
        fewest = 1 << 62
        for y in _members(attacking & ~attacked):
            options = attackers[y] & free
            count = options.bit_count()
            if count < fewest:
                if not count:
                    return 0
                best, fewest = options, count
        if stable:
            for x in _members(self.everything & ~members & ~attacked):
                options = (attackers[x] | 1 << x) & free
                count = options.bit_count()
                if count < fewest:
                    if not count:
                        return 0
                    best, fewest = options, count
        for wanted in extra:
            if not wanted & members:
                options = wanted & free
                count = options.bit_count()
                if count < fewest:
                    if not count:
                        return 0
                    best, fewest = options, count
        return best

    def admissible(self, node: _Node, extra: Sequence[int] = ()) -> int | None:
        """Some admissible set containing the node's, meeting every `extra` demand; or None."""
        stack = [node]
        while stack:
            node = stack.pop()
            options = self._demand(node, extra, stable=False)
            if options is None:
                return node[0]
            if options:
                stack += self._children(node, options)
        return None

    def preferred(self) -> list[int]:
        """Grow an admissible set until nothing admissible contains it; then look for one that is
        not inside any found so far (the scheme of the PrefSAT/ArgSemSAT solvers)."""
        found: list[int] = []
        chosen: int | None = 0          # the grounded extension: admissible, inside every one
        while chosen is not None:
            while (bigger := self.admissible(self._node(chosen, self.start[3]),
                                             [~chosen & self.everything])) is not None:
                chosen = bigger
            found.append(chosen)
            if not chosen:
                break                   # nothing admissible beyond the grounded extension
            chosen = self.admissible(self.start, [~p & self.everything for p in found])
        return found

    def stable(self) -> Iterator[int]:
        stack = [self.start]
        while stack:
            node = stack.pop()
            options = self._demand(node, (), stable=True)
            if options is None:
                yield node[0]
            elif options:
                stack += self._children(node, options)

    def complete(self) -> Iterator[int]:
        """Each admissible set found is closed under what it defends (Dung's fundamental lemma
        says that stays admissible); its children each add one more free argument."""
        attackers, eligible = self.attackers, self.eligible
        stack = [self.start]
        while stack:
            node = stack.pop()
            options = self._demand(node, (), stable=False)
            if options is not None:
                if options:
                    stack += self._children(node, options)
                continue
            members, attacked, attacking, free = node
            while True:
                defended = sum(1 << x for x in _members(eligible & ~members)
                               if not attackers[x] & ~attacked)
                if not defended or defended & ~free:
                    break
                members, attacked, attacking, free = self._node(members | defended, free)
            if defended:
                continue        # it must take an argument this branch has excluded
            yield members
            node = (members, attacked, attacking, free)
            stack += self._children(node, free)


def _components(graph: _Graph, label: list[int]) -> list[list[int]]:
    """Strongly connected components of the undecided arguments, upstream ones first (Tarjan)."""
    successors = {x: [t for t in graph.targets[x] if label[t] == _UNDEC]
                  for x, value in enumerate(label) if value == _UNDEC}
    order: dict[int, int] = {}
    low: dict[int, int] = {}
    stack: list[int] = []
    on_stack: set[int] = set()
    found: list[list[int]] = []
    for root in successors:
        if root in order:
            continue
        work = [(root, 0)]
        while work:
            x, i = work.pop()
            if i == 0:
                order[x] = low[x] = len(order)
                stack.append(x)
                on_stack.add(x)
            for k in range(i, len(successors[x])):
                y = successors[x][k]
                if y not in order:
                    work += [(x, k + 1), (y, 0)]
                    break
                if y in on_stack:
                    low[x] = min(low[x], order[y])
            else:
                if low[x] == order[x]:
                    component: list[int] = []
                    while not component or component[-1] != x:
                        component.append(stack.pop())
                        on_stack.discard(component[-1])
                    found.append(sorted(component))
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[x])
    found.reverse()
    return found


def _search(graph: _Graph, semantics: Semantics) -> list[frozenset[int]]:
    """Extensions, one strongly connected component at a time (Baroni, Giacomin & Guida 2005).

    All four semantics are SCC-recursive: given the labels upstream, a component's part of an
    extension is an extension of the component itself, less what an accepted attacker upstream
    already defeats, where only arguments with every upstream attacker out may be accepted. So
    components are labelled in topological order, searching (`_Sets`) only where a component
    has a cycle, and branching only where one has several answers: ten independent
    disagreements cost ten small searches, not a search through their 2^10 combinations.
    """
    label, _ = _grounded(graph)
    grounded = [i for i, value in enumerate(label) if value == _IN]
    if semantics is Semantics.GROUNDED:
        return [frozenset(grounded)]
    components = _components(graph, label)
    state = list(label)                 # upstream labels are final when a component is reached
    answers: dict[tuple, list[tuple[int, ...]]] = {}

    def choices(position: int) -> list[tuple[int, ...]]:
        """Each way of labelling the component, as labels in the order of its arguments."""
        component = components[position]
        inside = set(component)
        defeated: set[int] = set()
        blocked: set[int] = set()
        for x in component:
            for a in graph.attackers[x]:
                if a not in inside and state[a] != _OUT:
                    (defeated if state[a] == _IN else blocked).add(x)
        key = (position, frozenset(defeated), frozenset(blocked - defeated))
        if key not in answers:
            rest = [x for x in component if x not in defeated]
            sets = _Sets(graph, rest, {x for x in rest if x not in blocked})
            found = (sets.preferred() if semantics is Semantics.PREFERRED
                     else sets.stable() if semantics is Semantics.STABLE else sets.complete())
            labellings = []
            for mask in found:
                accepted = {rest[k] for k in _members(mask)}
                labellings.append(tuple(
                    _IN if x in accepted
                    else _OUT if x in defeated or any(a in accepted for a in graph.attackers[x])
                    else _UNDEC for x in component))
            answers[key] = labellings
        return answers[key]

    def label_component(position: int, labels: tuple[int, ...]) -> None:
        for x, value in zip(components[position], labels, strict=True):
            state[x] = value

    found: list[frozenset[int]] = []
    branches: list[tuple[int, list[tuple[int, ...]], int]] = []   # component, its answers, next
    position = 0
    while True:
        while position < len(components) and (options := choices(position)):
            if len(options) > 1:
                branches.append((position, options, 1))
            label_component(position, options[0])
            position += 1
        if position == len(components):
            found.append(frozenset(grounded + [x for c in components for x in c
                                               if state[x] == _IN]))
        while branches and branches[-1][2] == len(branches[-1][1]):
            branches.pop()
        if not branches:
            return found
        position, options, following = branches.pop()
        branches.append((position, options, following + 1))
        label_component(position, options[following])
        position += 1


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


# Whose an attack is: the voice's own reasoning, a reply in one text to another, or the mapper's
# contrast (docs/analyze.md). Derived attacks (on a stand-in ground, on an inference through its
# premise) take the basis of the attack they come from; a stand-in's are "ground".
OWN, REPLY, CONTRAST, GROUND = "own", Basis.REPLY.value, Basis.CONTRAST.value, "ground"


@attrs.frozen(kw_only=True)
class CorpusFramework:
    framework: Framework
    nodes: Mapping[str, Node]
    claim_attacks: int
    undercuts: int
    bases: Mapping[tuple[str, str], str] = attrs.field(factory=dict)   # every attack's basis
    contrasts: int = 0                                                  # contrast relations weighed


def support_name(premise: str, conclusion: str) -> str:
    return f"{premise} -> {conclusion}"


@attrs.frozen
class SupportLink:
    """A support link, `premise` (a claim) for `conclusion` (a claim), both `map/claim`: the key
    of a link's status, so that readers need not split its name apart. `str()` is its name."""

    premise: str
    conclusion: str

    def __str__(self) -> str:
        return support_name(self.premise, self.conclusion)


def _ground_name(claim: str) -> str:
    return f"{claim} (no evidence)"


def _basis_of(entry_basis: Basis | None) -> str:
    return entry_basis.value if entry_basis is not None else OWN


def corpus_framework(corpus: Corpus, *, contrasts: bool = True) -> CorpusFramework:
    """Claims, support links and missing grounds as arguments; see docs/analyze.md.

    A contrast is the mapper's juxtaposition, not one text answering another, so it is weighed
    as a symmetric conflict: each side attacks the other, and the direction typed decides
    nothing. With `contrasts=False` every contrast (attack, undercut or support) is left out:
    what the authors' own words alone give.
    """
    nodes: dict[str, Node] = {}
    bases: dict[tuple[str, str], str] = {}
    claim_attacks: set[tuple[str, str]] = set()
    undercut_attacks: set[tuple[str, str]] = set()
    weighed = 0

    def attack(pair: tuple[str, str], basis: str) -> None:
        # a reply or the voice's own attack keeps its basis over a contrast the other way
        if bases.get(pair) in (None, CONTRAST):
            bases[pair] = basis

    for resolved in resolve(corpus):
        here = resolved.ref
        nodes[here] = Node(name=here, kind=NodeKind.CLAIM, claim=here)
        for conclusion, support in resolved.supports:
            if support.basis is Basis.CONTRAST and not contrasts:
                continue
            weighed += support.basis is Basis.CONTRAST
            name = support_name(here, conclusion)
            nodes[name] = Node(name=name, kind=NodeKind.SUPPORT, claim=conclusion, premise=here)
        for target, a in resolved.attacks:
            if a.basis is Basis.CONTRAST and not contrasts:
                continue
            weighed += a.basis is Basis.CONTRAST
            pair = (here, target)
            claim_attacks.add(pair)
            attack(pair, _basis_of(a.basis))
            if a.basis is Basis.CONTRAST:
                attack((pair[1], pair[0]), CONTRAST)
        for link in resolved.undercuts:
            u = link.undercut
            if u.basis is Basis.CONTRAST and not contrasts:
                continue
            weighed += u.basis is Basis.CONTRAST
            pair = (here, support_name(link.premise, link.conclusion))
            undercut_attacks.add(pair)
            attack(pair, _basis_of(u.basis))
            if u.basis is Basis.CONTRAST:
                attack((pair[1], pair[0]), CONTRAST)
    evidence = {ref(m.id, c.id): bool(c.evidence) for m, c in corpus.claims()}
    bases = {pair: basis for pair, basis in bases.items() if pair[0] in nodes and pair[1] in nodes}
    attacks = set(bases)
    supports = [n for n in nodes.values() if n.kind is NodeKind.SUPPORT]
    for claim in sorted({s.claim for s in supports if not evidence[s.claim]}):
        ground = _ground_name(claim)
        nodes[ground] = Node(name=ground, kind=NodeKind.GROUND, claim=claim)
        attacks.add((ground, claim))
        bases[(ground, claim)] = GROUND
        for s in supports:
            if s.claim == claim:
                attacks.add((s.name, ground))
                bases[(s.name, ground)] = GROUND
    attackers_of: dict[str, list[str]] = {}
    for source, target in attacks:
        attackers_of.setdefault(target, []).append(source)
    # A support falls with its reason: whatever attacks the premise attacks the inference too.
    for s in supports:
        for attacker in attackers_of.get(s.premise or "", ()):
            attacks.add((attacker, s.name))
            bases.setdefault((attacker, s.name), bases[(attacker, s.premise or "")])
    return CorpusFramework(
        framework=Framework(arguments=tuple(nodes), attacks=attacks),
        nodes=dict(sorted(nodes.items())),
        claim_attacks=len(claim_attacks),
        undercuts=len(undercut_attacks),
        bases=bases,
        contrasts=weighed,
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
class Decider:
    """One attack that decides a verdict: who makes it, on what basis, and how that attacker fares."""

    attacker: str         # a claim `map/claim`, or a support link `premise -> conclusion`
    basis: str            # own | reply | contrast | ground
    status: Label


class Verdict(str, enum.Enum):
    """What a claim's status means, in words that cannot be read as "refuted by the author"."""

    STANDS = "stands"
    CONTESTED = "contested"
    DEFEATED_BY_REPLY = "defeated by a reply"
    DEFEATED_WITHIN_VOICE = "defeated within its own voice"
    DEFEATED_IN_CONTRAST = "outweighed in a contrast"
    UNSUPPORTED = "without a standing support"


@attrs.frozen(kw_only=True)
class Analysis:
    semantics: Semantics
    extensions: tuple[tuple[str, ...], ...]     # claims only, each sorted
    status: Mapping[str, Label]                 # claims; empty when there is no extension
    supports: Mapping[SupportLink, Label]       # support links
    credulous: tuple[str, ...]                  # claims in at least one extension
    sceptical: tuple[str, ...]                  # claims in every extension
    explanations: Mapping[str, str]             # every claim, while there is an extension
    support_reasons: Mapping[SupportLink, str]  # every support link, likewise
    contested: frozenset[str]                   # claims that something attacks
    positions: tuple[PositionVerdict, ...]
    claim_attacks: int
    undercuts: int
    contrasts_weighed: bool = True
    contrasts: int = 0                          # contrast relations weighed
    verdicts: Mapping[str, Verdict] = attrs.field(factory=dict)
    deciders: Mapping[str, tuple[Decider, ...]] = attrs.field(factory=dict)
    # claims whose status differs when contrasts are left out (None: not computed)
    depends_on_contrasts: tuple[str, ...] | None = None


def analyze(corpus: Corpus, semantics: Semantics, *, contrasts: bool = True) -> Analysis:
    """Weigh every attack in the corpus under `semantics`; with contrasts, also say which
    verdicts would change without them (the authors' own words alone)."""
    result = _analyze(corpus, semantics, contrasts=contrasts)
    if not contrasts or not result.contrasts:
        return attrs.evolve(result, depends_on_contrasts=() if contrasts else None)
    alone = _analyze(corpus, semantics, contrasts=False).status
    changed = tuple(n for n, label in result.status.items() if alone.get(n) is not label)
    return attrs.evolve(result, depends_on_contrasts=changed)


def _deciders(name: str, label: Label, explainer: _Explainer, status_of: Callable[[str], Label],
              bases: Mapping[tuple[str, str], str]) -> tuple[Decider, ...]:
    """The attacks that decide a status: the standing ones on a defeated claim, the open ones
    on a contested claim, every one (each beaten) on a claim that stands although attacked."""
    found = []
    for attacker in explainer.attackers(name):
        attacker_label = status_of(attacker)
        wanted = (label is Label.IN or (label is Label.OUT and attacker_label is Label.IN)
                  or (label is Label.UNDEC and attacker_label is not Label.OUT))
        if wanted:
            found.append(Decider(attacker=attacker, basis=bases.get((attacker, name), OWN),
                                 status=attacker_label))
    return tuple(found)


def _verdict(label: Label, deciders: Sequence[Decider]) -> Verdict:
    if label is Label.IN:
        return Verdict.STANDS
    if label is Label.UNDEC:
        return Verdict.CONTESTED
    bases = {d.basis for d in deciders}
    for basis, verdict in ((REPLY, Verdict.DEFEATED_BY_REPLY), (OWN, Verdict.DEFEATED_WITHIN_VOICE),
                           (CONTRAST, Verdict.DEFEATED_IN_CONTRAST)):
        if basis in bases:
            return verdict
    return Verdict.UNSUPPORTED


def _analyze(corpus: Corpus, semantics: Semantics, *, contrasts: bool) -> Analysis:
    built = corpus_framework(corpus, contrasts=contrasts)
    framework, nodes = built.framework, built.nodes
    graph = _Graph(framework)
    found = [frozenset(graph.names[i] for i in e) for e in _search(graph, semantics)]
    found.sort(key=lambda e: sorted(n for n in e if nodes[n].kind is NodeKind.CLAIM))
    claims = [n for n, node in nodes.items() if node.kind is NodeKind.CLAIM]
    links = {n: SupportLink(node.premise, node.claim) for n, node in nodes.items()
             if node.kind is NodeKind.SUPPORT and node.premise is not None}
    labellings = [labelling(framework, e) for e in found]
    # Two extensions may differ only in auxiliary arguments; the claims' view shows them once.
    views = [tuple(sorted(n for n in e if nodes[n].kind is NodeKind.CLAIM)) for e in found]
    projected = _unique_sorted(views)
    numbers = [projected.index(view) for view in views]
    explainer = _Explainer(graph, nodes, labellings, numbers, semantics, built.bases)
    status = {n: explainer.status(n) for n in claims} if found else {}
    deciders = {n: _deciders(n, status[n], explainer, explainer.status, built.bases)
                for n in claims} if found else {}
    return Analysis(
        semantics=semantics,
        extensions=projected,
        status=status,
        supports={link: explainer.status(n) for n, link in links.items()} if found else {},
        credulous=tuple(n for n in claims if any(n in e for e in found)),
        sceptical=tuple(n for n in claims if found and all(n in e for e in found)),
        explanations={n: explainer.explain(n) for n in claims} if found else {},
        support_reasons={link: explainer.explain_support(n) for n, link in links.items()}
        if found else {},
        contested=frozenset(n for n in claims if graph.attackers[explainer.index[n]]),
        positions=_positions(corpus, status),
        claim_attacks=built.claim_attacks,
        undercuts=built.undercuts,
        contrasts_weighed=contrasts,
        contrasts=built.contrasts,
        verdicts={n: _verdict(status[n], deciders[n]) for n in claims} if found else {},
        deciders=deciders,
    )


def _positions(corpus: Corpus, status: Mapping[str, Label]) -> tuple[PositionVerdict, ...]:
    if not status:
        return ()
    verdicts = []
    resolved = graph(corpus)
    for m in corpus.maps:
        for stance in sorted(m.stances, key=lambda s: s.thesis):
            reasons = tuple((r, status[r]) for r in resolved.because(m, stance))
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
                 semantics: Semantics, bases: Mapping[tuple[str, str], str] | None = None) -> None:
        self.graph, self.nodes, self.labellings, self.numbers = graph, nodes, labellings, numbers
        self.semantics = semantics
        self.bases = bases or {}
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
        how = self._how(winner, name)
        if not against:
            return f"{winner} {how}, and nothing attacks {winner}"
        return (f"{winner} {how}, and {winner} is not attacked by anything accepted ("
                + self._all_out(against, lab) + ")")

    def _how(self, attacker: str, name: str) -> str:
        """An attack in words that say whose it is."""
        basis = self.bases.get((attacker, name), OWN)
        if basis == CONTRAST:
            return "is set against it by the mapper (a contrast)"
        if basis == REPLY:
            return "answers it (a reply)"
        return "attacks it"

    def _all_out(self, attackers: list[str], lab: Mapping[str, Label]) -> str:
        """Why every one of these (all out) is out, briefly."""
        parts = []
        claims = [a for a in attackers if self.nodes[a].kind is NodeKind.CLAIM]
        if claims:
            beaten = []
            for a in claims:
                by = next((b for b in self.attackers(a) if lab[b] is Label.IN), None)
                by_node = self.nodes[by] if by else None
                if by_node is None:
                    beaten.append(a)
                elif by_node.kind is NodeKind.GROUND:
                    beaten.append(f"{a}, which lacks a standing ground")
                else:
                    beaten.append(f"{a}, attacked by {by}")
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
        premise_attackers = {self.graph.names[i]
                             for i in self.graph.attackers[self.index[support.premise or ""]]}
        return {a for a in self.attackers(support.name) if a not in premise_attackers}

    def _open(self, name: str, lab: Mapping[str, Label]) -> str:
        cycle = self._cycle(name, lab)
        if cycle:
            if len(cycle) == 1:
                return "it attacks itself"
            if len(cycle) == 2 and self.bases.get((cycle[1], name)) == CONTRAST:
                return (f"the mapper sets {self._display(cycle[1])} against it (a contrast: "
                        "neither text answers the other), and nothing accepted settles it")
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
        for number, lab in sorted(zip(self.numbers, self.labellings, strict=True), key=lambda pair: pair[0]):
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
