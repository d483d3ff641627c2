# example: parite-ensemble
# Nothing changed: no difference, exit status 0.
