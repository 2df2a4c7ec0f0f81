"""Analysis of mass comments on a consultation (意见征集的意见分析): groups and themes.

A pure library (stdlib, numpy, scipy, scikit-learn, threadpoolctl, rapidfuzz, rjieba, opencc; no
Django, no other gongkai app) so that the CLI, the service and the staff screen all call the same
code, and so that it can be benchmarked and tested without a database.

What ``analyse`` returns (the shape of issue 14)::

    {"comments": N, "submitters": N,
     "groups": [{"kind": "identical" | "near_duplicate" | "template", "members": [id, ...]}],
     "themes": [{"label": str, "keywords": [str, ...], "members": [id, ...]}]}

Semantics:

- ``comments`` is the number of comments; ``submitters`` the number of distinct senders: distinct
  non-empty submitter keys, plus one for every comment whose submitter is empty (an unknown sender
  is never merged with anyone).
- Texts are compared after normalisation: Unicode NFKC (full-width → half-width), traditional →
  simplified characters (OpenCC t2s), lower case, and every whitespace, punctuation, symbol and
  control character removed. A text with nothing left (only punctuation or emoji) is compared by
  its folded characters without spaces, and only for identity ("👍" is not "👎").
- A comment belongs to at most one group; a group has at least 2 members; members are in input
  order; groups are sorted by size (largest first), then by the position of their first member.
- Grouping is two-level. First, *similar* texts are linked: the Jaccard similarity of their sets of
  character bigrams is at least ``LINK_SIMILARITY`` (0.55), found with MinHash signatures and
  locality-sensitive hashing and verified on the signatures. Linked texts form connected
  components, and each component is split around centres so that chains of merely similar
  comments fall apart: the best-linked text is a centre, the texts with similarity
  ≥ ``LINK_SIMILARITY`` *to the centre* are its cluster; a cluster of ≥ ``ATTACH_MIN_CLUSTER``
  texts also takes in texts linked to one of its members that share ≥ ``ATTACH_SIMILARITY``
  (0.35) with the centre (a member edited twice is far from the skeleton but near a member edited
  once); the rest of the component is split the same way. Texts shorter than
  ``MIN_FUZZY_LENGTH`` (8) characters after normalisation are only ever grouped when identical:
  "同意" and "不同意" are not near-duplicates. Then each cluster is classified:

  * all its comments have the same normalised text → ``identical`` (however many senders);
  * several different texts from at least ``TEMPLATE_MIN_SENDERS`` (5) distinct senders →
    ``template``: a campaign, one text lightly edited by many senders (a changed name, an added
    or deleted sentence, swapped phrases, punctuation);
  * several different texts from fewer senders → split again with the stricter test of a
    near-duplicate: normalised Levenshtein similarity at least ``NEAR_DUPLICATE_SIMILARITY`` (0.85,
    "a few characters changed"); each resulting cluster of several texts is a ``near_duplicate``
    group, and a text sent several times that joins no such cluster is an ``identical`` group.

- Themes: the comments that are in no group, plus one representative (the first member) of each
  group so that a campaign of thousands counts once, are segmented with rjieba, stop words and
  clause numbers removed, weighted with TF-IDF, reduced with truncated SVD (LSA) and clustered with
  k-means; the number of themes (2 to min(``MAX_THEMES``, √(n/2))) is the one with the best
  silhouette on a fixed sample of ``THEME_SAMPLE`` documents. A theme's keywords are its highest mean TF-IDF terms, its label the first three
  joined by "、". A theme's members are its comments *and all members of the groups whose
  representative it holds*, in input order, so every comment with words is in exactly one theme.
  Themes are sorted by size, largest first.
- Deterministic: the same input gives the same output (fixed hash seeds and random states).
"""

from __future__ import annotations

import csv
import functools
import io
import math
import re
import sys
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import opencc
import rjieba
from numpy.typing import NDArray
from rapidfuzz.distance import Levenshtein
from rapidfuzz.process import cdist
from threadpoolctl import threadpool_limits

# --- thresholds (documented in docs/participation-analysis.md) --------------------------------

