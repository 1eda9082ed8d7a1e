"""Rules that turn lexicon hits into actors (used by ``ladder.actors``).

Why separate: ``actors.py`` owns matching and the public API; this module holds the
small, testable decisions — which hits to ignore (a country inside "Bank of
England", "Russian-backed", a football score line), which neighbouring hits form
one mention ("Russian" + "forces"), how coordinated members share words
("Russian and Chinese troops") and which leader row a date selects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date as _Date

from spacy.tokens import Doc, Span

from ladder.actor_names import another_bearer, follower, sentence_of, sports_line, us_state
from ladder.event_syntax import word_list
from ladder.lexicon import GEO_KINDS, Entry, make_code
from ladder.types import Actor

_KIND_ORDER = ("non_actor", "leader", "group", "org", "country", "demonym", "capital", "place",
               "ethnic", "agent")
_HEADS = ("agent", "leader", "org", "group", "ethnic")
_COORD = {"and", "or", "&", ",", ";", "/", "plus", "nor", "but", "versus", "vs", "vs."}
_BREAK = _COORD | {
    "to", "against", "with", "from", "at", "near", "on", "into", "over", "toward", "towards",
    "for", "by", "between", "after", "before", "during", "than", "as", "said", "says", "told",
    "that", "who", "which", "while", "when", "if", "not", "is", "are", "was", "were", "has",
    "have", "had", "will", "would", "could", "should", "may", "might", "be", "been", "within",
}
_JOIN_WORDS = {"'s", "’s", "'", "’", "of", "the", "a", "an", "-", "in", "led"}
_MODIFIERS = {
    "top", "senior", "former", "ex", "acting", "interim", "new", "local", "regional", "federal",
    "national", "state", "provincial", "foreign", "defence", "defense", "interior", "chief",
    "deputy", "vice", "high", "supreme", "armed", "security", "special", "elite", "military",
    "government", "pro-government", "opposition", "islamist", "militant", "rebel", "allied",
    "coalition", "main", "two", "three", "several", "many", "some", "unnamed", "anonymous",
    "hardline", "moderate", "radical", "ruling", "exiled", "jailed", "veteran", "prominent",
}
_ALLOWED_POS = {"ADJ", "DET", "PROPN", "NOUN", "NUM", "PART", "PUNCT", "ADP", "X"}
_HYPHEN_MODS = {
    "backed", "sponsored", "supported", "allied", "funded", "brokered", "based", "born",
    "made", "owned", "controlled", "held", "occupied", "annexed", "aligned", "friendly",
    "leaning", "run", "trained", "armed", "built", "bound", "speaking", "linked", "affiliated",
    "inspired", "influenced", "connected", "style",
}
#: hyphen modifiers after which a named group is only the sponsor ("Hezbollah-backed militia")
_GROUP_HYPHEN_MODS = _HYPHEN_MODS - {"based", "born", "led", "run", "speaking"}
_NER_BLOCK = {"ORG", "FAC", "PRODUCT", "EVENT", "WORK_OF_ART", "LAW", "PERSON"}
_FORMER = {"former", "ex", "ex-", "one-time", "onetime", "erstwhile", "ousted", "deposed", "late"}


@dataclass
class Hit:
    """A lexicon match over tokens ``start:end`` with the entries it may stand for."""

    start: int
    end: int
    entries: list[Entry]
    inherited: bool = False  # borrowed from a coordinated neighbour ("Russian [and Chinese troops]")
    kind: str = ""

    def __post_init__(self) -> None:
        kinds = {e.kind for e in self.entries}
        self.kind = next(k for k in _KIND_ORDER if k in kinds)

    def first(self, kind: str | None = None) -> Entry:
        kind = kind or self.kind
        return next(e for e in self.entries if e.kind == kind)


#: words that place a name within a country rather than make a new name of it
_DIRECTIONS = frozenset({"northern", "southern", "eastern", "western", "central", "north", "south", "east",
                         "west", "northeastern", "northwestern", "southeastern", "southwestern", "upper", "lower"})


def _loose_entity(ent: Span, hit: Hit, named: set[int]) -> bool:
    """An ORG/FAC entity the small model stretched over a place: "Northern Burkina Faso",
    "Baghdad Shi'ite districts" -- every other word a direction, another lexicon name or a
    region noun (``lexicons/region_nouns.tsv``).  "Bank of England", "New York Times",
    "Safi peace committee", "Jordan Peterson" stay names."""
    if ent.label_ == "PERSON":
        return False
    regions = word_list("region_nouns.tsv")
    return all(hit.start <= t.i < hit.end or t.lower_ in _DIRECTIONS or t.i in named
               or (t.text[:1].islower() and t.lower_ in regions) for t in ent)


def filter_hits(doc: Doc, hits: list[Hit]) -> list[Hit]:
    """Drop blockers and geographic hits that are not actors in context."""
    tok2ent: dict[int, Span] = {}
    if doc.has_annotation("ENT_IOB"):
        for ent in doc.ents:
            if any(t.text in ("-", "–", "—") and t.i > ent.start and doc[t.i - 1].whitespace_ for t in ent):
                continue  # "Kharkiv - Ukrainian officials": a spaced dash ends a name
            for i in range(ent.start, ent.end):
                tok2ent[i] = ent
    agent_at = {i for h in hits if h.kind == "agent" for i in range(h.start, h.end)}
    out: list[Hit] = []
    skip: set[int] = set()
    sports: dict[tuple[int, int], bool] = {}
    taken = {i for h in hits for i in range(h.start, h.end)}
    for n, h in enumerate(hits):
        if n in skip or h.kind == "non_actor":
            continue
        if h.kind == "leader" and another_bearer(doc, h.start, h.end, taken):
            continue  # "Hunter Biden", "Xiomara Castro": someone else with the leader's surname
        if h.kind in ("group", "org"):
            nxt = doc[h.end : h.end + 2]
            if len(nxt) == 2 and nxt[0].text in ("-", "–") and nxt[1].lower_ in _GROUP_HYPHEN_MODS:
                continue  # "an al-Qaeda-linked group", "a Hezbollah-backed militia": not the group itself
        big = tok2ent.get(h.start)
        if h.kind == "ethnic" and big is not None and big.label_ == "PERSON" and big.end - big.start > h.end - h.start:
            continue  # "Christian Lindner"
        if h.kind == "group" and h.end - h.start == 1 and big is not None and big.label_ == "PERSON" \
                and h.end < big.end and doc[h.end].pos_ == "PROPN" and not taken & set(range(h.end, big.end)):
            continue  # "Amal Clooney" (not "Hamas leader Ismail Haniyeh", "Hurras al-Dien Organization")
        if h.kind in GEO_KINDS:
            if big is not None and big.label_ in _NER_BLOCK and (big.end - big.start) > (h.end - h.start) \
                    and not _loose_entity(big, h, taken - agent_at):
                if big.label_ == "PERSON" or not any(i in agent_at for i in range(h.end, big.end)):
                    continue  # "Bank of England", "Jordan Peterson"
            prev = doc[max(0, h.start - 2) : h.start]
            if len(prev) and prev[-1].lower_ == "ethnic" and h.kind == "demonym":
                out.append(_minority(h))  # "ethnic Albanians": kin of Albania living elsewhere
                continue
            if prev.text.lower().replace(" ", "") in ("anti-", "pro-") or (
                len(prev) and prev[-1].lower_ in ("ethnic", "anti", "pro", "anti-", "pro-")
            ):
                continue  # "anti-Syria journalist", "pro-Russian", "ethnic Albanians"
            nxt = doc[h.end : h.end + 2]
            if len(nxt) == 2 and nxt[0].text in ("-", "–") and nxt[1].lower_ in _HYPHEN_MODS \
                    and not (nxt[1].lower_ == "based" and n + 1 < len(hits) and hits[n + 1].kind == "agent"
                             and hits[n + 1].start == h.end + 2
                             and hits[n + 1].first().sector not in ("HRI", "NGO")):
                continue  # "Russian-backed separatists" (but a "Gaza-based militant group" is in Gaza)
            sent = sentence_of(doc, h.start)
            key = (sent.start, sent.end)
            if key not in sports:
                sports[key] = sports_line(sent)
            if sports[key]:
                continue  # "England beat Wales 2-1"
            if n + 1 < len(hits) and hits[n + 1].kind in ("place", "country", "capital"):
                b = hits[n + 1]
                if b.start == h.end + 1 and doc[h.end].text == "," and h.kind in ("place", "capital"):
                    # "Paris, Texas": the second name says where the first one is
                    # ("Atlanta, Georgia": a US city names the US state, not the country)
                    where = h.first() if us_state(doc, b.start, b.end, h.first().country) else b.first()
                    out.append(Hit(h.start, b.end, [replace(where, kind="place")]))
                    skip.add(n + 1)
                    continue
            h = _placed_in(doc, h, hits[n + 1 :])
            if h.kind == "country" and us_state(doc, h.start, h.end, None):
                h = Hit(h.start, h.end, [Entry("place", f"{doc[h.start:h.end].text} (US state)", "USA",
                                               source=f"us_state_homonyms:{doc[h.start:h.end].text}")])
        out.append(h)
    return out


def _placed_in(doc: Doc, h: Hit, later: list[Hit]) -> Hit:
    """A town "in [the] [northern] <country>" belongs to that country, whatever country
    the gazetteer gives its name: "Palma in northern Mozambique" is no Spanish town."""
    nxt = next(iter(later), None)
    if h.kind != "place" or nxt is None or nxt.kind != "country" or nxt.first().country == h.first().country:
        return h
    gap = [t.lower_ for t in doc[h.end : nxt.start]]
    if not gap or gap[0] != "in" or not all(w == "the" or w in _DIRECTIONS for w in gap[1:]):
        return h
    return Hit(h.start, h.end, [replace(h.first(), country=nxt.first().country)])


def _minority(h: Hit) -> Hit:
    """An "ethnic <demonym>" hit as an ethnic group whose kin state is the demonym's country."""
    g = h.first()
    return Hit(h.start, h.end, [Entry("ethnic", g.name, g.country, plural=g.plural, org_kind="minority",
                                      source=f"ethnic:{g.name}", homes=(g.country or "",))])


