"""Features of a candidate answer: how it relates to the question, in terms that carry to any release.

Nothing here names a word of a particular release. Each feature describes a relation: the
candidate's kind against the kind asked; the role it plays in its sentence (speaker of a quote,
origin or destination of a move, venue of an event, site of a plant, member of a list) against
the role asked; how close it sits to the question's anchor words; how much its sentence and
passage share with the question (words, names, dense similarity); where the sentence stands in
the release; whether an index-time fact agrees. The fitted scorer (`qa.scorer`) weighs them.

`featurizer` assembles one row per candidate from the groups: `type_fit` (kind asked against kind
found), `similarity` (the release's and sentence's standing), `overlap` (the question's words near
the evidence), `distance` (to the question's anchors), `roles` (speaker, title, place role),
`number`, `dates`, `lists` and `facts`. `views` and `terms` hold what they share per release and
sentence. A row's key order is the model's feature order (`qa.training.fitting.feature_list`):
the groups run in a fixed order.
"""