LINK_SIMILARITY = 0.55  # Jaccard of character bigrams that links two texts (template level)
NEAR_DUPLICATE_SIMILARITY = 0.85  # normalised Levenshtein similarity of a near-duplicate
TEMPLATE_MIN_SENDERS = 5  # distinct senders that make a component of varied texts a campaign
NEAR_DUPLICATE_MAX_TEXTS = 2000  # larger clusters from few senders are not split pairwise
MIN_FUZZY_LENGTH = 8  # shorter normalised texts group only when identical
MAX_THEMES = 12
KEYWORDS_PER_THEME = 8
LABEL_KEYWORDS = 3

# MinHash/LSH: NUM_PERM hash functions in BANDS bands of ROWS rows. A pair with Jaccard s becomes
# a candidate in at least one band with probability 1 - (1 - s**ROWS)**BANDS: 0.90 at 0.55, 0.98 at
# 0.7; a campaign is linked through many members, so its few missed pairs do not matter.
NUM_PERM = 96
ROWS = 4
BANDS = NUM_PERM // ROWS
ATTACH_SIMILARITY = 0.35  # to the centre, for a text linked to a member of a large cluster
ATTACH_MIN_CLUSTER = 5  # texts close to a centre that make it a large cluster
ATTACH_ROUNDS = 4
MAX_CENTRES = 200  # per component; bounds the work on a long chain (the rest stays ungrouped)
ANCHOR_ROUNDS = 3  # per band bucket, members that fail against the anchor try the next anchor
SEED = 20261207
THEME_SAMPLE = 2000  # documents on which the number of themes is chosen and k-means is fitted
SVD_COMPONENTS = 100
SVD_SAMPLE = 10000  # documents on which the LSA projection is fitted (then applied to all)

KIND_IDENTICAL = "identical"
KIND_NEAR_DUPLICATE = "near_duplicate"
KIND_TEMPLATE = "template"

Progress = Callable[[str, int, int], None]


@dataclass(frozen=True, slots=True)
class CommentIn:
    """One comment as the analysis sees it."""

    id: str
    submitter: str  # a stable key of the sender; "" when unknown: then it is its own sender
    clause: str  # clause number like "第三条", or "" for the whole draft
    text: str


class AnalysisInputError(ValueError):
    """Bad input (CSV); the message is in Chinese and names the row numbers."""


# --- CSV ----------------------------------------------------------------------------------------

CSV_COLUMNS = ("id", "submitter", "clause", "text")
MAX_LISTED_ERRORS = 20


def read_comments_csv(text: str) -> list[CommentIn]:
    """Comments from CSV text with the header ``id,submitter,clause,text`` (extra columns ignored).

    Rows are numbered as in a spreadsheet: the header is row 1. Every bad row is reported in one
    ``AnalysisInputError`` (the first ``MAX_LISTED_ERRORS`` listed). Blank lines are skipped.
    """
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    index = _header_index(reader)
    width = max(index.values()) + 1
    errors: list[str] = []
    comments: list[CommentIn] = []
    seen: dict[str, int] = {}
    row_number = 1
    while True:
        row_number += 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            errors.append(f"第{row_number}行：格式错误（{exc}）")
            break
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < width:
            errors.append(f"第{row_number}行：列数不足（{len(row)} 列，至少应有 {width} 列）")
            continue
        cid, body = row[index["id"]].strip(), row[index["text"]].strip()
        problems = [
            *([] if cid else ["缺少 id 列的内容"]),
            *([] if body else ["缺少 text 列的内容"]),
            *([f"id “{cid}” 与第{seen[cid]}行重复"] if cid in seen else []),
        ]
        if problems:
            errors.extend(f"第{row_number}行：{p}" for p in problems)
            continue
        seen[cid] = row_number
        submitter, clause = row[index["submitter"]].strip(), row[index["clause"]].strip()
        comments.append(CommentIn(id=cid, submitter=submitter, clause=clause, text=body))
    if errors:
        listed = "；".join(errors[:MAX_LISTED_ERRORS])
        more = f"；等共 {len(errors)} 处错误" if len(errors) > MAX_LISTED_ERRORS else ""
        raise AnalysisInputError(listed + more)
    return comments