def ethnic_home(e: Entry, context: Sequence[str | None]) -> str | None:
    """Country of an ethnic/religious group: the first country of the sentence it lives in.

    "ethnic Albanians ... in Macedonia" -> MKD (a minority: any country but its kin state,
    else the kin state); "Kurds ... Iraq" -> IRQ; a group with one home country -> that one;
    otherwise None (the coder then gives it the sentence's or story's country).
    """
    if e.org_kind == "minority":
        return next((c for c in context if c and c != e.country), e.country)
    found = next((c for c in context if c in e.homes), None)
    return found or (e.homes[0] if len(e.homes) == 1 else None)


def _gap_ok(doc: Doc, gap: Span) -> bool:
    tagged = doc.has_annotation("POS")
    for t in gap:
        low = t.lower_
        if low in _BREAK:
            return False
        if low == "based" and t.i > 0 and doc[t.i - 1].text in ("-", "–"):
            continue  # "Gaza-based militants"
        if t.is_punct and t.text not in ("-", "'", "’"):
            return False
        if tagged:
            if t.pos_ not in _ALLOWED_POS or (t.pos_ == "ADP" and low not in ("of", "in")):
                return False
        elif not (low in _JOIN_WORDS or low in _MODIFIERS or t.text[:1].isupper()):
            return False
    return True


