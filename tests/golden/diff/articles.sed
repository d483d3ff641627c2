# example: mobilite-verte
# An article removed (communication), one added (a free-text clause), the
# partner renamed: articles renumbered, matched by their id, not their
# number.
/^  responsabilite: true$/a\
  communication: false\
  supplementaires:\
    - { titre: "Clause d'essai", texte: "Les Parties conviennent d'une période d'essai d'un mois." }
s/denomination: "Mobilité Verte SAS"/denomination: "Mobilité Verte France SAS"/