def _header_index(reader: Iterator[list[str]]) -> dict[str, int]:
    """Column positions from the header row (row 1)."""
    try:
        header = next(reader)
    except StopIteration:
        raise AnalysisInputError("第1行：文件为空，应有表头 id,submitter,clause,text") from None
    except csv.Error as exc:
        raise AnalysisInputError(f"第1行：无法读取表头（{exc}）") from None
    names = [h.strip().lower() for h in header]
    missing = [c for c in CSV_COLUMNS if c not in names]
    if missing:
        raise AnalysisInputError(
            "第1行：表头缺少列 " + "、".join(missing) + "（应为 id,submitter,clause,text）"
        )
    return {c: names.index(c) for c in CSV_COLUMNS}


# --- normalisation ------------------------------------------------------------------------------


@functools.cache
def _tables() -> tuple[dict[int, str], dict[int, None]]:
    """(code point → its NFKC form where that differs; code points to delete: categories Z, P, S, C)."""
    compat: dict[int, str] = {}
    strip: dict[int, None] = {}
    for cp in range(sys.maxunicode + 1):
        ch = chr(cp)
        if unicodedata.category(ch)[0] in "ZPSC":
            strip[cp] = None
        folded = unicodedata.normalize("NFKC", ch)
        if folded != ch:
            compat[cp] = folded
    return compat, strip


@functools.cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def _fold(text: str) -> str:
    """NFKC, traditional → simplified characters (OpenCC t2s, as search does), lower case.

    Fast path for NFKC: map each character to its own NFKC form; when the result is already NFKC
    (the quick check) it equals NFKC of the whole text, because NFKC(x) = NFKC(char-wise NFKC(x)).
    Otherwise (combining marks, Hangul jamo) normalise the whole text. 40 % faster on Chinese text.
    """
    mapped = text.translate(_tables()[0])
    if not unicodedata.is_normalized("NFKC", mapped):
        mapped = unicodedata.normalize("NFKC", text)
    return str(_t2s().convert(mapped)).lower()


def normalise(text: str) -> str:
    """The form in which texts are compared: NFKC, simplified characters, lower case, and no
    spaces, punctuation or symbols."""
    return _fold(text).translate(_tables()[1])


# --- MinHash over character bigrams, vectorised with numpy ---------------------------------------

_U64 = np.uint64


def _mix(x: NDArray[np.uint64]) -> NDArray[np.uint64]:
    """splitmix64 finaliser: a fixed, well-spread 64-bit hash (Python's hash() is salted)."""
    with np.errstate(over="ignore"):
        x = x ^ (x >> _U64(30))
        x = x * _U64(0xBF58476D1CE4E5B9)
        x = x ^ (x >> _U64(27))
        x = x * _U64(0x94D049BB133111EB)
        return x ^ (x >> _U64(31))