def _joinable(doc: Doc, prev: Hit, h: Hit) -> bool:
    gap = doc[prev.end : h.start]
    if len(gap) > 3:
        return False
    if h.kind in _HEADS:
        if h.kind == "leader" and prev.kind == "leader":
            return False
        if h.kind in ("org", "group") and prev.kind == "agent" and prev.first().person \
                and len(gap) >= 1 and gap[0].lower_ == "for":
            return _gap_ok(doc, gap[1:])  # "a spokesman for Human Rights Watch" speaks for it
        return _gap_ok(doc, gap)
    # post-modifier: "government of Iraq", "police in Kharkiv", "President of Russia"
    if prev.kind in ("agent", "org", "ethnic") and h.kind in GEO_KINDS and len(gap) >= 1:
        return gap[0].lower_ in ("of", "in") and _gap_ok(doc, gap[1:])
    return False


def chunk_hits(doc: Doc, hits: list[Hit]) -> list[list[Hit]]:
    """Group neighbouring hits that form one mention."""
    chunks: list[list[Hit]] = []
    for h in hits:
        if chunks and _joinable(doc, chunks[-1][-1], h):
            chunks[-1].append(h)
        else:
            chunks.append([h])
    return chunks


def segments(doc: Doc, chunks: list[list[Hit]]) -> list[list[list[Hit]]]:
    """Split an NP's chunks at coordinators; share country/agent words across members."""
    segs: list[list[list[Hit]]] = []
    for c in chunks:
        if segs:
            gap = doc[segs[-1][-1][-1].end : c[0].start]
            text = " " + gap.text.lower() + " "
            coordinated = any(t.lower_ in _COORD for t in gap) or " as well as " in text \
                or " along with " in text or " together with " in text
            if not coordinated:
                segs[-1].append(c)
                continue
        segs.append([c])
    for i, seg in enumerate(segs):
        head = seg[0]
        kinds = [h.kind for h in head]
        nxt = segs[i + 1][0] if i + 1 < len(segs) else None
        prv = segs[i - 1][0] if i > 0 else None
        if kinds == ["demonym"] and not head[0].first().plural and nxt is not None:
            agents = [h for h in nxt if h.kind == "agent"]
            if agents and nxt[0].kind in GEO_KINDS:  # "Russian [and Chinese troops]"
                head.append(replace(agents[-1], inherited=True))
        elif kinds and all(k == "agent" for k in kinds) and prv is not None:
            if prv[0].kind in ("country", "demonym") and len(prv) > 1:  # "Israeli troops and police"
                head.insert(0, replace(prv[0], inherited=True))
    return segs


