"""The load stage: a brief file in, a validated :class:`~briefgen.load.model.Brief` with positions out.

``source`` reads YAML (and JSON) as positioned data, ``typed`` and ``validation`` turn it
into the model of ``model``, ``checks`` checks across fields, ``markup`` reads inline
markup, and ``loader`` ties them together.
"""