def _signatures(texts: Sequence[str]) -> NDArray[np.uint32]:
    """MinHash signatures (len(texts) × NUM_PERM) of the character-bigram sets of ``texts``.

    Every text must have at least 2 characters. All bigrams of all texts are hashed in one array;
    each permutation is a multiply-add (mod 2^32) of the mixed bigram, minimised per text.
    """
    lengths = np.fromiter((len(t) for t in texts), dtype=np.int64, count=len(texts))
    codes = np.frombuffer("".join(texts).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    starts = np.zeros(len(texts), dtype=np.int64)
    np.cumsum(lengths[:-1], out=starts[1:])
    # bigram i = (codes[i], codes[i+1]); drop the ones that straddle two texts
    keep = np.ones(len(codes) - 1, dtype=bool)
    keep[(starts + lengths - 1)[:-1]] = False
    # 32 bits of a well-mixed 64-bit hash: collisions among a consultation's ~10^5 distinct
    # bigrams are negligible, and uint32 arithmetic halves the memory traffic of each pass
    grams = (_mix((codes[:-1] << _U64(21)) | codes[1:])[keep] >> _U64(32)).astype(np.uint32)
    gram_starts = starts - np.arange(len(texts))  # each text loses one position (its last)
    rng = np.random.default_rng(SEED)
    # x ↦ a·x + b mod 2^32 with odd a is a permutation of the 32-bit values: a MinHash permutation
    mult = rng.integers(0, 2**31, size=NUM_PERM, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    add = rng.integers(0, 2**32, size=NUM_PERM, dtype=np.uint32)
    sig = np.empty((len(texts), NUM_PERM), dtype=np.uint32)
    with np.errstate(over="ignore"):
        for k in range(NUM_PERM):
            sig[:, k] = np.minimum.reduceat(grams * mult[k] + add[k], gram_starts)
    return sig


def _similar_pairs(sig: NDArray[np.uint32]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Pairs (i, j) of rows whose estimated Jaccard is at least LINK_SIMILARITY.

    For each band, rows with equal band values share a bucket; each row is checked against the
    bucket's first row (the anchor); rows that fail are checked against the first failing row, up
    to ANCHOR_ROUNDS times. Linking to anchors is enough for connected components.
    """
    n = sig.shape[0]
    left: list[NDArray[np.int64]] = []
    right: list[NDArray[np.int64]] = []
    band_weights = _mix(np.arange(1, ROWS + 1, dtype=np.uint64))
    for b in range(BANDS):
        band = sig[:, b * ROWS : (b + 1) * ROWS].astype(np.uint64)
        with np.errstate(over="ignore"):
            keys = (band * band_weights).sum(axis=1, dtype=np.uint64)
        rows = np.arange(n, dtype=np.int64)
        for _ in range(ANCHOR_ROUNDS):
            if len(rows) < 2:
                break
            order = np.argsort(keys[rows], kind="stable")
            rows = rows[order]
            k = keys[rows]
            first = np.ones(len(rows), dtype=bool)
            first[1:] = k[1:] != k[:-1]
            anchor = rows[np.maximum.accumulate(np.where(first, np.arange(len(rows)), 0))]
            test = ~first
            a, m = anchor[test], rows[test]
            if len(m) == 0:
                break
            agree = (sig[a] == sig[m]).mean(axis=1)
            ok = agree >= LINK_SIMILARITY
            left.append(a[ok])
            right.append(m[ok])
            rows = m[~ok]
    if not left:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty
    return np.concatenate(left), np.concatenate(right)


def _components(n: int, left: NDArray[np.int64], right: NDArray[np.int64]) -> NDArray[np.int32]:
    # local import: scipy and scikit-learn take seconds to import; Django processes that import
    # this module (the service, the CLI) should pay that only when an analysis runs.
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    graph = coo_matrix((np.ones(len(left), dtype=np.int8), (left, right)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    return np.asarray(labels, dtype=np.int32)


def _clusters(
    sig: NDArray[np.uint32], left: NDArray[np.int64], right: NDArray[np.int64]
) -> NDArray[np.int64]:
    """Cluster labels: connected components of the links, each split around centres.

    Single linkage alone chains diverse comments that each share a sentence with the next; so
    within a component the best-linked text is taken as a centre, the texts similar to *it*
    (estimated Jaccard ≥ LINK_SIMILARITY) form one cluster, and the rest is split the same way.
    A large cluster (a campaign) also takes in the texts that are linked to one of its members
    and still share ATTACH_SIMILARITY with its centre: a member edited twice is far from the
    skeleton but close to a member edited once. A campaign stays whole; a chain falls apart.
    """
    n = sig.shape[0]
    components = _components(n, left, right)
    degree = np.bincount(np.concatenate([left, right]), minlength=n)
    labels = np.arange(n, dtype=np.int64)  # unlinked texts keep a label of their own
    order = np.argsort(components, kind="stable")
    bounds = np.nonzero(np.diff(components[order]))[0] + 1
    edge_order = np.argsort(components[left], kind="stable")
    edge_bounds = np.searchsorted(components[left][edge_order], np.arange(components.max() + 2))
    taken = np.zeros(n, dtype=bool)
    next_label = n
    for members in np.split(order, bounds):
        if len(members) < 3:
            labels[members] = next_label
            next_label += 1
            continue
        comp = components[members[0]]
        edges = edge_order[edge_bounds[comp] : edge_bounds[comp + 1]]
        el, er = left[edges], right[edges]
        remaining = members
        for _ in range(MAX_CENTRES):
            if len(remaining) < 2:
                break
            centre = remaining[int(np.argmax(degree[remaining]))]
            sims = (sig[remaining] == sig[centre]).mean(axis=1)
            close = sims >= LINK_SIMILARITY
            if close.sum() >= ATTACH_MIN_CLUSTER:
                taken[remaining[close]] = True
                candidate = np.zeros(n, dtype=bool)
                candidate[remaining[(sims >= ATTACH_SIMILARITY) & ~close]] = True
                for _ in range(ATTACH_ROUNDS):
                    reach = np.concatenate([er[taken[el]], el[taken[er]]])
                    new = reach[candidate[reach] & ~taken[reach]]
                    if len(new) == 0:
                        break
                    taken[new] = True
                close = taken[remaining]
                taken[remaining] = False
            labels[remaining[close]] = next_label
            next_label += 1
            remaining = remaining[~close]
        for j in remaining:  # left after MAX_CENTRES centres: ungrouped
            labels[j] = next_label
            next_label += 1
    return labels


# --- grouping -----------------------------------------------------------------------------------


@dataclass(slots=True)
class _Unique:
    """One distinct normalised text with the positions of the comments that carry it."""

    norm: str
    positions: list[int]


def _sender_keys(comments: Sequence[CommentIn]) -> list[str]:
    # An empty submitter is its own sender: key it by position, in a namespace no real key uses.
    return [c.submitter if c.submitter else f"\x00{i}" for i, c in enumerate(comments)]


_SYMBOLS_ONLY = "\x00"  # prefix of the key of a text without letters; never in a normalised text


def _group_positions(
    comments: Sequence[CommentIn], folded: Sequence[str], progress: Progress | None
) -> list[tuple[str, list[int]]]:
    """Groups as (kind, sorted comment positions), unsorted; ``folded``: the texts NFKC + lower."""
    by_norm: dict[str, _Unique] = {}
    uniques: list[_Unique] = []
    strip = _tables()[1]
    for i in range(len(comments)):
        # A text of only punctuation or emoji normalises to "": compare those by their folded
        # characters instead ("👍" and "👎" are not the same), and never fuzzily.
        norm = folded[i].translate(strip) or _SYMBOLS_ONLY + "".join(folded[i].split())
        u = by_norm.get(norm)
        if u is None:
            u = by_norm[norm] = _Unique(norm, [])
            uniques.append(u)
        u.positions.append(i)
    _report(progress, "normalise", len(comments), len(comments))

    fuzzy = [
        j
        for j, u in enumerate(uniques)
        if len(u.norm) >= MIN_FUZZY_LENGTH and not u.norm.startswith(_SYMBOLS_ONLY)
    ]
    component_of = list(range(len(uniques)))  # each unique text alone unless linked
    if len(fuzzy) >= 2:
        sig = _signatures([uniques[j].norm for j in fuzzy])
        _report(progress, "signatures", len(fuzzy), len(fuzzy))
        left, right = _similar_pairs(sig)
        labels = _clusters(sig, left, right)
        for local, j in enumerate(fuzzy):
            component_of[j] = len(uniques) + int(labels[local])
    _report(progress, "links", len(fuzzy), len(fuzzy))

    members: dict[int, list[int]] = {}
    for j, comp in enumerate(component_of):
        members.setdefault(comp, []).append(j)
    senders = _sender_keys(comments)
    groups: list[tuple[str, list[int]]] = []
    for unique_ids in members.values():
        positions = sorted(p for j in unique_ids for p in uniques[j].positions)
        if len(positions) < 2:
            continue
        if len(unique_ids) == 1:
            groups.append((KIND_IDENTICAL, positions))
        elif len({senders[p] for p in positions}) >= TEMPLATE_MIN_SENDERS:
            groups.append((KIND_TEMPLATE, positions))
        else:
            groups.extend(_near_duplicates([uniques[j] for j in unique_ids]))
    _report(progress, "groups", len(groups), len(groups))
    return groups


def _near_duplicates(uniques: Sequence[_Unique]) -> list[tuple[str, list[int]]]:
    """Split a cluster of different texts from few senders by the strict near-duplicate test.

    A cluster of more than NEAR_DUPLICATE_MAX_TEXTS texts (one sender's thousands of variants)
    is not compared pairwise (quadratic): it is one near_duplicate group as clustered.
    """
    texts = [u.norm for u in uniques]
    if len(texts) > NEAR_DUPLICATE_MAX_TEXTS:
        return [(KIND_NEAR_DUPLICATE, sorted(p for u in uniques for p in u.positions))]
    scores = cdist(texts, texts, scorer=Levenshtein.normalized_similarity, dtype=np.float32)
    left, right = np.nonzero(np.triu(scores >= NEAR_DUPLICATE_SIMILARITY, k=1))
    labels = _components(len(texts), left.astype(np.int64), right.astype(np.int64))
    clusters: dict[int, list[int]] = {}
    for j, label in enumerate(labels):
        clusters.setdefault(int(label), []).append(j)
    out: list[tuple[str, list[int]]] = []
    for cluster in clusters.values():
        positions = sorted(p for j in cluster for p in uniques[j].positions)
        if len(positions) < 2:
            continue
        out.append((KIND_IDENTICAL if len(cluster) == 1 else KIND_NEAR_DUPLICATE, positions))
    return out


# --- themes -------------------------------------------------------------------------------------

# Function words and the words every comment on a draft uses; TF-IDF's max_df removes the rest.
_STOP_WORDS_TEXT = """
    的 了 和 与 及 以及 或 或者 是 在 对 对于 就 都 而 而且 并 并且 也 还 又 但 但是 可是 然而 因为 所以
    因此 如果 若 如 如何 怎么 怎样 什么 哪些 这个 那个 这些 那些 这样 那样 这里 那里 这种 那种 其 其中 其他
    之 之一 等 等等 我们 你们 他们 她们 它们 我 你 他 她 它 自己 大家 本人 有关 相关 关于 一些 一下 一个 一种
    没有 不是 不能 不要 可以 能够 应该 应当 需要 必须 要求 进行 通过 按照 根据 为了 由于 已经 正在 将 把 被
    让 给 从 向 到 于 以 为 由 比 很 非常 更 更加 最 太 较 比较 十分 特别 尤其 一定 确实 真的 目前 现在
    现有 今后 以后 之后 之前 以前 同时 另外 此外 还有 只有 只是 不过 已 曾 会 能 要 想 觉得 认为 希望 建议
    意见 提出 提议 看法 观点 个人 本条 该条 条款 本款 条例 办法 规定 草案 征求 征集 意见稿 内容 问题 情况
    方面 工作 有些 部分 一是 二是 三是 第一 第二 第三 首先 其次 最后 总之 谢谢 感谢 您好 你好 请 请问 是否
    能否 可否 并不 不够 不足 以上 以下 上述 下列 所述 此 该 本 各 每 某 另 即 即可 则 便 却 才 再 仍 仍然
    只 只要 只能 还是 或是 就是 也是 都是 不会 不得 不再 非 无 有 做 作 使 使得 导致 造成 得到 作为 成为
    已经 比如 例如 包括 考虑 建立 加强 完善 提高 做好 支持 同意 赞成 反对
"""
STOP_WORDS = frozenset(_STOP_WORDS_TEXT.split())
_CLAUSE_TOKEN = re.compile(r"^第[一二三四五六七八九十百零〇\d]+[条款项章节]$")
_HAS_WORD = re.compile(r"[\w]")


def _tokens(folded: str) -> list[str]:
    return [w for w in rjieba.cut(folded) if len(w) >= 2 and _is_keyword(w)]


@functools.lru_cache(maxsize=200_000)
def _is_keyword(word: str) -> bool:
    # cached: a consultation has ~10^4 distinct words but ~10^6 tokens (measured 5.6 s → 0.6 s)
    return (
        word not in STOP_WORDS
        and not word.isdigit()
        and _HAS_WORD.search(word) is not None
        and _CLAUSE_TOKEN.match(word) is None
    )


def _themes(
    comments: Sequence[CommentIn],
    folded: Sequence[str],
    groups: Sequence[tuple[str, list[int]]],
    progress: Progress | None,
) -> list[dict[str, Any]]:
    # One thread: on a shared machine OpenMP/BLAS threads spin against each other (measured 25×
    # slower under load), the data is small after SVD, and one thread keeps sums in one order.
    with threadpool_limits(limits=1):
        return _cluster_themes(comments, folded, groups, progress)


def _cluster_themes(
    comments: Sequence[CommentIn],
    folded: Sequence[str],
    groups: Sequence[tuple[str, list[int]]],
    progress: Progress | None,
) -> list[dict[str, Any]]:
    # local import: see _components (scikit-learn alone takes 1–3 s to import)
    from sklearn.cluster import KMeans
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import silhouette_score
    from sklearn.preprocessing import normalize as l2_normalise

    followers: dict[int, list[int]] = {g[1][0]: g[1] for g in groups}
    grouped = {p for _, positions in groups for p in positions}
    docs = [i for i in range(len(comments)) if i not in grouped or i in followers]
    tokens = [_tokens(folded[i]) for i in docs]
    kept = [(i, t) for i, t in zip(docs, tokens, strict=True) if t]
    _report(progress, "segment", len(docs), len(docs))
    if not kept:
        return []
    docs, token_lists = [i for i, _ in kept], [t for _, t in kept]
    n = len(docs)
    vectoriser = TfidfVectorizer(
        analyzer=_identity,
        min_df=2 if n >= 10 else 1,
        max_df=0.5 if n >= 10 else 1.0,
        sublinear_tf=True,
    )
    try:
        tfidf = vectoriser.fit_transform(token_lists)
    except ValueError:  # every term pruned by min_df/max_df
        return []
    terms = vectoriser.get_feature_names_out()
    rows_with_terms = np.asarray(tfidf.getnnz(axis=1) > 0)
    if n < 4 or tfidf.shape[1] < 2:
        labels = np.zeros(n, dtype=np.int64)
    else:
        rng = np.random.default_rng(SEED)
        sample = np.sort(rng.choice(n, size=min(n, THEME_SAMPLE), replace=False))
        fit_rows = np.sort(rng.choice(n, size=min(n, SVD_SAMPLE), replace=False))
        dims = min(SVD_COMPONENTS, tfidf.shape[1] - 1, len(fit_rows) - 1)
        svd = TruncatedSVD(n_components=dims, random_state=SEED).fit(tfidf[fit_rows])
        reduced = l2_normalise(svd.transform(tfidf))
        best: tuple[float, Any] | None = None
        for k in range(2, max(2, min(MAX_THEMES, math.isqrt(n // 2))) + 1):
            model = KMeans(n_clusters=k, n_init=3, random_state=SEED).fit(reduced[sample])
            if len(set(model.labels_)) < 2:
                continue
            score = float(silhouette_score(reduced[sample], model.labels_))
            if best is None or score > best[0] + 1e-9:
                best = (score, model)
        labels = np.zeros(n, dtype=np.int64) if best is None else best[1].predict(reduced)

    themes: list[dict[str, Any]] = []
    for label in sorted(set(labels.tolist())):
        rows = np.nonzero((labels == label) & rows_with_terms)[0]
        if len(rows) == 0:
            continue
        weights = np.asarray(tfidf[rows].mean(axis=0)).ravel()
        top = [int(t) for t in np.argsort(-weights, kind="stable")[:KEYWORDS_PER_THEME]]
        keywords = [str(terms[t]) for t in top if weights[t] > 0]
        positions = sorted(
            p for r in np.nonzero(labels == label)[0] for p in followers.get(docs[r], [docs[r]])
        )
        themes.append(
            {
                "label": "、".join(keywords[:LABEL_KEYWORDS]),
                "keywords": keywords,
                "members": [comments[p].id for p in positions],
                "_first": positions[0],
            }
        )
    themes.sort(key=lambda t: (-len(t["members"]), t["_first"]))
    for t in themes:
        del t["_first"]
    return themes


def _identity(tokens: list[str]) -> list[str]:
    return tokens


# --- entry point --------------------------------------------------------------------------------


def _report(progress: Progress | None, stage: str, done: int, total: int) -> None:
    if progress is not None:
        progress(stage, done, total)


def analyse(comments: Sequence[CommentIn], *, progress: Progress | None = None) -> dict[str, Any]:
    """Groups and themes of ``comments`` (see the module docstring for the rules).

    ``progress(stage, done, total)`` is called as stages finish: normalise, signatures, links,
    groups, segment, themes.
    """
    folded = [_fold(c.text) for c in comments]
    groups = _group_positions(comments, folded, progress)
    groups.sort(key=lambda g: (-len(g[1]), g[1][0]))
    senders = _sender_keys(comments)
    themes = _themes(comments, folded, groups, progress)
    _report(progress, "themes", len(themes), len(themes))
    return {
        "comments": len(comments),
        "submitters": len(set(senders)),
        "groups": [
            {"kind": kind, "members": [comments[p].id for p in positions]}
            for kind, positions in groups
        ],
        "themes": themes,
    }