def _active(e: Entry, day: str) -> bool:
    return (e.start or "") <= day and (e.end is None or day < e.end)


def _days(day: str | None, default: _Date) -> int:
    try:
        return _Date.fromisoformat(day[:10]).toordinal() if day else default.toordinal()
    except ValueError:
        return default.toordinal()


def _main_role(e: Entry) -> tuple[bool, int, str]:
    """Rank of a dated row for an undated mention: a government role first, then the longest.

    "Tony Blair" with no date is the prime minister (ten years), not the later envoy;
    "Hillary Clinton" the Secretary of State, not the senator.  Ties go to the later row.
    """
    today = _Date.today()
    length = _days(e.end, today) - _days(e.start, today)
    return e.sector == "GOV", length, e.start or ""


def pick_dated(entries: list[Entry], date: str | None, prefer: str | None = None
               ) -> tuple[Entry | None, str]:
    """Choose the row valid on ``date``: ("current"|"former"|"before"|"ambiguous")."""
    cands = [e for e in entries if e.country == prefer] or entries if prefer else entries
    if not cands:
        return None, "ambiguous"
    if not date:
        return max(cands, key=_main_role), "current"
    day = date[:10]
    active = [e for e in cands if _active(e, day)]
    if active:
        if len({e.name for e in active}) > 1 and len({e.country for e in active}) > 1:
            return None, "ambiguous"
        return sorted(active, key=lambda e: e.sector != "GOV")[0], "current"
    past = [e for e in cands if e.end and e.end <= day]
    if past:
        return max(past, key=lambda e: e.end or ""), "former"
    return min(cands, key=lambda e: e.start or ""), "before"


def _own_span(doc: Doc, hits: list[Hit]) -> Span:
    own = [h for h in hits if not h.inherited] or hits
    return doc[min(h.start for h in own) : max(h.end for h in own)]


