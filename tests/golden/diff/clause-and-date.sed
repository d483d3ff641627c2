# example: mobilite-verte
# One clause option and one date changed: diff reports exactly those (the
# articles whose words they change, and the two values).
s/propriete_intellectuelle: kit_etat/propriete_intellectuelle: co_creation/
s/fin: 2026-06-30,/fin: 2026-07-31,/
