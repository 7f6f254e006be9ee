"""The fact table queried across the archive: filter facts of many releases, then list each thing once.

`query.select` filters the index-time facts by kind, role, destination and origin, release date
range, organisation and name, and `query.distinct` folds what is left into entries: one per firm
(or person, place…), whatever legal marker or particle its name was written with, and within an
entry one citation per story (near-duplicate copies of a release count once; see `index.groups`).
Every entry keeps the verbatim sentence each of its citations quotes. How a filter reads a fact
is `reading`'s job; what a query and its results are, `records`'.
"""