def build_actor(doc: Doc, seg: list[list[Hit]], date: str | None, role: str,
                context: Sequence[str | None] = ()) -> Actor | None:
    """One actor from one coordinated member (its first informative chunk).

    ``context``: the countries named in the sentence, in order (for ethnic groups).
    """
    informative = [c for c in seg if any(h.kind != "agent" for h in c)]
    hits = list(informative[0] if informative else seg[0])
    if all(h.kind == "agent" for h in hits):
        pass
    elif all(h.kind == "agent" for h in seg[0]) and informative:  # "police in ... Kharkiv"
        hits = seg[0] + [h for h in informative[0] if h.kind in GEO_KINDS]
    first_tok = min(h.start for h in hits if not h.inherited) if any(not h.inherited for h in hits) else hits[0].start
    window = doc[max(0, first_tok - 2) : max(h.end for h in hits)]
    former = any(t.lower_ in _FORMER for t in window)
    geos = [h for h in hits if h.kind in GEO_KINDS]
    agents = [h for h in hits if h.kind == "agent"]
    geo_country = geos[0].first().country if geos else None
    agent_sector = agents[-1].first().sector if agents else None
    why = [h.first().source for h in hits]
    own = _own_span(doc, hits)
    start, end, text = own.start_char, own.end_char, own.text

    def make(country: str | None, sector: str | None, code: str, name: str | None) -> Actor:
        if former and sector not in (None, "ELI") and country not in ("IGO", "NGO", "IMG"):
            sector, code = "ELI", make_code(country, "ELI")
        return Actor(text=text, code=code, country=country, sector=sector, span=(start, end),
                     name=name, why="+".join(why))

    for h in hits:
        if h.kind == "leader":
            entry, status = pick_dated([e for e in h.entries if e.kind == "leader"], date, geo_country)
            if entry is None:
                break
            why[hits.index(h)] = entry.source
            heads = [a.first().sector for a in agents if a.start >= h.end]
            fol = None if heads else follower(doc, h.end)
            if (heads or fol) and status != "before":  # "Putin critics", "Assad's forces", "a Trump supporter"
                if fol:
                    sector, end = fol
                    text = doc.text[start:end]
                else:
                    sector = heads[-1]
                return make(entry.country, sector, make_code(entry.country, sector), None)
            if status == "former":
                return make(entry.country, "ELI", make_code(entry.country, "ELI"), entry.name)
            if status == "before":
                return make(entry.country, None, entry.country or "", entry.name)
            return make(entry.country, entry.sector, entry.full_code(), entry.name)
        if h.kind in ("org", "group"):
            entry, _ = pick_dated([e for e in h.entries if e.kind == h.kind], date)
            if entry is None:
                continue
            if entry.org_kind in ("national", "group") and geo_country and geo_country != entry.country \
                    and entry.country not in ("IMG",):
                sector = entry.sector or agent_sector
                return make(geo_country, sector, make_code(geo_country, sector), entry.name)
            sector = entry.sector or agent_sector
            code = entry.full_code()
            if entry.sector is None and agent_sector and entry.country not in ("IGO", "NGO", "IMG", "MNC"):
                code = make_code(entry.country, agent_sector)
            return make(entry.country, sector, code, entry.name)
    ethnic = [h for h in hits if h.kind == "ethnic"]
    if ethnic:  # "Iraqi Kurds", "Hutu rebels", "ethnic Albanians": civilians unless an agent says more
        e = ethnic[0].first()
        country = geo_country or ethnic_home(e, context)
        sector = agent_sector or "CVL"
        return make(country, sector, make_code(country, sector), e.name)
    if geos:
        g = geos[0].first()
        if not agents:
            if g.kind == "place" and role != "target":
                return None
            sector = "GOV" if g.kind == "capital" and role != "target" else None
            return make(g.country, sector, make_code(g.country, sector), g.name)
        return make(g.country, agent_sector, make_code(g.country, agent_sector), g.name)
    if agents:
        if agent_sector in ("HRI", "NGO"):  # "human rights groups": CAMEO NGOHRI
            return make("NGO", agent_sector, "NGO" + ("HRI" if agent_sector == "HRI" else ""), None)
        home = agents[-1].first().country  # "the pope"
        return make(home, agent_sector, make_code(home, agent_sector) if home else agent_sector or "", None)
    return None
